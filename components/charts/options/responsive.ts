/**
 * Fits a chart option to the width it is drawn at (components/charts/Chart.tsx measures its box): the
 * legend's rows are estimated and the plot moved down below them, so a legend that wraps on a narrow
 * screen never sits on the plot; on narrow charts the legend packs tighter, category labels (feature
 * names, groups) are cut to a share of the width with an ellipsis, so the plot keeps room, and mark-point
 * labels are hidden: a plot 150 px wide has no room for "Gold peaks: 50.0% at n = 1" beside its marker,
 * and the chart's subtitle already says it (the marker and its tooltip stay). Tick labels
 * that would still collide are hidden by `axisLabel.hideOverlap` (set in ./common.ts `axis`).
 * Pure functions over plain option objects, unit-tested in Node.
 */
import type { EChartsCoreOption } from 'echarts/core';
import { FONT } from './common';

/** Below this chart width (px) the legend packs tighter and category labels are cut. */
export const NARROW_CHART_WIDTH = 560;

/** Share of the chart's width a category axis label may take on a narrow chart. */
export const CATEGORY_LABEL_SHARE = 0.38;

/** Legend item gap (px) on a narrow chart (the default is 20). */
export const NARROW_LEGEND_GAP = 10;

/** Height of one legend row (px): the 14 px symbol and text, as ECharts lays them out. */
const LEGEND_ROW = 14;

/** Space kept between the legend's last row and the plot's top edge (px): one row gives the usual 56. */
const LEGEND_CLEARANCE = 42;

/** Measures `text` at `fontSize` px in the charts' font (the browser passes a canvas measurer). */
export type MeasureText = (text: string, fontSize: number) => number;

/** ECharts' legend padding on each side (px). */
const LEGEND_PADDING = 5;

/** Gap between a legend symbol and its text (px). */
const LEGEND_TEXT_GAP = 5;

/**
 * Estimated width of `text` at `fontSize` px in the system sans-serif, where no canvas can measure it
 * (Node): 0.6 em per character, a little wide, so estimates err towards one row too many (more room,
 * never overlap).
 */
export function estimateTextWidth(text: string, fontSize: number): number {
  return Math.ceil(Array.from(text).length * fontSize * 0.6);
}

/**
 * How many rows a horizontal legend of `names` takes in `width` px, wrapping as ECharts does: items
 * (symbol, gap, text) side by side, `itemGap` apart, a new row when the next item does not fit.
 */
export function legendRows(
  names: readonly string[],
  width: number,
  opts: { itemWidth?: number; itemGap?: number; fontSize?: number; measure?: MeasureText } = {},
): number {
  const measure = opts.measure ?? estimateTextWidth;
  if (!names.length) return 0;
  const itemWidth = opts.itemWidth ?? 28;
  const gap = opts.itemGap ?? 20;
  const fontSize = opts.fontSize ?? FONT.legend;
  const room = Math.max(1, width - 2 * LEGEND_PADDING);
  let rows = 1;
  let x = 0;
  for (const name of names) {
    const w = itemWidth + LEGEND_TEXT_GAP + measure(name, fontSize);
    const next = x === 0 ? w : x + gap + w;
    if (x > 0 && next > room) {
      rows++;
      x = w;
    } else x = next;
  }
  return rows;
}

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The names a legend shows: its `data` if given, else each named series once, in order. */
export function legendNames(option: EChartsCoreOption): string[] {
  const legend = option.legend;
  if (isObj(legend) && Array.isArray(legend.data))
    return legend.data.map((d) => (isObj(d) ? String(d.name ?? '') : String(d)));
  const series = Array.isArray(option.series) ? option.series : option.series ? [option.series] : [];
  const out: string[] = [];
  for (const s of series)
    if (isObj(s) && typeof s.name === 'string' && s.name && !out.includes(s.name)) out.push(s.name);
  return out;
}

/** Cuts the labels of every category axis in `axes` to `maxWidth` px with an ellipsis. */
function cutCategoryLabels(axes: unknown, maxWidth: number): unknown {
  const one = (a: unknown) =>
    isObj(a) && a.type === 'category'
      ? {
          ...a,
          axisLabel: {
            ...(isObj(a.axisLabel) ? a.axisLabel : {}),
            width: maxWidth,
            overflow: 'truncate',
            ellipsis: '…',
          },
        }
      : a;
  return Array.isArray(axes) ? axes.map(one) : one(axes);
}

/** `series` with each mark point's label hidden (the marker, its line and its tooltip stay). */
function withoutMarkPointLabels(series: unknown): unknown {
  if (!Array.isArray(series)) return series;
  return series.map((s: unknown) =>
    isObj(s) && isObj(s.markPoint)
      ? {
          ...s,
          markPoint: {
            ...s.markPoint,
            label: { ...(isObj(s.markPoint.label) ? s.markPoint.label : {}), show: false },
          },
        }
      : s,
  );
}

/**
 * `option` as drawn `width` px wide (see the file comment); legend texts are measured with `measure`
 * (default: {@link estimateTextWidth}). Returns the option itself when nothing changes, so an unchanged
 * chart is not re-laid out.
 */
export function fitOptionToWidth(
  option: EChartsCoreOption,
  width: number,
  measure: MeasureText = estimateTextWidth,
): EChartsCoreOption {
  if (!(width > 0)) return option;
  const narrow = width < NARROW_CHART_WIDTH;
  let out: EChartsCoreOption = option;
  const legend = option.legend;
  if (isObj(legend) && legend.show !== false) {
    const itemGap = narrow ? NARROW_LEGEND_GAP : typeof legend.itemGap === 'number' ? legend.itemGap : 20;
    const rows = legendRows(legendNames(option), width, {
      itemGap,
      itemWidth: typeof legend.itemWidth === 'number' ? legend.itemWidth : undefined,
      measure,
    });
    const legendTop = typeof legend.top === 'number' ? legend.top : 0;
    const needed = legendTop + rows * LEGEND_ROW + (rows - 1) * itemGap + LEGEND_CLEARANCE;
    const grid = option.grid;
    if (isObj(grid) && typeof grid.top === 'number' && (needed > grid.top || narrow)) {
      out = {
        ...out,
        legend: { ...legend, itemGap },
        grid: { ...grid, top: Math.max(grid.top, needed) },
      };
    }
  }
  if (narrow) {
    out = { ...out, series: withoutMarkPointLabels(out.series) };
    const maxWidth = Math.round(width * CATEGORY_LABEL_SHARE);
    if (out.xAxis) out = { ...out, xAxis: cutCategoryLabels(out.xAxis, maxWidth) };
    if (out.yAxis) out = { ...out, yAxis: cutCategoryLabels(out.yAxis, maxWidth) };
  }
  return out;
}
