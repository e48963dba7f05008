'use client';
/**
 * Signed horizontal bars for /inspect: the reward model's top positive and negative features, or the
 * correlation of reward with each style feature. Sorted, labelled with values, sign shown by colour,
 * hatching and side of the zero line.
 */
import { useMemo } from 'react';
import { Chart } from './Chart';
import { buildFeatureBarsOption, featureBarsHeight, sortBars, type FeatureBar } from './options/featureBars';
import { formatNumber } from './options/common';
import { useColorScheme } from './useColorScheme';

export type { FeatureBar } from './options/featureBars';

/** Props of {@link FeatureBars}. */
export interface FeatureBarsProps {
  bars: readonly FeatureBar[];
  title: string;
  /** Value axis title with unit, e.g. "Pearson correlation with reward". */
  valueName: string;
  /** Fixed axis range, e.g. −1..1 for correlations. */
  min?: number;
  max?: number;
  fileName?: string;
  height?: number;
}

/** Sorted positive/negative horizontal bars. */
export function FeatureBars({
  bars,
  title,
  valueName,
  min,
  max,
  fileName = 'features',
  height,
}: FeatureBarsProps) {
  const theme = useColorScheme();
  const option = useMemo(
    () => buildFeatureBarsOption(bars, theme, { valueName, min, max }),
    [bars, theme, valueName, min, max],
  );
  const sorted = useMemo(() => sortBars(bars), [bars]);
  const rows = useMemo(() => sorted.map((b) => ({ name: b.name, value: b.value })), [sorted]);
  const top = sorted[0];
  const bottom = sorted.at(-1);
  const description =
    top && bottom
      ? `${valueName} for ${sorted.length} items, largest first: highest ${top.name} (${formatNumber(top.value)}), lowest ${bottom.name} (${formatNumber(bottom.value)}).`
      : `${valueName}; no data.`;
  const h = height ?? featureBarsHeight(sorted.length);
  return (
    <Chart
      option={option}
      title={title}
      description={description}
      rows={rows}
      fileName={fileName}
      height={h}
      exportHeight={Math.max(720, h + 80)}
    />
  );
}
