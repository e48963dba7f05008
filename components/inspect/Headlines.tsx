'use client';
/**
 * The numbers a room reads first: how often the top-reward answer is wrong, the hacking gap, best-of-n,
 * length; each with the n it rests on, and rates with their 95% Wilson interval.
 */
import type { SliceFigures } from '@/lib/core/goodhart/report';
import { rateInterval } from '@/lib/core/stats/wilson';
import { percent } from '@/components/ui/format';
import { ciText } from '@/components/ui/SampleNotes';

const pct = (x: number | null | undefined) => percent(x);

export function Headlines({ figures, slice }: { figures: SliceFigures; slice: string }) {
  const bon = figures.bestOfN;
  const first = bon[0];
  const last = bon[bon.length - 1];
  const gap = figures.hackingGap;
  const count = (correct: boolean, style: string) =>
    figures.groups.find((g) => g.correct === correct && g.style === style)?.n ?? 0;
  const wrongCi = ciText(rateInterval(figures.wrongPreferredRate, figures.eligiblePrompts));
  return (
    <div className="grid min-w-0 gap-4 md:grid-cols-2 xl:grid-cols-4" data-testid="headlines">
      <Card
        testId="wrong-preferred"
        big={pct(figures.wrongPreferredRate)}
        text={
          figures.wrongPreferredRate === null
            ? 'needs prompts with both a correct and an incorrect response (gold labels)'
            : `of ${slice} prompts: the reward model prefers a wrong answer to a right one (its top-reward response is incorrect)`
        }
        n={figures.wrongPreferredRate === null ? null : `${wrongCi} · n = ${figures.eligiblePrompts} prompts`}
        alarm={(figures.wrongPreferredRate ?? 0) >= 0.5}
      />
      <Card
        testId="hacking-gap"
        big={gap === null ? '—' : `${gap >= 0 ? '+' : ''}${gap.toFixed(2)} SD`}
        text={
          gap === null
            ? 'needs style:fluent and style:hedged tags and gold labels'
            : 'more reward for fluent-but-wrong than for hedged-but-right answers (in reward standard deviations)'
        }
        n={
          gap === null
            ? null
            : `n = ${count(false, 'fluent')} fluent-wrong and ${count(true, 'hedged')} hedged-right responses`
        }
        alarm={(gap ?? 0) > 0}
      />
      <Card
        testId="best-of-n"
        big={
          first?.gold === null || last?.gold === null || !first || !last
            ? '—'
            : `${pct(first.gold)} → ${pct(last.gold)}`
        }
        text={
          first && last
            ? `gold correctness when you pick the best of 1 → best of ${last.n} answers by reward (proxy reward ${first.proxy.toFixed(2)} → ${last.proxy.toFixed(2)})`
            : 'no best-of-n curve'
        }
        n={first && last ? `n = ${figures.prompts} prompts` : null}
        alarm={!!first && !!last && first.gold !== null && last.gold !== null && last.gold < first.gold}
      />
      <Card
        testId="length-corr"
        big={figures.lengthCorrelation === null ? '—' : figures.lengthCorrelation.toFixed(2)}
        text="correlation of reward with answer length (Pearson r)"
        n={`n = ${figures.responses} responses`}
        alarm={(figures.lengthCorrelation ?? 0) > 0.3}
      />
    </div>
  );
}

function Card({
  big,
  text,
  n,
  alarm,
  testId,
}: {
  big: string;
  text: string;
  /** The n the figure rests on (and its interval), shown under it. */
  n: string | null;
  alarm: boolean;
  testId: string;
}) {
  return (
    <div
      data-testid={testId}
      className={`min-w-0 rounded-lg border p-4 ${alarm ? 'border-amber-600 bg-amber-50 dark:border-amber-400 dark:bg-amber-950' : 'border-slate-300 dark:border-slate-700'}`}
    >
      <p className="text-4xl font-bold tabular-nums">{big}</p>
      <p className="mt-1 text-sm">{text}</p>
      {n && (
        <p
          className="mt-1 text-xs tabular-nums text-slate-700 dark:text-slate-300"
          data-testid={`${testId}-n`}
        >
          {n}
        </p>
      )}
    </div>
  );
}
