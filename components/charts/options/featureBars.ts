/**
 * Option builder for signed horizontal bars (top reward-model features, correlations with reward):
 * sorted from most positive at the top to most negative at the bottom, positive bars blue and negative
 * bars vermillion with a hatched pattern, each labelled with its value, so sign never rests on colour.
 * Every value label sits on the right of its bar's box (for a negative bar, beside the zero line), clear
 * of the names on the left at any width.
 */
import type { EChartsCoreOption } from 'echarts/core';
import { PALETTE, themeColors, type ChartTheme } from '../palette';
import { axis, baseOption, escapeHtml, formatNumber, grid } from './common';

/** One bar. */
export interface FeatureBar {
  name: string;
  value: number;
}

/** Bars sorted by value, largest first (stable for equal values); non-finite values dropped. */
export function sortBars(bars: readonly FeatureBar[]): FeatureBar[] {
  return bars.filter((b) => Number.isFinite(b.value)).sort((a, b) => b.value - a.value);
}

/** Height in px that fits `count` bars at a readable size (for the component's default height). */
export function featureBarsHeight(count: number): number {
  return Math.max(240, 96 + 34 * count);
}

/**
 * Horizontal bars. `valueName` titles the value axis with its unit, e.g. "Weight (reward per unit)" or
 * "Pearson correlation with reward".
 */
export function buildFeatureBarsOption(
  bars: readonly FeatureBar[],
  theme: ChartTheme,
  opts: { valueName?: string; min?: number; max?: number } = {},
): EChartsCoreOption {
  const c = themeColors(theme);
  const sorted = sortBars(bars);
  const hatch = {
    dashArrayX: [1, 0],
    dashArrayY: [3, 5],
    rotation: Math.PI / 4,
    color: 'rgba(255,255,255,0.55)',
  };
  return {
    ...baseOption(theme, { legend: false }),
    grid: grid({ top: 12, right: 72, bottom: 12, left: 12 }),
    tooltip: {
      ...(baseOption(theme).tooltip as object),
      trigger: 'item',
      formatter: (p: { dataIndex: number }) => {
        const b = sorted[p.dataIndex];
        return b ? `<b>${escapeHtml(b.name)}</b><br/>${formatNumber(b.value, 4)}` : '';
      },
    },
    xAxis: {
      ...axis(
        { name: opts.valueName ?? 'Value', includeZero: true, min: opts.min, max: opts.max, nameGap: 30 },
        theme,
      ),
      // Room beyond the longest positive bar for its value label (a negative bar's label sits right of
      // the zero line, so it never runs into the feature names on the left).
      boundaryGap: ['4%', '12%'],
    },
    yAxis: {
      ...axis({ name: '', type: 'category', data: sorted.map((b) => b.name), inverse: true }, theme),
      axisTick: { show: false },
      axisLine: { show: false },
    },
    series: [
      {
        id: 'bars',
        name: opts.valueName ?? 'Value',
        type: 'bar',
        barMaxWidth: 28,
        data: sorted.map((b) => ({
          value: b.value,
          itemStyle:
            b.value >= 0
              ? { color: c.series[0] }
              : { color: PALETTE.vermillion, decal: { symbol: 'rect', ...hatch } },
        })),
        label: {
          show: true,
          position: 'right',
          fontSize: 14,
          color: c.text,
          formatter: (p: { value: number }) => formatNumber(p.value, 3),
        },
        markLine: {
          symbol: 'none',
          silent: true,
          label: { show: false },
          lineStyle: { color: c.reference, width: 2, type: 'solid' },
          data: [{ xAxis: 0 }],
        },
      },
    ],
  };
}
