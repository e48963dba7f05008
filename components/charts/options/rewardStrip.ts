/**
 * Option builder for the reward strip plot: one row per group (e.g. "correct · hedged"), every response
 * a point at its reward, jittered vertically by a hash of its id (the same response always lands in the
 * same place). Highlighted responses (fluent-but-wrong) differ in colour AND shape, so the plot reads
 * with any colour vision and in greyscale.
 */
import type { EChartsCoreOption } from 'echarts/core';
import { cyrb53 } from '@/lib/core/formats/hash';
import { PALETTE, themeColors, type ChartTheme } from '../palette';
import { axis, baseOption, escapeHtml, formatNumber, grid } from './common';

/** One scored response. */
export interface StripPoint {
  id: string;
  reward: number;
  /** Row of the plot, e.g. "correct · hedged". */
  group: string;
  /** Drawn as a vermillion diamond instead of a blue circle (e.g. fluent-but-wrong). */
  highlight?: boolean;
  /** Hover text: prompt and response snippet. */
  label: string;
}

/** Half the height of a row's jitter band, in row units (rows are 1 apart). */
export const JITTER = 0.3;

/** Deterministic vertical offset in [−JITTER, JITTER) from the id's hash. */
export function jitterFor(id: string): number {
  return (cyrb53(id) / 2 ** 53 - 0.5) * 2 * JITTER;
}

/** The row order: `groups` if given (unknown groups appended), else order of first appearance. */
export function groupOrder(points: readonly StripPoint[], groups?: readonly string[]): string[] {
  const out = groups ? [...groups] : [];
  for (const p of points) if (!out.includes(p.group)) out.push(p.group);
  return out;
}

/** Names of the two series (shown in the legend). */
export interface StripNames {
  normal: string;
  highlight: string;
}

/** Tooltip text of a point: its label and reward, HTML-escaped. */
export function stripTooltip(p: StripPoint): string {
  return [
    `<b>${escapeHtml(p.group)}</b> · reward <b>${formatNumber(p.reward, 3)}</b>${p.highlight ? ' · ◆ highlighted' : ''}`,
    escapeHtml(p.label),
  ].join('<br/>');
}

/**
 * The strip plot: x = reward, y = group row (first group on top). Data items carry the point's id so a
 * click handler can report which response was selected.
 */
export function buildRewardStripOption(
  points: readonly StripPoint[],
  theme: ChartTheme,
  opts: { groups?: readonly string[]; names?: Partial<StripNames>; rewardName?: string } = {},
): EChartsCoreOption {
  const c = themeColors(theme);
  const groups = groupOrder(points, opts.groups);
  const row = new Map(groups.map((g, i) => [g, i]));
  const names: StripNames = { normal: 'Other responses', highlight: 'Fluent but wrong', ...opts.names };
  const item = (p: StripPoint) => ({
    value: [p.reward, row.get(p.group)! + jitterFor(p.id)],
    id: p.id,
    point: p,
  });
  const hasHighlight = points.some((p) => p.highlight);
  const series: Record<string, unknown>[] = [
    {
      id: 'normal',
      name: names.normal,
      type: 'scatter',
      symbol: 'circle',
      symbolSize: 11,
      color: c.series[0],
      itemStyle: { opacity: 0.75, borderColor: c.background, borderWidth: 1 },
      emphasis: { scale: 1.6, itemStyle: { opacity: 1 } },
      yAxisIndex: 1,
      data: points.filter((p) => !p.highlight).map(item),
    },
  ];
  if (hasHighlight) {
    series.push({
      id: 'highlight',
      name: names.highlight,
      type: 'scatter',
      symbol: 'diamond',
      symbolSize: 17,
      color: PALETTE.vermillion,
      itemStyle: { opacity: 0.95, borderColor: c.background, borderWidth: 1 },
      emphasis: { scale: 1.5 },
      z: 3,
      yAxisIndex: 1,
      data: points.filter((p) => p.highlight).map(item),
    });
  }
  return {
    ...baseOption(theme),
    grid: grid({ top: 56, right: 24 }),
    tooltip: {
      ...(baseOption(theme).tooltip as object),
      trigger: 'item',
      formatter: (p: { data?: { point?: StripPoint } }) => (p.data?.point ? stripTooltip(p.data.point) : ''),
    },
    xAxis: axis({ name: opts.rewardName ?? 'Reward (model score)', nameGap: 30 }, theme),
    yAxis: [
      {
        // Visible axis: one category per group, centred on its row, with alternating row bands.
        ...axis({ name: '', type: 'category', data: groups, inverse: true, splitLine: false }, theme),
        axisTick: { show: false },
        splitArea: {
          show: true,
          areaStyle: { color: [theme === 'dark' ? '#0F172A' : '#F1F5F9', 'transparent'] },
        },
      },
      {
        // Hidden axis the points are plotted on: row i spans [i − 0.5, i + 0.5], matching category i.
        type: 'value',
        min: -0.5,
        max: Math.max(0.5, groups.length - 0.5),
        inverse: true,
        show: false,
      },
    ],
    series,
  };
}
