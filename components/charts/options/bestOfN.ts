/**
 * Option builder for the Goodhart curve: best-of-n against the reward model, expected proxy reward
 * (left axis) and expected gold correctness (right axis, %) against n (log₂ scale) or against the exact
 * KL divergence of best-of-n from the base policy (uniform over each prompt's pool, so at most ln k
 * nats; `bestOfNKl` in lib/core/goodhart/metrics.ts). The gold peak is annotated: past it, more
 * optimisation against the proxy makes answers worse.
 */
import type { EChartsCoreOption } from 'echarts/core';
import { maxOf } from '@/lib/core/stats/arrays';
import { themeColors, type ChartTheme } from '../palette';
import { axis, baseOption, formatNumber, formatPercent, grid } from './common';

/** One point of the curve, as `bestOfN()` in lib/core/goodhart/metrics.ts returns it (gold 0..1 or null). */
export interface BestOfNDatum {
  n: number;
  kl: number;
  proxy: number;
  gold: number | null;
}

/** What the x axis shows. */
export type BestOfNXMode = 'n' | 'kl';

/** The point with the highest gold correctness (the first one on ties), or null if no gold. */
export function goldPeak(data: readonly BestOfNDatum[]): BestOfNDatum | null {
  let best: BestOfNDatum | null = null;
  for (const d of data)
    if (d.gold !== null && Number.isFinite(d.gold) && (!best || d.gold > best.gold!)) best = d;
  return best;
}

/** True when the peak lies in the right half of the curve (so its label goes to the left). */
function peakOnRight(data: readonly BestOfNDatum[], peak: BestOfNDatum): boolean {
  return data.indexOf(peak) > (data.length - 1) / 2;
}

/** The x axis title for a mode (with its unit). */
export function bestOfNXName(mode: BestOfNXMode): string {
  return mode === 'n' ? 'Best of n samples (log scale)' : 'Exact KL from the base policy (nats)';
}

/** The Goodhart curve with the x axis in `xMode`. */
export function buildBestOfNOption(
  data: readonly BestOfNDatum[],
  xMode: BestOfNXMode,
  theme: ChartTheme,
): EChartsCoreOption {
  const c = themeColors(theme);
  const x = (d: BestOfNDatum) => (xMode === 'n' ? d.n : d.kl);
  const peak = goldPeak(data);
  const maxN = maxOf(
    data.map((d) => d.n),
    1,
  );
  const hasGold = peak !== null;
  const peakLabel = peak ? `Gold peaks: ${formatPercent(peak.gold)} at n = ${peak.n}` : '';
  const series: Record<string, unknown>[] = [
    {
      id: 'proxy',
      name: 'Proxy reward (reward model)',
      type: 'line',
      yAxisIndex: 0,
      color: c.series[0],
      symbol: 'circle',
      symbolSize: 8,
      showSymbol: data.length <= 40,
      lineStyle: { width: 3 },
      data: data.map((d) => [x(d), d.proxy]),
    },
  ];
  if (hasGold) {
    series.push({
      id: 'gold',
      name: 'Gold correctness (%)',
      type: 'line',
      yAxisIndex: 1,
      color: c.series[1],
      symbol: 'triangle',
      symbolSize: 10,
      showSymbol: data.length <= 40,
      lineStyle: { width: 3, type: 'dashed' },
      connectNulls: false,
      data: data.map((d) => [x(d), d.gold === null ? null : d.gold * 100]),
      // The peak: a ringed marker with its label on the side that has room, and a dotted vertical line.
      markPoint: {
        symbol: 'circle',
        symbolSize: 16,
        itemStyle: { color: c.background, borderColor: c.series[1], borderWidth: 4 },
        label: {
          show: true,
          // Two short lines, so on a narrow chart the label stays clear of the right axis's labels.
          formatter: peakLabel.replace(' at n', '\nat n'),
          position: peakOnRight(data, peak!) ? 'left' : 'right',
          distance: 10,
          fontSize: 14,
          lineHeight: 18,
          fontWeight: 600,
          color: c.text,
          backgroundColor: c.background,
          padding: [3, 6],
          borderRadius: 4,
        },
        data: [{ name: 'Gold peak', coord: [x(peak!), peak!.gold! * 100] }],
        tooltip: { formatter: peakLabel },
      },
      markLine: {
        symbol: 'none',
        silent: true,
        lineStyle: { type: 'dotted', width: 2, color: c.reference },
        label: { show: false },
        data: [{ xAxis: x(peak!) }],
      },
    });
  }
  return {
    ...baseOption(theme),
    grid: grid({ top: 56 }),
    tooltip: {
      ...(baseOption(theme).tooltip as object),
      trigger: 'axis',
      formatter: (params: unknown) => {
        const list = (Array.isArray(params) ? params : [params]) as { dataIndex: number }[];
        const d = list.length ? data[list[0].dataIndex] : undefined;
        if (!d) return '';
        return [
          `<b>n = ${d.n}</b> · KL ${formatNumber(d.kl, 3)} nats`,
          `Proxy reward: <b>${formatNumber(d.proxy, 3)}</b>`,
          `Gold correctness: <b>${formatPercent(d.gold)}</b>`,
        ].join('<br/>');
      },
    },
    // Both x axes reach a little past the data on the left (and the n axis on the right too), so the
    // first and last markers (often the gold peak at n = 1) never sit on the y axes' labels.
    xAxis:
      xMode === 'n'
        ? nAxis(axis({ name: bestOfNXName('n'), type: 'log', logBase: 2, nameGap: 30 }, theme), maxN)
        : {
            ...axis(
              {
                name: bestOfNXName('kl'),
                nameGap: 30,
                // No label left of 0; a nice round end past the data: the curve visibly stops short of
                // it as KL nears ln k.
                formatter: (v) => (v < 0 ? '' : formatNumber(v, 2)),
              },
              theme,
            ),
            scale: false,
            min: (e: { max: number }) => -X_PAD_SHARE * Math.max(e.max, 1e-9),
          },
    yAxis: [
      axis({ name: 'Expected proxy reward', nameGap: 48 }, theme),
      axis(
        {
          name: 'Expected gold correctness (%)',
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

/** Share of the KL axis's range left empty before 0. */
const X_PAD_SHARE = 0.04;

/** How far (in log₂ units) the n axis reaches beyond 1 and the largest n. */
export const N_AXIS_PAD = 0.25;

/** The n axis's labels: powers of two up to `maxN`, and `maxN` itself. */
export function nTicks(maxN: number): number[] {
  const out: number[] = [];
  for (let n = 1; n <= maxN; n *= 2) out.push(n);
  if (out[out.length - 1] !== maxN) out.push(maxN);
  return out;
}

/** The log₂ n axis from 2^−pad to maxN·2^pad, ticks and labels only at {@link nTicks}. */
function nAxis(a: Record<string, unknown>, maxN: number): Record<string, unknown> {
  const ticks = nTicks(maxN);
  return {
    ...a,
    min: 2 ** -N_AXIS_PAD,
    max: maxN * 2 ** N_AXIS_PAD,
    axisLabel: { ...(a.axisLabel as object), customValues: ticks },
    axisTick: { ...(a.axisTick as object), customValues: ticks },
  };
}
