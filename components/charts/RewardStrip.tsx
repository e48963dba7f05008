'use client';
/**
 * Reward strip plot for /inspect: every response's reward, one row per group (gold correctness ×
 * style), fluent-but-wrong responses as vermillion diamonds. Hover shows the prompt and response;
 * clicking a point reports its id.
 */
import { useCallback, useMemo } from 'react';
import { Chart } from './Chart';
import { buildRewardStripOption, groupOrder, type StripNames, type StripPoint } from './options/rewardStrip';
import { useColorScheme } from './useColorScheme';

export type { StripPoint } from './options/rewardStrip';

/** Props of {@link RewardStrip}. */
export interface RewardStripProps {
  points: readonly StripPoint[];
  /** Row order (top to bottom); defaults to order of first appearance. */
  groups?: readonly string[];
  /** Legend names of the normal and highlighted points. */
  names?: Partial<StripNames>;
  /** Reward axis title with its unit. */
  rewardName?: string;
  onSelect?: (id: string) => void;
  title?: string;
  fileName?: string;
  height?: number;
}

/** Strip plot of rewards by group with highlighted points. */
export function RewardStrip({
  points,
  groups,
  names,
  rewardName,
  onSelect,
  title = 'Reward against truth',
  fileName = 'reward-by-group',
  height,
}: RewardStripProps) {
  const theme = useColorScheme();
  const option = useMemo(
    () => buildRewardStripOption(points, theme, { groups, names, rewardName }),
    [points, theme, groups, names, rewardName],
  );
  const rows = useMemo(
    () =>
      points.map((p) => ({
        id: p.id,
        group: p.group,
        reward: p.reward,
        highlight: Boolean(p.highlight),
        label: p.label,
      })),
    [points],
  );
  const rowCount = groupOrder(points, groups).length;
  const highlighted = points.filter((p) => p.highlight).length;
  const onItemClick = useCallback(
    (item: unknown) => {
      const id = (item as { id?: unknown } | undefined)?.id;
      if (onSelect && typeof id === 'string') onSelect(id);
    },
    [onSelect],
  );
  return (
    <Chart
      option={option}
      title={title}
      description={`Reward of ${points.length} responses in ${rowCount} groups; ${highlighted} highlighted responses are drawn as diamonds.`}
      rows={rows}
      fileName={fileName}
      height={height ?? Math.max(260, 110 + 64 * rowCount)}
      onItemClick={onSelect ? onItemClick : undefined}
    />
  );
}
