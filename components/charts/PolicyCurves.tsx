'use client';
/**
 * Active-learning curves: held-out accuracy (%) against the number of labels, one line per labelling
 * policy (random, uncertainty, ...), with the chance level as a dotted line.
 */
import { useMemo } from 'react';
import { Chart } from './Chart';
import { buildPolicyCurvesOption, type PolicyCurve } from './options/metricVsKnob';
import { formatPercent } from './options/common';
import { useColorScheme } from './useColorScheme';

export type { PolicyCurve } from './options/metricVsKnob';

/** Props of {@link PolicyCurves}. */
export interface PolicyCurvesProps {
  curves: readonly PolicyCurve[];
  /** Chance accuracy (default 0.5); null hides the line. */
  chance?: number | null;
  title?: string;
  fileName?: string;
  height?: number;
}

/** Held-out accuracy against labels for each policy. */
export function PolicyCurves({
  curves,
  chance,
  title = 'Accuracy against number of labels',
  fileName = 'policy-curves',
  height = 400,
}: PolicyCurvesProps) {
  const theme = useColorScheme();
  const option = useMemo(() => buildPolicyCurvesOption(curves, theme, { chance }), [curves, theme, chance]);
  const rows = useMemo(
    () =>
      curves.flatMap((c) =>
        c.points.map((p) => ({ policy: c.policy, labels: p.labels, accuracy: p.accuracy })),
      ),
    [curves],
  );
  const summary = curves
    .map((c) => {
      const last = [...c.points].sort((a, b) => a.labels - b.labels).at(-1);
      return last
        ? `${c.policy} reaches ${formatPercent(last.accuracy)} at ${last.labels} labels`
        : `${c.policy}: no points`;
    })
    .join('; ');
  return (
    <Chart
      option={option}
      title={title}
      description={`Held-out accuracy against number of labels for ${curves.length} policies: ${summary}.`}
      rows={rows}
      fileName={fileName}
      height={height}
    />
  );
}
