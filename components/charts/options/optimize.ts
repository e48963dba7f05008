/**
 * Option builder for the optimiser's curve: expected proxy reward (left axis) and expected gold
 * correctness (right axis, %) against d = √KL from the base policy (exact KL, nats), with Gao et al.'s
 * fitted forms drawn as thin dotted lines over the same range (fits are measured from the first point,
 * so each is drawn as its first value plus R(d)). Pure: unit-testable in Node.
 */
import type { EChartsCoreOption } from 'echarts/core';
import { gaoValue, type GaoFit } from '@/lib/core/goodhart/optimize/fit';
import type { CurvePoint } from '@/lib/core/goodhart/optimize/run';
import { maxOf } from '@/lib/core/stats/arrays';
import { themeColors, type ChartTheme } from '../palette';
import { axis, baseOption, formatNumber, formatPercent, grid } from './common';

/** What the chart draws: the curve and the fits of proxy and gold. */
export interface OptimizeCurveData {
  curve: readonly CurvePoint[];
  fit: { proxy: GaoFit | null; gold: GaoFit | null };
}

/** The fitted form's points over [0, dMax], from the curve's first value `y0`. */
export function fitLine(fit: GaoFit, y0: number, dMax: number, points = 40, scale = 1): [number, number][] {
  return Array.from({ length: points + 1 }, (_, i) => {
    const d = (dMax * i) / points;
    return [d, (y0 + gaoValue(fit, d)) * scale];
  });
}

/** The optimiser curve's option (see the file header); `compact` for the side-by-side small charts. */
export function buildOptimizeOption(
  data: OptimizeCurveData,
  theme: ChartTheme,
  opts: { compact?: boolean; goldRange?: [number, number] } = {},
): EChartsCoreOption {
  const c = themeColors(theme);
  const { curve, fit } = data;
  const d = curve.map((p) => Math.sqrt(p.kl));
  const dMax = maxOf(d, 0);
  const hasGold = curve.some((p) => p.gold !== null);
  const form = fit.proxy?.form ?? fit.gold?.form ?? 'rl';
  const formText = form === 'bon' ? 'd(α − βd)' : 'd(α − β ln d)';
  const size = opts.compact ? 6 : 8;
  const series: Record<string, unknown>[] = [
    {
      id: 'proxy',
      name: 'Proxy reward',
      type: 'line',
      yAxisIndex: 0,
      color: c.series[0],
      symbol: 'circle',
      symbolSize: size,
      showSymbol: curve.length <= 30,
      lineStyle: { width: 3 },
      data: curve.map((p, i) => [d[i], p.proxy]),
    },
  ];
  /** A fitted form as a thin dotted line on `axis` in `color`. */
  const fitSeries = (id: string, name: string, axis: 0 | 1, color: string, points: [number, number][]) => ({
    id,
    name: `${name} ${formText}`,
    type: 'line',
    yAxisIndex: axis,
    color,
    showSymbol: false,
    silent: true,
    lineStyle: { width: 1.5, type: 'dotted' },
    data: points,
  });
  if (fit.proxy && curve.length)
    series.push(
      fitSeries('proxy-fit', 'Proxy fit', 0, c.series[0], fitLine(fit.proxy, curve[0].proxy, dMax)),
    );
  if (hasGold) {
    series.push({
      id: 'gold',
      name: 'Gold correctness (%)',
      type: 'line',
      yAxisIndex: 1,
      color: c.series[1],
      symbol: 'triangle',
      symbolSize: size + 2,
      showSymbol: curve.length <= 30,
      lineStyle: { width: 3, type: 'dashed' },
      data: curve.map((p, i) => [d[i], p.gold === null ? null : p.gold * 100]),
    });
    if (fit.gold && curve[0].gold !== null)
      series.push(
        fitSeries('gold-fit', 'Gold fit', 1, c.series[1], fitLine(fit.gold, curve[0].gold, dMax, 40, 100)),
      );
  }
  const base = baseOption(theme, { legend: !opts.compact });
  return {
    ...base,
    grid: grid({ top: opts.compact ? 24 : 64 }),
    legend: opts.compact ? { show: false } : (base as { legend?: unknown }).legend,
    tooltip: {
      ...(base.tooltip as object),
      trigger: 'axis',
      formatter: (params: unknown) => {
        const list = (Array.isArray(params) ? params : [params]) as {
          seriesId?: string;
          dataIndex: number;
        }[];
        const hit = list.find((x) => x.seriesId === 'proxy' || x.seriesId === 'gold');
        const p = hit ? curve[hit.dataIndex] : undefined;
        if (!p) return '';
        return [
          `<b>step ${p.step}${p.n !== undefined ? ` · n = ${p.n}` : ''}</b> · KL ${formatNumber(p.kl, 3)} nats (√KL ${formatNumber(Math.sqrt(p.kl), 3)})`,
          `Proxy reward: <b>${formatNumber(p.proxy, 3)}</b>`,
          `Gold correctness: <b>${formatPercent(p.gold)}</b>`,
        ].join('<br/>');
      },
    },
    xAxis: axis(
      {
        name: 'd = √KL from the base policy (√nats)',
        min: 0,
        nameGap: 30,
        formatter: (v) => formatNumber(v, 2),
      },
      theme,
    ),
    yAxis: [
      axis(
        { name: opts.compact ? 'Proxy' : 'Expected proxy reward', nameGap: opts.compact ? 40 : 48 },
        theme,
      ),
      axis(
        {
          name: opts.compact ? 'Gold %' : 'Expected gold correctness (%)',
          position: 'right',
          splitLine: false,
          min: opts.goldRange?.[0] ?? 0,
          max: opts.goldRange?.[1] ?? 100,
          formatter: (v) => `${v}%`,
          nameGap: opts.compact ? 44 : 52,
        },
        theme,
      ),
    ],
    series,
  };
}
