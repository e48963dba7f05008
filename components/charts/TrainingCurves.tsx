'use client';
/**
 * Live training curves for /train: loss (left axis) and accuracy in % (right axis) per epoch, train
 * solid and validation dashed. Appending epochs merges into the running chart without re-creating it.
 */
import { useMemo } from 'react';
import { Chart } from './Chart';
import { buildTrainingCurvesOption, stepName, type EpochPoint } from './options/trainingCurves';
import { useColorScheme } from './useColorScheme';

export type { EpochPoint } from './options/trainingCurves';

/** Props of {@link TrainingCurves}. */
export interface TrainingCurvesProps {
  points: readonly EpochPoint[];
  title?: string;
  fileName?: string;
  height?: number;
}

/** Loss and accuracy against epoch, updating live as `points` grows. */
export function TrainingCurves({
  points,
  title = 'Training curves',
  fileName = 'training-curves',
  height = 380,
}: TrainingCurvesProps) {
  const theme = useColorScheme();
  const option = useMemo(() => buildTrainingCurvesOption(points, theme), [points, theme]);
  const last = points.at(-1);
  const step = stepName(points).toLowerCase();
  const description = last
    ? `Loss and accuracy over ${points.length} ${step}s. At ${step} ${last.epoch}: train loss ${last.loss.toFixed(3)}, train accuracy ${(last.trainAccuracy * 100).toFixed(1)}%` +
      (last.gradNorm !== undefined ? `, gradient norm ${last.gradNorm.toExponential(1)}` : '') +
      (typeof last.valAccuracy === 'number'
        ? `, validation accuracy ${(last.valAccuracy * 100).toFixed(1)}%.`
        : '.')
    : 'Loss and accuracy per epoch; no epochs yet.';
  const rows = useMemo(
    () =>
      points.map((p) => ({
        epoch: p.epoch,
        loss: p.loss,
        valLoss: p.valLoss ?? null,
        trainAccuracy: p.trainAccuracy,
        valAccuracy: p.valAccuracy ?? null,
      })),
    [points],
  );
  return (
    <Chart
      option={option}
      title={title}
      description={description}
      rows={rows}
      fileName={fileName}
      height={height}
      live
      emptyMessage="Waiting for the first epoch…"
    />
  );
}
