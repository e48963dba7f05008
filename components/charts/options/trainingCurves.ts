/**
 * Option builder for the live training curves: loss on the left axis and accuracy (%) on the right,
 * against epoch. Train and validation differ by line style, loss and accuracy by colour, so the chart
 * reads in greyscale too. Series have stable ids so appending epochs updates in place.
 */
import type { EChartsCoreOption } from 'echarts/core';
import { themeColors, type ChartTheme } from '../palette';
import { axis, baseOption, formatNumber, formatPercent, grid } from './common';

/** One epoch of training: accuracies are fractions in 0..1; validation values are optional. */
export interface EpochPoint {
  epoch: number;
  loss: number;
  valLoss?: number | null;
  trainAccuracy: number;
  valAccuracy?: number | null;
  /** ‖∇f‖₂ after an exact-solver iteration: its points are iterations, not epochs. */
  gradNorm?: number;
}

/** What a point of `points` is: a solver iteration (the points carry a gradient norm) or an epoch. */
export function stepName(points: readonly EpochPoint[]): 'Iteration' | 'Epoch' {
  return points.some((p) => p.gradNorm !== undefined) ? 'Iteration' : 'Epoch';
}

/** Above this many epochs the lines are drawn without point markers. */
const MAX_SYMBOLS = 40;

/** The four series' ids, names and styles, in drawing order. */
export const TRAINING_SERIES = [
  { id: 'loss', name: 'Train loss', key: 'loss', axis: 0, colour: 0, dashed: false, symbol: 'circle' },
  {
    id: 'valLoss',
    name: 'Validation loss',
    key: 'valLoss',
    axis: 0,
    colour: 0,
    dashed: true,
    symbol: 'emptyCircle',
  },
  {
    id: 'trainAccuracy',
    name: 'Train accuracy',
    key: 'trainAccuracy',
    axis: 1,
    colour: 1,
    dashed: false,
    symbol: 'triangle',
  },
  {
    id: 'valAccuracy',
    name: 'Validation accuracy',
    key: 'valAccuracy',
    axis: 1,
    colour: 1,
    dashed: true,
    symbol: 'emptyTriangle',
  },
] as const;

/**
 * Training curves. Validation series appear only when some epoch has a validation value. Accuracy is
 * plotted in percent (0–100) on the right axis; loss (nats per pair, Bradley–Terry log loss) on the left.
 */
export function buildTrainingCurvesOption(
  points: readonly EpochPoint[],
  theme: ChartTheme,
): EChartsCoreOption {
  const c = themeColors(theme);
  const showSymbols = points.length <= MAX_SYMBOLS;
  const present = TRAINING_SERIES.filter(
    (s) => s.key === 'loss' || s.key === 'trainAccuracy' || points.some((p) => isNum(p[s.key])),
  );
  const series = present.map((s) => ({
    id: s.id,
    name: s.name,
    type: 'line',
    yAxisIndex: s.axis,
    color: c.series[s.colour],
    symbol: s.symbol,
    symbolSize: 8,
    showSymbol: showSymbols,
    lineStyle: { width: 3, type: s.dashed ? 'dashed' : 'solid' },
    connectNulls: false,
    data: points.map((p) => {
      const v = p[s.key];
      if (!isNum(v)) return [p.epoch, null];
      return [p.epoch, s.axis === 1 ? v * 100 : v];
    }),
  }));
  return {
    ...baseOption(theme, { animation: false }),
    grid: grid({ top: 56 }),
    tooltip: {
      ...(baseOption(theme).tooltip as object),
      trigger: 'axis',
      formatter: (params: unknown) => tooltip(params, stepName(points)),
    },
    xAxis: axis({ name: stepName(points), min: points.length ? undefined : 0, nameGap: 30 }, theme),
    yAxis: [
      axis({ name: 'Loss (nats per pair)', includeZero: true, nameGap: 48 }, theme),
      axis(
        {
          name: 'Accuracy (%)',
          min: 0,
          max: 100,
          interval: 20,
          position: 'right',
          splitLine: false,
          formatter: (v) => `${v}%`,
          nameGap: 52,
        },
        theme,
      ),
    ],
    series,
  };
}

function isNum(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/** Axis tooltip: the epoch, then each series' value (loss as a number, accuracy as a percentage). */
function tooltip(params: unknown, step: string): string {
  const list = (Array.isArray(params) ? params : [params]) as {
    seriesName: string;
    seriesId: string;
    marker: string;
    value: [number, number | null];
  }[];
  if (!list.length) return '';
  const lines = [`<b>${step} ${list[0].value[0]}</b>`];
  for (const p of list) {
    const v = p.value[1];
    const isAcc = p.seriesId === 'trainAccuracy' || p.seriesId === 'valAccuracy';
    lines.push(
      `${p.marker}${p.seriesName}: <b>${isAcc ? formatPercent(v === null ? null : v / 100) : formatNumber(v, 4)}</b>`,
    );
  }
  return lines.join('<br/>');
}
