'use client';
/**
 * The Goodhart curve for /inspect: best-of-n against the reward model, expected proxy reward and
 * expected gold correctness (%), against n or against KL (nats), with the gold peak annotated.
 */
import { useMemo, useState } from 'react';
import { Chart } from './Chart';
import { buildBestOfNOption, goldPeak, type BestOfNDatum, type BestOfNXMode } from './options/bestOfN';
import { formatNumber, formatPercent } from './options/common';
import { useColorScheme } from './useColorScheme';

export type { BestOfNDatum, BestOfNXMode } from './options/bestOfN';

/** Props of {@link BestOfNChart}. */
export interface BestOfNChartProps {
  data: readonly BestOfNDatum[];
  /** Initial x axis (default n). */
  initialXMode?: BestOfNXMode;
  title?: string;
  fileName?: string;
  height?: number;
}

/** Best-of-n proxy reward and gold correctness with an n / KL toggle. */
export function BestOfNChart({
  data,
  initialXMode = 'n',
  title = 'The Goodhart curve: best-of-n',
  fileName = 'best-of-n',
  height = 420,
}: BestOfNChartProps) {
  const theme = useColorScheme();
  const [xMode, setXMode] = useState<BestOfNXMode>(initialXMode);
  const option = useMemo(() => buildBestOfNOption(data, xMode, theme), [data, xMode, theme]);
  const peak = goldPeak(data);
  const first = data[0];
  const last = data.at(-1);
  const description =
    first && last
      ? `Expected proxy reward goes from ${formatNumber(first.proxy)} at n = ${first.n} to ${formatNumber(last.proxy)} at n = ${last.n}.` +
        (peak
          ? ` Expected gold correctness goes from ${formatPercent(first.gold)} to ${formatPercent(last.gold)}, peaking at ${formatPercent(peak.gold)} at n = ${peak.n}.`
          : ' No gold labels, so gold correctness is not shown.')
      : 'Best-of-n curve; no data.';
  const subtitle = peak ? `Gold correctness peaks at n = ${peak.n} (${formatPercent(peak.gold)})` : undefined;
  const rows = useMemo(() => data.map((d) => ({ n: d.n, kl: d.kl, proxy: d.proxy, gold: d.gold })), [data]);
  const toggle = (
    <div
      className="flex overflow-hidden rounded-md border border-slate-400 dark:border-slate-500"
      role="group"
      aria-label="x axis"
    >
      {(['n', 'kl'] as const).map((mode) => (
        <button
          key={mode}
          type="button"
          aria-pressed={xMode === mode}
          onClick={() => setXMode(mode)}
          className={`px-3 py-1.5 text-sm font-medium ${
            xMode === mode
              ? 'bg-blue-700 text-white'
              : 'bg-white text-slate-900 hover:bg-slate-100 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-800'
          }`}
        >
          {mode === 'n' ? 'x = n' : 'x = KL (nats)'}
        </button>
      ))}
    </div>
  );
  return (
    <Chart
      option={option}
      title={title}
      subtitle={subtitle}
      description={description}
      rows={rows}
      fileName={`${fileName}-${xMode}`}
      height={height}
      controls={toggle}
    />
  );
}
