'use client';
/**
 * Reliability diagram for /train: observed frequency against predicted probability per bin, with the
 * perfect-calibration diagonal; marker size shows how many predictions fell in a bin; ECE in the subtitle.
 */
import { useMemo } from 'react';
import { Chart } from './Chart';
import { buildReliabilityOption, reliabilitySubtitle, type ReliabilityBin } from './options/reliability';
import { useColorScheme } from './useColorScheme';

export type { ReliabilityBin } from './options/reliability';

/** Props of {@link ReliabilityDiagram}. */
export interface ReliabilityDiagramProps {
  bins: readonly ReliabilityBin[];
  /** Expected calibration error. */
  ece: number;
  title?: string;
  fileName?: string;
  height?: number;
}

/** Calibration of the model's pair probabilities. */
export function ReliabilityDiagram({
  bins,
  ece,
  title = 'Calibration (reliability diagram)',
  fileName = 'reliability-diagram',
  height = 420,
}: ReliabilityDiagramProps) {
  const theme = useColorScheme();
  const option = useMemo(() => buildReliabilityOption(bins, theme), [bins, theme]);
  const subtitle = reliabilitySubtitle(bins, ece);
  const rows = useMemo(() => bins.filter((b) => b.count > 0).map((b) => ({ ...b })), [bins]);
  return (
    <Chart
      option={option}
      title={title}
      subtitle={subtitle}
      description={`Observed frequency against predicted probability in ${rows.length} bins; points on the diagonal are perfectly calibrated. ${subtitle}.`}
      rows={rows}
      fileName={fileName}
      height={height}
    />
  );
}
