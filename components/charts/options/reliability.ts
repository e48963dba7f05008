/**
 * Option builder for the reliability (calibration) diagram: observed frequency against mean predicted
 * probability per bin, the perfect-calibration diagonal, and per-bin counts in the tooltip. The bins are
 * those of `calibration()` in lib/core/reward-model/metrics.ts; empty bins are left out.
 */
import type { EChartsCoreOption } from 'echarts/core';
import { maxOf } from '@/lib/core/stats/arrays';
import { themeColors, type ChartTheme } from '../palette';
import { axis, baseOption, escapeHtml, formatNumber, formatPercent, grid } from './common';

/** One bin, as `calibration()` returns it (means are null for an empty bin). */
export interface ReliabilityBin {
  lo: number;
  hi: number;
  meanPredicted: number | null;
  fractionPositive: number | null;
  count: number;
}

/** Marker area is proportional to the bin's count; these are the smallest and largest diameters in px. */
const SYMBOL_MIN = 8;
const SYMBOL_MAX = 28;

/** Marker diameter for a bin with `count` of `maxCount` examples (area ∝ count). */
export function binSymbolSize(count: number, maxCount: number): number {
  if (maxCount <= 0) return SYMBOL_MIN;
  return SYMBOL_MIN + (SYMBOL_MAX - SYMBOL_MIN) * Math.sqrt(count / maxCount);
}

/** The subtitle text: ECE and the number of predictions, e.g. "ECE 0.043 · 240 predictions". */
export function reliabilitySubtitle(bins: readonly ReliabilityBin[], ece: number): string {
  const n = bins.reduce((s, b) => s + b.count, 0);
  return `Expected calibration error (ECE) ${formatNumber(ece, 3)} · ${n} prediction${n === 1 ? '' : 's'}`;
}

/** Reliability diagram of non-empty bins with the y = x diagonal. */
export function buildReliabilityOption(
  bins: readonly ReliabilityBin[],
  theme: ChartTheme,
): EChartsCoreOption {
  const c = themeColors(theme);
  const filled = bins.filter((b) => b.count > 0 && b.meanPredicted !== null && b.fractionPositive !== null);
  const maxCount = maxOf(
    filled.map((b) => b.count),
    0,
  );
  return {
    ...baseOption(theme),
    grid: grid({ top: 56, right: 28 }),
    tooltip: {
      ...(baseOption(theme).tooltip as object),
      trigger: 'item',
      formatter: (p: { seriesId?: string; data?: { bin?: ReliabilityBin } }) => {
        const b = p.data?.bin;
        if (p.seriesId !== 'observed' || !b) return escapeHtml('Perfect calibration: observed = predicted');
        return [
          `<b>Bin ${formatNumber(b.lo, 2)}–${formatNumber(b.hi, 2)}</b>`,
          `Mean predicted: <b>${formatPercent(b.meanPredicted)}</b>`,
          `Observed: <b>${formatPercent(b.fractionPositive)}</b>`,
          `Predictions: <b>${b.count}</b>`,
        ].join('<br/>');
      },
    },
    // A little room beyond 0 and 1, so the biggest bins' circles never sit on the axes' labels.
    xAxis: unitAxis(axis({ name: 'Predicted probability', nameGap: 30 }, theme)),
    yAxis: unitAxis(axis({ name: 'Observed frequency', nameGap: 44 }, theme)),
    series: [
      {
        id: 'diagonal',
        name: 'Perfect calibration',
        type: 'line',
        data: [
          [0, 0],
          [1, 1],
        ],
        symbol: 'none',
        color: c.reference,
        lineStyle: { type: 'dashed', width: 2, color: c.reference },
        silent: true,
        z: 1,
      },
      {
        id: 'observed',
        name: 'Model',
        type: 'line',
        color: c.series[0],
        lineStyle: { width: 3 },
        symbol: 'circle',
        showSymbol: true,
        z: 2,
        data: filled.map((b) => ({
          value: [b.meanPredicted, b.fractionPositive],
          symbolSize: binSymbolSize(b.count, maxCount),
          bin: b,
        })),
      },
    ],
  };
}

/** Ticks (and labels) of the probability axes: 0, 0.2, …, 1. */
export const UNIT_TICKS = [0, 0.2, 0.4, 0.6, 0.8, 1];

/** Padding of the probability axes beyond 0 and 1. */
const UNIT_PAD = 0.05;

/** A 0..1 axis drawn from −0.05 to 1.05 with its ticks, labels and grid lines at {@link UNIT_TICKS}. */
function unitAxis(a: Record<string, unknown>): Record<string, unknown> {
  const label = a.axisLabel as Record<string, unknown>;
  const tick = a.axisTick as Record<string, unknown>;
  return {
    ...a,
    scale: false,
    min: -UNIT_PAD,
    max: 1 + UNIT_PAD,
    axisLabel: { ...label, customValues: UNIT_TICKS },
    axisTick: { ...tick, customValues: UNIT_TICKS },
  };
}
