'use client';
/**
 * The optimiser's outcome over a sweep: expected gold at the start and at the end of the optimisation
 * (share of correct answers) in one chart, the proxy gain (how much the optimised reward rose) and the KL
 * reached in another, and the figures in a table, against the knob.
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

/** Props of {@link OptimizerResults}. */
export interface OptimizerResultsProps {
  knob: KnobId;
  values: readonly number[];
  points: readonly (SweepPoint | undefined)[];
  title: string;
}

/** Charts and table of the optimiser's outcome at each point of a sweep. */
export function OptimizerResults({ knob, values, points, title }: OptimizerResultsProps) {
  const xLog = KNOBS[knob].scale === 'log' && values.every((v) => v > 0);
  const gold = useMemo(
    () => ({
      x: values,
      series: [
        {
          name: 'Gold at the end of the optimisation',
          values: points.map((p) => p?.optimizer?.goldEnd ?? null),
        },
        { name: 'Gold before it (base policy)', values: points.map((p) => p?.optimizer?.goldStart ?? null) },
      ],
    }),
    [values, points],
  );
  const proxy = useMemo(
    () => ({
      x: values,
      series: [
        { name: 'Proxy gain (optimised reward)', values: points.map((p) => p?.optimizer?.proxyGain ?? null) },
        { name: 'KL reached (nats)', values: points.map((p) => p?.optimizer?.kl ?? null) },
      ],
    }),
    [values, points],
  );
  const done = points.filter((p): p is SweepPoint & Required<Pick<SweepPoint, 'optimizer'>> =>
    Boolean(p?.optimizer),
  );
  return (
    <div className="space-y-4" data-testid="optimizer-results">
      <MetricVsKnob
        sweep={gold}
        xName={knobAxisName(knob)}
        yName="Gold (%)"
        percent
        xLog={xLog}
        title={`${title} · gold under the optimiser`}
        fileName={`sweep-${knob}-optimizer-gold`}
        height={380}
      />
      <MetricVsKnob
        sweep={proxy}
        xName={knobAxisName(knob)}
        yName="Reward units / nats"
        xLog={xLog}
        title={`${title} · proxy gain and KL`}
        fileName={`sweep-${knob}-optimizer-proxy`}
        height={300}
      />
      {done.length > 0 && (
        <TableScroll label="Optimiser outcome">
          <table className="w-full text-left text-sm" data-testid="optimizer-table">
            <caption className="mb-1 text-left text-sm text-slate-700 dark:text-slate-300">
              Expected over every prompt of the optimiser’s table. The proxy is the reward the optimiser
              maximised (with the mitigations on), so its gain is in that reward’s units.
            </caption>
            <thead>
              <tr className="border-b border-slate-300 dark:border-slate-700">
                {[KNOBS[knob].label, 'Gold: start → end', 'Gold peak', 'Proxy gain', 'KL reached'].map(
                  (h) => (
                    <th key={h} scope="col" className="py-1 pr-4">
                      {h}
                    </th>
                  ),
                )}
              </tr>
            </thead>
            <tbody>
              {done.map((p) => (
                <tr key={p.value} className="border-b border-slate-200 tabular-nums dark:border-slate-800">
                  <td className="py-1 pr-4">{formatKnobValue(knob, p.value)}</td>
                  <td className="py-1 pr-4">
                    {percent(p.optimizer.goldStart, 1)} → {percent(p.optimizer.goldEnd, 1)}
                  </td>
                  <td className="py-1 pr-4">{percent(p.optimizer.goldPeak, 1)}</td>
                  <td className="py-1 pr-4">
                    {p.optimizer.proxyGain >= 0 ? '+' : '−'}
                    {Math.abs(p.optimizer.proxyGain).toFixed(2)}
                  </td>
                  <td className="py-1 pr-4">{p.optimizer.kl.toFixed(2)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </div>
  );
}
