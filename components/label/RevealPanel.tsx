'use client';
/** After a judgment (when "reveal" is on): which response of the last pair was actually correct. */
import type { Response } from '@/lib/core/types';
import type { LastDecision } from './useLabelingSession';

function verdict(r: Response | undefined): string {
  if (!r || r.correct === undefined) return 'no gold label';
  return r.correct ? 'correct' : 'incorrect';
}

export function RevealPanel({ last, responses }: { last: LastDecision; responses: Map<string, Response> }) {
  const left = responses.get(last.leftId);
  const right = responses.get(last.rightId);
  const picked = last.outcome === 'a' ? left : last.outcome === 'b' ? right : undefined;
  const pickedWrong = picked?.correct === false && left?.correct !== right?.correct;
  return (
    <section
      aria-label="Gold for the last pair"
      data-testid="reveal"
      className={`rounded-lg border p-3 text-sm ${
        pickedWrong
          ? 'border-amber-600 bg-amber-50 dark:bg-amber-950'
          : 'border-slate-300 bg-slate-50 dark:border-slate-700 dark:bg-slate-900'
      }`}
    >
      <p className="font-semibold">Last pair, revealed</p>
      <p>
        Left was <strong>{verdict(left)}</strong>; right was <strong>{verdict(right)}</strong>.
        {last.kind === 'skip' ? ' You skipped it.' : null}
        {pickedWrong
          ? ' You preferred the incorrect one: that is exactly what a reward model learns from.'
          : null}
      </p>
    </section>
  );
}
