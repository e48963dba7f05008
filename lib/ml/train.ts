/**
 * Training a Bradley–Terry reward model: the one entry point (`train`) for the page's worker, the CLI,
 * the playground and tests. The linear model trains by default with the exact solver (L-BFGS in plain
 * TypeScript, ./train-solver.ts: no TF.js loaded at all); the MLP, and the linear model with solver =
 * Adam, train with Adam in TF.js (./train-adam.ts, imported only then). Both read the features as sparse
 * rows, split by prompt the same way, and write the same model file, with a `fit` record of the solver,
 * its iterations (or epochs), final gradient norm and objective.
 */
import { needsTfjs } from '../core/reward-model/backend-names';
import { featureSetDim, unreadColumns, usesEncoder } from '../core/reward-model/feature-sets';
import { DEFAULT_TRAIN_CONFIG, validateTrainConfig } from '../core/reward-model/model-file';
import type { RewardModelFile, TrainConfig } from '../core/reward-model/model-file';
import { dropColumns, toCsr } from '../core/reward-model/solver/csr';
import type { TrainingSet } from '../core/reward-model/training-data';
import type { SparseTrainingSet } from './train-result';
import { trainWithSolver } from './train-solver';

export type { SparseTrainingSet } from './train-result';

/**
 * Progress after one epoch (Adam) or one iteration (L-BFGS). `loss` is the training objective (Adam: the
 * mean over the epoch's batches); val fields are null without a validation split.
 */
export interface EpochProgress {
  epoch: number;
  loss: number;
  trainAccuracy: number;
  valAccuracy: number | null;
  valLoss: number | null;
  /** ‖∇f‖₂ after this L-BFGS iteration; absent for Adam epochs. */
  gradNorm?: number;
}

/** A finished run: the model file (weights, config, metrics, split, fit) and the per-step history. */
export interface TrainResult {
  model: RewardModelFile;
  history: EpochProgress[];
  /** The TF.js backend, or `js` for the exact solver (plain TypeScript). */
  backend: string;
}

/** Extra controls: `signal` cancels (the promise rejects with an AbortError). */
export interface TrainOptions {
  signal?: AbortSignal;
}

// Whether a config trains with TF.js: one home in lib/core, so pages can ask without importing lib/ml.
export { needsTfjs } from '../core/reward-model/backend-names';

function checked(config: Partial<TrainConfig>): TrainConfig {
  const r = validateTrainConfig(config);
  if (!r.ok) throw new Error(`Invalid training config: ${r.errors.join('; ')}`);
  return r.config;
}

/** Trains on a set whose vectors are already sparse (see {@link train}). */
export async function trainSparse(
  data: SparseTrainingSet,
  config: Partial<TrainConfig> = {},
  onEpoch?: (p: EpochProgress) => void,
  opts: TrainOptions = {},
): Promise<TrainResult> {
  const cfg = checked(config);
  const unread = unreadColumns(cfg.features);
  // Rows of a set that reads the encoder or leaves columns unread must have its layout (style+hashed rows
  // may be synthetic, of any width).
  if ((usesEncoder(cfg.features) || unread) && data.dim !== featureSetDim(cfg.features))
    throw new Error(
      `The training rows have ${data.dim} features, but feature set "${cfg.features}" has ${featureSetDim(cfg.features)}: build them with that set (feature-sets.ts featurizeWithSet)`,
    );
  // Columns the set does not read train on nothing, whatever the rows hold, so their weights stay 0.
  const rows = unread ? { ...data, vectors: dropColumns(data.vectors, unread) } : data;
  if (!needsTfjs(cfg)) return trainWithSolver(rows, cfg, onEpoch, opts);
  const { trainWithAdam } = await import('./train-adam');
  return trainWithAdam(rows, cfg, onEpoch, opts);
}

/**
 * Trains a reward model on `data` with `config` (merged over DEFAULT_TRAIN_CONFIG): splits rows by
 * prompt (valFraction, seed), trains (L-BFGS to its gradient tolerance, or Adam for `epochs`), calls
 * `onEpoch` after each iteration or epoch, and resolves with the model file. Rejects on an invalid
 * config, with an AbortError when `opts.signal` aborts, and (Adam) with "Training diverged at epoch N
 * (loss NaN): lower the learning rate" on a non-finite loss.
 */
export async function train(
  data: TrainingSet,
  config: Partial<TrainConfig> = {},
  onEpoch?: (p: EpochProgress) => void,
  opts: TrainOptions = {},
): Promise<TrainResult> {
  checked(config);
  return trainSparse({ ...data, vectors: toCsr(data.vectors, data.dim) }, config, onEpoch, opts);
}

export { DEFAULT_TRAIN_CONFIG };
