/**
 * Option builders for sweep charts: several metrics (or runs) as lines against one knob (e.g. "Rater
 * noise β", "L2 strength"), and active-learning policy curves (held-out accuracy against the number of
 * labels). Lines differ by colour, marker shape and dash pattern, so they stay distinct in greyscale.
 */
import type { EChartsCoreOption } from 'echarts/core';
import { minOf } from '@/lib/core/stats/arrays';
import { themeColors, type ChartTheme } from '../palette';
import { axis, baseOption, escapeHtml, formatNumber, formatPercent, grid } from './common';

/** One line of a sweep: a value per knob setting, null where the run is missing. */
export interface KnobSeries {
  name: string;
  values: readonly (number | null)[];
}

/** A sweep: knob settings and the lines measured at them (`values[i]` belongs to `x[i]`). */
export interface KnobSweep {
  x: readonly number[];
  series: readonly KnobSeries[];
}

/** Marker shapes and dash patterns cycled through by line index. */
export const LINE_SYMBOLS = [
  'circle',
  'triangle',
  'rect',
  'diamond',
  'emptyCircle',
  'emptyTriangle',
  'emptyRect',
  'emptyDiamond',
];
const LINE_DASHES = ['solid', 'dashed', 'dotted', 'solid', 'dashed', 'dotted', 'solid', 'dashed'] as const;

/** The style of the i-th line: colour, marker, dash. */
export function lineStyleAt(i: number, theme: ChartTheme): { color: string; symbol: string; dash: string } {
  const c = themeColors(theme);
  return {
    color: c.series[i % c.series.length],
    symbol: LINE_SYMBOLS[i % LINE_SYMBOLS.length],
    dash: LINE_DASHES[i % LINE_DASHES.length],
  };
}

function line(
  name: string,
  i: number,
  data: (number | null)[][],
  theme: ChartTheme,
): Record<string, unknown> {
  const s = lineStyleAt(i, theme);
  return {
    id: `line-${i}`,
    name,
    type: 'line',
    color: s.color,
    symbol: s.symbol,
    symbolSize: 10,
    lineStyle: { width: 3, type: s.dash },
    connectNulls: false,
    data,
  };
}

/**
 * Metrics against a knob. `xName` and `yName` title the axes and should carry the units, e.g.
 * "Rater noise β (1/reward)" and "Held-out accuracy"; `percent` plots 0..1 values as 0–100 %.
 */
export function buildMetricVsKnobOption(
  sweep: KnobSweep,
  theme: ChartTheme,
  opts: { xName: string; yName: string; percent?: boolean; xLog?: boolean },
): EChartsCoreOption {
  const scale = opts.percent ? 100 : 1;
  const fmt = (v: number | null) => (opts.percent ? formatPercent(v) : formatNumber(v, 4));
  return {
    ...baseOption(theme),
    grid: grid({ top: 56 }),
    tooltip: {
      ...(baseOption(theme).tooltip as object),
      trigger: 'axis',
      formatter: (params: unknown) => {
        const list = (Array.isArray(params) ? params : [params]) as {
          dataIndex: number;
          seriesIndex: number;
          marker: string;
        }[];
        if (!list.length) return '';
        const i = list[0].dataIndex;
        const head = `<b>${escapeHtml(opts.xName)}: ${formatNumber(sweep.x[i], 4)}</b>`;
        const rows = list.map((p) => {
          const s = sweep.series[p.seriesIndex];
          return `${p.marker}${escapeHtml(s.name)}: <b>${fmt(s.values[i] ?? null)}</b>`;
        });
        return [head, ...rows].join('<br/>');
      },
    },
    xAxis: axis({ name: opts.xName, type: opts.xLog ? 'log' : 'value', nameGap: 30 }, theme),
    yAxis: axis(
      { name: opts.yName, nameGap: 48, ...(opts.percent ? { formatter: (v: number) => `${v}%` } : {}) },
      theme,
    ),
    series: sweep.series.map((s, i) =>
      line(
        s.name,
        i,
        sweep.x.map((x, j) => {
          const v = s.values[j];
          return [x, v === null || v === undefined || !Number.isFinite(v) ? null : v * scale];
        }),
        theme,
      ),
    ),
  };
}

/** One active-learning policy: held-out accuracy (0..1) after each number of labels. */
export interface PolicyCurve {
  policy: string;
  points: readonly { labels: number; accuracy: number }[];
}

/**
 * Active-learning curves: x = number of labels, y = held-out accuracy (%). `chance` (0..1, default
 * 0.5 for pairwise preference) is drawn as a dotted reference line; pass null to omit it.
 */
export function buildPolicyCurvesOption(
  curves: readonly PolicyCurve[],
  theme: ChartTheme,
  opts: { chance?: number | null } = {},
): EChartsCoreOption {
  const c = themeColors(theme);
  const chance = opts.chance === undefined ? 0.5 : opts.chance;
  // The y axis starts at a multiple of 10 % at or below both the chance line and the lowest point.
  const lowest = minOf(
    curves.flatMap((cv) => cv.points.map((p) => p.accuracy)),
    chance ?? 1,
  );
  const yMin = Number.isFinite(lowest) ? Math.max(0, Math.floor(lowest * 10) * 10) : 0;
  const series = curves.map((curve, i) =>
    line(
      curve.policy,
      i,
      [...curve.points].sort((a, b) => a.labels - b.labels).map((p) => [p.labels, p.accuracy * 100]),
      theme,
    ),
  );
  if (chance !== null && series.length) {
    series[0].markLine = {
      symbol: 'none',
      silent: true,
      lineStyle: { type: 'dotted', width: 2, color: c.reference },
      label: {
        show: true,
        formatter: `chance ${formatPercent(chance, 0)}`,
        position: 'insideEndTop',
        fontSize: 14,
        color: c.text,
      },
      data: [{ yAxis: chance * 100 }],
    };
  }
  return {
    ...baseOption(theme),
    grid: grid({ top: 56 }),
    tooltip: {
      ...(baseOption(theme).tooltip as object),
      trigger: 'item',
      formatter: (p: { seriesIndex: number; value: [number, number]; marker: string }) => {
        const curve = curves[p.seriesIndex];
        if (!curve) return '';
        return `${p.marker}<b>${escapeHtml(curve.policy)}</b><br/>${p.value[0]} labels · held-out accuracy <b>${formatPercent(p.value[1] / 100)}</b>`;
      },
    },
    xAxis: axis({ name: 'Number of labels', min: 0, nameGap: 30 }, theme),
    yAxis: axis(
      { name: 'Held-out accuracy (%)', min: yMin, max: 100, formatter: (v) => `${v}%`, nameGap: 48 },
      theme,
    ),
    series,
  };
}
