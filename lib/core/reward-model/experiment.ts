/**
 * An experiment as data: the versioned, serialisable config saved with every run (dataset, whose labels,
 * training hyperparameters and seed), so a run can be reproduced, retrained with more labels, or shared.
 */
import { DEFAULT_TRAIN_CONFIG, validateTrainConfig, type TrainConfig } from './model-file';

export interface ExperimentConfig {
  format: 'goodhart-experiment';
  version: 1;
  datasetId: string;
  /** Annotator ids whose labels train the model; empty = everyone's. */
  annotatorIds: string[];
  train: TrainConfig;
}

/** A config with defaults filled in. */
export function makeExperiment(
  datasetId: string,
  annotatorIds: readonly string[],
  train: Partial<TrainConfig> = {},
): ExperimentConfig {
  return {
    format: 'goodhart-experiment',
    version: 1,
    datasetId,
    annotatorIds: [...annotatorIds].sort(),
    train: { ...DEFAULT_TRAIN_CONFIG, ...train },
  };
}

/** Read an experiment config from unknown JSON (a saved run, a file); undefined if it is not one. */
export function parseExperiment(value: unknown): ExperimentConfig | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const v = value as Partial<ExperimentConfig>;
  if (v.format !== 'goodhart-experiment' || v.version !== 1 || typeof v.datasetId !== 'string')
    return undefined;
  if (!Array.isArray(v.annotatorIds) || !v.annotatorIds.every((a) => typeof a === 'string')) return undefined;
  const checked = validateTrainConfig((v.train ?? {}) as Partial<TrainConfig>);
  if (!checked.ok) return undefined;
  return makeExperiment(v.datasetId, v.annotatorIds, checked.config);
}
