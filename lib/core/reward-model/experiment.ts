/**
 * A run's experiment as data: RunExperiment is the versioned, serialisable config of ONE training run
 * (dataset, whose labels, training hyperparameters and seed), saved with the run so it can be reproduced,
 * retrained with more labels, or shared. Not to be confused with PlaygroundExperiment
 * (../playground/sweep.ts), a whole playground study of many simulated runs.
 */
import { DEFAULT_TRAIN_CONFIG, validateTrainConfig, type TrainConfig } from './model-file';

/** The config of one training run (format `goodhart-experiment`), stored in the run's `config`. */
export interface RunExperiment {
  format: 'goodhart-experiment';
  version: 1;
  datasetId: string;
  /** Annotator ids whose labels train the model; empty = everyone's. */
  annotatorIds: string[];
  train: TrainConfig;
}

/** A config with defaults filled in. */
export function makeRunExperiment(
  datasetId: string,
  annotatorIds: readonly string[],
  train: Partial<TrainConfig> = {},
): RunExperiment {
  return {
    format: 'goodhart-experiment',
    version: 1,
    datasetId,
    annotatorIds: [...annotatorIds].sort(),
    train: { ...DEFAULT_TRAIN_CONFIG, ...train },
  };
}

/** Read an experiment config from unknown JSON (a saved run, a file); undefined if it is not one. */
export function parseRunExperiment(value: unknown): RunExperiment | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const v = value as Partial<RunExperiment>;
  if (v.format !== 'goodhart-experiment' || v.version !== 1 || typeof v.datasetId !== 'string')
    return undefined;
  if (!Array.isArray(v.annotatorIds) || !v.annotatorIds.every((a) => typeof a === 'string')) return undefined;
  const checked = validateTrainConfig((v.train ?? {}) as Partial<TrainConfig>);
  if (!checked.ok) return undefined;
  return makeRunExperiment(v.datasetId, v.annotatorIds, checked.config);
}
