'use client';
/** The numbers a room reads first: how often the top-reward answer is wrong, the hacking gap, best-of-n, length. */
import type { SliceFigures } from '@/lib/core/goodhart/report';
import { percent } from '@/components/ui/format';

const pct = (x: number | null | undefined) => percent(x);

export function Headlines({ figures, slice }: { figures: SliceFigures; slice: string }) {
  const bon = figures.bestOfN;
  const first = bon[0];
  const last = bon[bon.length - 1];
  const gap = figures.hackingGap;
  return (
    <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-4" data-testid="headlines">
      <Card
        testId="wrong-preferred"
        big={pct(figures.wrongPreferredRate)}
        text={
          figures.wrongPreferredRate === null
            ? 'needs prompts with both a correct and an incorrect response (gold labels)'
            : `of ${slice} prompts: the reward model prefers a wrong answer to a right one (its top-reward response is incorrect; ${figures.eligiblePrompts} prompts)`
        }
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
        alarm={!!first && !!last && first.gold !== null && last.gold !== null && last.gold < first.gold}
      />
      <Card
        testId="length-corr"
        big={figures.lengthCorrelation === null ? '—' : figures.lengthCorrelation.toFixed(2)}
        text="correlation of reward with answer length (Pearson r)"
        alarm={(figures.lengthCorrelation ?? 0) > 0.3}
      />
    </div>
  );
}

function Card({ big, text, alarm, testId }: { big: string; text: string; alarm: boolean; testId: string }) {
  return (
    <div
      data-testid={testId}
      className={`rounded-lg border p-4 ${alarm ? 'border-amber-600 bg-amber-50 dark:border-amber-400 dark:bg-amber-950' : 'border-slate-300 dark:border-slate-700'}`}
    >
      <p className="text-4xl font-bold tabular-nums">{big}</p>
      <p className="mt-1 text-sm">{text}</p>
    </div>
  );
}
