'use client';
/** The pairs where the model most confidently prefers the wrong answer, side by side, with what drove each score. */
import type { GalleryPair, GallerySide } from '@/lib/core/goodhart/report';
import { Markdown } from '@/components/Markdown';

export function Gallery({ pairs }: { pairs: GalleryPair[] }) {
  if (!pairs.length)
    return (
      <p className="text-sm">
        No pair where the model prefers a wrong answer to a right one. Well done, raters.
      </p>
    );
  return (
    <ol className="space-y-6" data-testid="gallery">
      {pairs.map((p) => (
        <li key={p.promptId} className="rounded-lg border border-slate-300 p-4 dark:border-slate-700">
          <p className="text-xs font-semibold uppercase tracking-wide text-slate-700 dark:text-slate-300">
            {p.heldOut ? 'held-out prompt' : 'training prompt'} · the model is {Math.round(100 * p.pWrong)}%
            sure the wrong answer is better (reward gap {p.gap.toFixed(2)})
          </p>
          <div className="mt-1 font-medium">
            <Markdown text={p.prompt} />
          </div>
          <div className="mt-3 grid gap-4 md:grid-cols-2">
            <Side side={p.wrong} label="Preferred by the model — incorrect" wrong />
            <Side side={p.right} label="Correct answer" />
          </div>
        </li>
      ))}
    </ol>
  );
}

function Side({ side, label, wrong }: { side: GallerySide; label: string; wrong?: boolean }) {
  return (
    <div
      className={`rounded-md border p-3 ${wrong ? 'border-amber-600 bg-amber-50 dark:border-amber-400 dark:bg-amber-950' : 'border-slate-300 dark:border-slate-700'}`}
    >
      <p className="text-sm font-semibold">
        {label} · reward {side.reward.toFixed(2)}
        {side.style ? ` · ${side.style}` : ''}
      </p>
      <div className="mt-1 text-sm">
        <Markdown text={side.text} />
      </div>
      {side.top.length > 0 && (
        <p className="mt-2 text-xs">
          Drove the score:{' '}
          {side.top
            .slice(0, 5)
            .map((c) => `${c.name} ${c.contribution >= 0 ? '+' : ''}${c.contribution.toFixed(2)}`)
            .join(', ')}
        </p>
      )}
    </div>
  );
}
