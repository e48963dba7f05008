'use client';
/**
 * The verdict at the top of /inspect: one sentence from the slice's figures (lib/core/goodhart/verdict.ts),
 * and below the small-sample thresholds the plain note of what is unreliable, with the simulated rater.
 */
import type { SliceFigures } from '@/lib/core/goodhart/report';
import { verdict } from '@/lib/core/goodhart/verdict';
import { inspectSampleNotes } from '@/lib/core/sample-size';
import { SampleNotes } from '@/components/ui/SampleNotes';

const TONE = {
  alarm: 'border-amber-600 bg-amber-50 dark:border-amber-400 dark:bg-amber-950',
  good: 'border-emerald-700 bg-emerald-50 dark:border-emerald-400 dark:bg-emerald-950',
  mixed: 'border-slate-400 bg-slate-50 dark:bg-slate-900',
  unsure: 'border-slate-400 bg-slate-50 dark:bg-slate-900',
} as const;

export function Verdict({
  figures,
  slice,
  labels,
}: {
  figures: SliceFigures;
  slice: string;
  /** Labels the model trained on; null when not known (external scores, an imported model file). */
  labels: number | null;
}) {
  const v = verdict({ figures, slice, labels });
  const notes = inspectSampleNotes({
    labels,
    prompts: figures.wrongPreferredRate === null ? figures.prompts : figures.eligiblePrompts,
    slice: slice === 'all' ? 'all' : slice,
  });
  return (
    <div className="space-y-3">
      <p
        data-testid="verdict"
        data-tone={v.tone}
        className={`rounded-lg border-l-4 p-4 text-base font-medium sm:text-lg ${TONE[v.tone]}`}
      >
        <span className="sr-only">Verdict: </span>
        {v.text}
      </p>
      <SampleNotes notes={notes} simulateHref="/train#simulate" />
    </div>
  );
}
