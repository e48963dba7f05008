'use client';
/**
 * The optimiser's Goodhart curve on /optimize: proxy reward and gold correctness against √KL, with Gao
 * et al.'s fitted forms (components/charts/options/optimize.ts), as an accessible, downloadable Chart.
 */
import { useMemo } from 'react';
import { Chart } from './Chart';
import { buildOptimizeOption, type OptimizeCurveData } from './options/optimize';
import { formatNumber, formatPercent } from './options/common';
import { useColorScheme } from './useColorScheme';

export type { OptimizeCurveData } from './options/optimize';

/** Props of {@link OptimizeChart}. */
export interface OptimizeChartProps {
  data: OptimizeCurveData;
  title: string;
  subtitle?: string;
  fileName: string;
  height?: number;
  compact?: boolean;
  /** Live: merge updates while a run streams in. */
  live?: boolean;
}

/** Proxy and gold against √KL (see the file header). */
export function OptimizeChart({
  data,
  title,
  subtitle,
  fileName,
  height = 380,
  compact = false,
  live = false,
}: OptimizeChartProps) {
  const theme = useColorScheme();
  const option = useMemo(() => buildOptimizeOption(data, theme, { compact }), [data, theme, compact]);
  const first = data.curve[0];
  const last = data.curve.at(-1);
  const description =
    first && last
      ? `Over KL 0 to ${formatNumber(last.kl)} nats, expected proxy reward goes from ${formatNumber(first.proxy)} to ${formatNumber(last.proxy)}` +
        (first.gold !== null
          ? ` and expected gold correctness from ${formatPercent(first.gold)} to ${formatPercent(last.gold)}.`
          : '; no gold labels.')
      : 'No curve yet.';
  const rows = useMemo(
    () =>
      data.curve.map((p) => ({
        step: p.step,
        n: p.n ?? '',
        kl: p.kl,
        sqrtKl: Math.sqrt(p.kl),
        proxy: p.proxy,
        gold: p.gold,
      })),
    [data.curve],
  );
  return (
    <Chart
      option={option}
      title={title}
      subtitle={subtitle}
      description={description}
      rows={rows}
      fileName={fileName}
      height={height}
      live={live}
      headingLevel={compact ? 4 : 3}
      emptyMessage="Run the optimiser to draw the curve."
    />
  );
}
