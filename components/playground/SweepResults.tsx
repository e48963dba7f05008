'use client';
/**
 * A sweep's results: the three headline metrics (held-out wrong-preferred rate, held-out accuracy, gold
 * peak of best-of-n) against the knob in one large chart, and every figure in a table. When the sweep ran
 * the optimiser, its outcome leads: gold at the start and end of the optimisation, and the proxy gain,
 * against the knob (./OptimizerResults.tsx).
 */
import { useMemo } from 'react';
import { MetricVsKnob } from '@/components/charts/MetricVsKnob';
import {
  KNOBS,
  formatKnobValue,
  knobAxisName,
  type KnobId,
  type SweepPoint,
} from '@/lib/core/playground/sweep';
import { percent } from '@/components/ui/format';
import { TableScroll } from '@/components/ui/TableScroll';
import { OptimizerResults } from './OptimizerResults';

const pct = (v: number | null) => percent(v, 1);

/** Props of {@link SweepResults}. */
export interface SweepResultsProps {
  knob: KnobId;
  /** Every value the sweep visits, in order (points not yet run show as gaps). */
  values: readonly number[];
  points: readonly (SweepPoint | undefined)[];
  title: string;
}

/** Chart and table of a (possibly partial) sweep. */
export function SweepResults({ knob, values, points, title }: SweepResultsProps) {
  const sweep = useMemo(
    () => ({
      x: values,
      series: [
        {
          name: 'Wrong answer preferred (held-out)',
          values: points.map((p) => p?.wrongPreferredRate ?? null),
        },
        { name: 'Held-out accuracy vs rater', values: points.map((p) => p?.heldOutAccuracy ?? null) },
        { name: 'Best-of-n gold peak', values: points.map((p) => p?.goldPeak ?? null) },
      ],
    }),
    [values, points],
  );
  const done = points.filter(Boolean) as SweepPoint[];
  const optimizer = KNOBS[knob].kind === 'optimizer' || done.some((p) => p.optimizer);
  return (
    <div className="space-y-4">
      {optimizer && <OptimizerResults knob={knob} values={values} points={points} title={title} />}
      <MetricVsKnob
        sweep={sweep}
        xName={knobAxisName(knob)}
        yName="Share (%)"
        percent
        xLog={KNOBS[knob].scale === 'log' && values.every((v) => v > 0)}
        title={optimizer ? `${title} · the reward model` : title}
        fileName={`sweep-${knob}`}
        height={optimizer ? 320 : 440}
      />
      {done.length > 0 && (
        <TableScroll label="Sweep results">
          <table className="w-full text-left text-sm" data-testid="sweep-table">
            <caption className="mb-1 text-left text-sm text-slate-700 dark:text-slate-300">
              Figures on held-out prompts (the model did not train on them). Gold peak: the highest expected
              share of correct answers when picking the best of n by reward, and the n where it peaks.
            </caption>
            <thead>
              <tr className="border-b border-slate-300 dark:border-slate-700">
                <th scope="col" className="py-1 pr-4">
                  {KNOBS[knob].label}
                </th>
                <th scope="col" className="py-1 pr-4">
                  Labels
                </th>
                <th scope="col" className="py-1 pr-4">
                  Wrong answer preferred
                </th>
                <th scope="col" className="py-1 pr-4">
                  Held-out accuracy
                </th>
                <th scope="col" className="py-1 pr-4">
                  Gold peak (at n)
                </th>
                <th scope="col" className="py-1 pr-4">
                  Hacking gap (SD)
                </th>
              </tr>
            </thead>
            <tbody>
              {done.map((p) => (
                <tr
                  key={p.value}
                  data-point={JSON.stringify(p)}
                  className="border-b border-slate-200 tabular-nums dark:border-slate-800"
                >
                  <td className="py-1 pr-4">{formatKnobValue(knob, p.value)}</td>
                  <td className="py-1 pr-4">{p.labels}</td>
                  <td className="py-1 pr-4">{pct(p.wrongPreferredRate)}</td>
                  <td className="py-1 pr-4">{pct(p.heldOutAccuracy)}</td>
                  <td className="py-1 pr-4">
                    {pct(p.goldPeak)}
                    {p.goldPeakN !== null && ` (n = ${p.goldPeakN})`}
                  </td>
                  <td className="py-1 pr-4">{p.hackingGap === null ? '—' : p.hackingGap.toFixed(2)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </div>
  );
}
