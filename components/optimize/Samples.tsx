'use client';
/** Sample outputs at the optimiser's checkpoints, so the text can be read turning confident, bolded, flattering. */
import { useState } from 'react';
import type { OptimizeSample } from '@/lib/core/goodhart/optimize/run';
import { EDITS } from '@/lib/core/goodhart/probes/edits';
import { Markdown } from '@/components/Markdown';
import { fixed } from '@/components/ui/format';

const editName = (id: string) => EDITS.find((e) => e.id === id)?.name ?? id;

export function Samples({ samples, title }: { samples: readonly OptimizeSample[]; title: string }) {
  const prompts = [...new Set(samples.map((s) => s.promptId))];
  const [prompt, setPrompt] = useState(0);
  const shown = samples.filter((s) => s.promptId === prompts[Math.min(prompt, prompts.length - 1)]);
  if (samples.length === 0) return null;
  return (
    <section aria-labelledby="samples-h" className="space-y-3" data-testid="samples">
      <div className="flex flex-wrap items-center gap-3">
        <h2 id="samples-h" className="text-xl font-semibold">
          {title}
        </h2>
        {prompts.length > 1 && (
          <div role="group" aria-label="Which prompt" className="flex gap-1">
            {prompts.map((p, i) => (
              <button
                key={p}
                type="button"
                aria-pressed={i === prompt}
                onClick={() => setPrompt(i)}
                className={`rounded-md border px-3 py-1 text-sm ${i === prompt ? 'border-blue-700 bg-blue-700 text-white' : 'border-slate-400'}`}
              >
                Prompt {i + 1}
              </button>
            ))}
          </div>
        )}
      </div>
      {shown[0] && (
        <p className="break-words text-sm text-slate-700 dark:text-slate-300">{shown[0].prompt}</p>
      )}
      <ol className="grid gap-3 lg:grid-cols-2">
        {shown.map((s, i) => (
          <li
            key={`${s.step}-${i}`}
            className="min-w-0 rounded-lg border border-slate-300 p-3 dark:border-slate-700"
          >
            <p className="mb-1 text-sm font-semibold">
              Step {s.step} · KL {fixed(s.kl, 2)} nats · reward {fixed(s.reward, 2)} ·{' '}
              {s.correct === null ? 'no gold' : s.correct ? 'correct' : 'incorrect'}
            </p>
            <p className="mb-2 text-xs text-slate-700 dark:text-slate-300">
              Edits: {s.edits.length ? s.edits.map(editName).join(', ') : 'none'}
            </p>
            <div
              className="max-h-80 overflow-auto break-words text-sm"
              role="region"
              tabIndex={0}
              aria-label={`Output at step ${s.step}`}
            >
              <Markdown text={s.text} />
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
