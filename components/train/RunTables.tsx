'use client';
/** The tables under a run's headline figures: TRL's RewardTrainer metrics and held-out accuracy by preference strength. */
import type { StoredSplitFigures as SplitFigures } from '@/lib/core/reward-model/run-record';
import { rateInterval } from '@/lib/core/stats/wilson';
import { fixed, percent } from '@/components/ui/format';
import { ciText } from '@/components/ui/SampleNotes';

const f = (x: number | null | undefined, digits = 3) => fixed(x, digits);
const pct = (x: number | null | undefined) => percent(x, 1);
const HEAD = 'border-b border-slate-300 dark:border-slate-700';
const ROW = 'border-b border-slate-200 dark:border-slate-800';

export function TrlTable({ heldOut, train }: { heldOut: SplitFigures; train: SplitFigures }) {
  const rows: [string, (s: SplitFigures) => string][] = [
    ['accuracy', (s) => f(s.trl?.accuracy)],
    ['margin', (s) => f(s.trl?.margin)],
    ['min_reward', (s) => f(s.trl?.min_reward)],
    ['mean_reward', (s) => f(s.trl?.mean_reward)],
    ['max_reward', (s) => f(s.trl?.max_reward)],
  ];
  return (
    <div className="relative overflow-x-auto">
      <table className="w-full text-left text-sm" data-testid="trl-metrics">
        <caption className="mb-1 text-left font-medium">TRL RewardTrainer metrics</caption>
        <thead>
          <tr className={HEAD}>
            <th scope="col">Metric</th>
            <th scope="col" className="text-right">
              Held-out (n = {heldOut.n})
            </th>
            <th scope="col" className="text-right">
              Train (n = {train.n})
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([name, get]) => (
            <tr key={name} className={ROW}>
              <td className="font-mono">{name}</td>
              <td className="text-right tabular-nums">{get(heldOut)}</td>
              <td className="text-right tabular-nums">{get(train)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function StrengthTable({ heldOut }: { heldOut: SplitFigures }) {
  return (
    <div className="relative overflow-x-auto">
      <table className="w-full text-left text-sm" data-testid="strength-table">
        <caption className="mb-1 text-left font-medium">Held-out accuracy by preference strength</caption>
        <thead>
          <tr className={HEAD}>
            <th scope="col">Strength</th>
            <th scope="col" className="text-right">
              Pairs
            </th>
            <th scope="col" className="text-right">
              Accuracy
            </th>
            <th scope="col" className="pl-2 text-right">
              95% interval
            </th>
          </tr>
        </thead>
        <tbody>
          {heldOut.byStrength.map((s) => (
            <tr key={String(s.strength)} className={ROW}>
              <td>
                {s.strength === 'none'
                  ? 'not given'
                  : s.strength === 3
                    ? '3 (much better)'
                    : String(s.strength)}
              </td>
              <td className="text-right tabular-nums">{s.n}</td>
              <td className="text-right tabular-nums">{pct(s.accuracy)}</td>
              <td className="pl-2 text-right tabular-nums">
                {ciText(rateInterval(s.accuracy, s.n)).replace('95% CI ', '') || '—'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
