'use client';
/**
 * The strip of recent decisions on /label (lib/core/labeling/recent.ts keeps it, in every tab alike): the
 * last few judgments and skips, newest first, each naming its prompt, with its own Undo (as Prodigy's
 * history does), and its gold when reveal is on. U undoes the newest; pressed again it steps back further.
 */
import type { Prompt, Response } from '@/lib/core/types';
import { Button, Kbd } from '@/components/ui/Button';
import type { LastDecision } from './useLabelingSession';
import { pickedWrong } from './RevealPanel';
import { describeDecision, promptExcerpt } from './words';

function gold(d: LastDecision, responses: Map<string, Response>): string {
  const l = responses.get(d.leftId)?.correct;
  const r = responses.get(d.rightId)?.correct;
  if (l === undefined && r === undefined) return 'no gold';
  const word = (c: boolean | undefined) => (c === undefined ? '?' : c ? 'correct' : 'incorrect');
  return `left ${word(l)}, right ${word(r)}`;
}

export function RecentDecisions({
  recent,
  prompts,
  responses,
  reveal,
  busy,
  onUndo,
}: {
  recent: readonly LastDecision[];
  prompts: Map<string, Prompt>;
  responses: Map<string, Response>;
  reveal: boolean;
  busy: boolean;
  onUndo: (d: LastDecision) => void;
}) {
  return (
    <section
      aria-labelledby="recent-h"
      data-testid="recent-decisions"
      className="rounded-lg border border-slate-300 p-3 text-sm dark:border-slate-700"
    >
      <h2 id="recent-h" className="font-semibold">
        Your last decisions
      </h2>
      {recent.length === 0 ? (
        <p className="mt-1 text-slate-700 dark:text-slate-300">None yet on this dataset.</p>
      ) : (
        <ol className="mt-2 space-y-1.5">
          {recent.map((d) => {
            const excerpt = promptExcerpt(prompts.get(d.promptId)?.text, 48);
            const what = describeDecision(d);
            return (
              <li
                key={d.id}
                data-testid="recent-item"
                data-id={d.id}
                className="flex items-start gap-2 border-b border-slate-200 pb-1.5 last:border-0 dark:border-slate-800"
              >
                <div className="min-w-0 flex-1">
                  <p className="font-medium">
                    {what}
                    {d.repeatOf ? ' (self-audit repeat)' : ''}
                  </p>
                  <p className="truncate text-slate-700 dark:text-slate-300" title={excerpt}>
                    “<bdi>{excerpt}</bdi>”
                  </p>
                  {reveal && d.kind === 'comparison' && (
                    <p
                      className={
                        pickedWrong(d, responses)
                          ? 'text-amber-800 dark:text-amber-300'
                          : 'text-slate-600 dark:text-slate-400'
                      }
                    >
                      Gold: {gold(d, responses)}
                    </p>
                  )}
                </div>
                <Button
                  className="shrink-0 px-2 py-0.5 text-xs"
                  disabled={busy}
                  onClick={() => onUndo(d)}
                  aria-label={`Undo “${what}” on “${excerpt}”`}
                >
                  Undo
                </Button>
              </li>
            );
          })}
        </ol>
      )}
      <p className="mt-2 text-xs text-slate-600 dark:text-slate-400">
        <Kbd>U</Kbd> undoes the newest; press it again to step back further. An undone pair is shown again.
      </p>
    </section>
  );
}
