'use client';
/**
 * Sweep chart: one or more metrics as lines against a knob (rater noise, regularisation, number of
 * labels...), knob name and unit on the x axis.
 */
import { useMemo } from 'react';
import { Chart } from './Chart';
import { buildMetricVsKnobOption, type KnobSweep } from './options/metricVsKnob';
import { useColorScheme } from './useColorScheme';

export type { KnobSeries, KnobSweep } from './options/metricVsKnob';

/** Props of {@link MetricVsKnob}. */
export interface MetricVsKnobProps {
  sweep: KnobSweep;
  /** x axis title with unit, e.g. "Rater noise β". */
  xName: string;
  /** y axis title with unit. */
  yName: string;
  /** Values are fractions 0..1 to show as %. */
  percent?: boolean;
  /** Log-scale x axis. */
  xLog?: boolean;
  title: string;
  fileName?: string;
  height?: number;
}

/** Multi-line chart of metrics against a sweep knob. */
export function MetricVsKnob({
  sweep,
  xName,
  yName,
  percent,
  xLog,
  title,
  fileName = 'sweep',
  height = 400,
}: MetricVsKnobProps) {
  const theme = useColorScheme();
  const option = useMemo(
    () => buildMetricVsKnobOption(sweep, theme, { xName, yName, percent, xLog }),
    [sweep, theme, xName, yName, percent, xLog],
  );
  const rows = useMemo(
    () =>
      sweep.x.map((x, i) => {
        const row: Record<string, number | null> = { [xName]: x };
        for (const s of sweep.series) row[s.name] = s.values[i] ?? null;
        return row;
      }),
    [sweep, xName],
  );
  return (
    <Chart
      option={option}
      title={title}
      description={`${sweep.series.map((s) => s.name).join(', ')} against ${xName}, at ${sweep.x.length} settings.`}
      rows={rows}
      fileName={fileName}
      height={height}
    />
  );
}
