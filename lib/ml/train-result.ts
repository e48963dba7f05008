/**
 * What both trainers of lib/ml/train.ts share, without TF.js: the checks and the seeded split by prompt
 * before a run, the pairwise figures of a split from the rewards of every vector, and the model file
 * assembled at the end (weights, config, metrics, the fit record, reward mean and spread over the
 * training vectors). Also the cancellation error and the event-loop yield both loops use.
 */
import { FEATURES_VERSION } from '../core/reward-model/features/index';
import { featureRecord } from '../core/reward-model/feature-sets';
import type {
  FitRecord,
  ModelWeights,
  RewardModelFile,
  SplitMetrics,
  TrainConfig,
} from '../core/reward-model/model-file';
import { pairwiseMetrics } from '../core/reward-model/metrics';
import type { Csr } from '../core/reward-model/solver/csr';
import { splitByPrompt, subsetRows, type TrainingSet } from '../core/reward-model/training-data';
import { meanStd } from '../core/stats/moments';

/** A training set whose feature vectors are already sparse (large synthetic sets, the exact solver). */
export type SparseTrainingSet = Omit<TrainingSet, 'vectors'> & { vectors: Csr };

/** A checked run: its split by prompt and the rows of each side. */
export interface PreparedRun<S extends TrainingSet | SparseTrainingSet> {
  split: { train: number[]; val: number[]; valKeys: string[] };
  trainSet: S;
  valSet: S;
}

/** Rows `idx` of a set (vectors shared), whatever form its vectors take. */
function rowsOf<S extends TrainingSet | SparseTrainingSet>(set: S, idx: readonly number[]): S {
  // subsetRows copies the row arrays and keeps the vectors as they are; it never reads them.
  const rows = subsetRows({ ...set, vectors: new Float32Array(0) }, idx);
  return { ...rows, vectors: set.vectors } as S;
}

/**
 * Checks a set against its config (Davidson tie rows need ties = davidson; some training rows) and splits
 * it by prompt (valFraction, seed). Throws the message the page and the CLI show.
 */
export function prepareRun<S extends TrainingSet | SparseTrainingSet>(
  data: S,
  cfg: TrainConfig,
): PreparedRun<S> {
  if (cfg.ties !== 'davidson' && data.tie.some((t) => t !== 0))
    throw new Error(
      `The data has Davidson tie rows but config.ties is "${cfg.ties}": build rows with the same ties mode`,
    );
  const split = splitByPrompt(data.promptKeys, cfg.valFraction, cfg.seed);
  const trainSet = rowsOf(data, split.train);
  const valSet = rowsOf(data, split.val);
  if (trainSet.chosen.length === 0)
    throw new Error('No training rows: label some pairs (ties need ties = half or davidson)');
  return { split, trainSet, valSet };
}

/** Accuracy and log-loss of a split's rows (Davidson tie rows left out) from every vector's reward. */
export function metricsOf(
  rewards: ArrayLike<number>,
  set: Pick<TrainingSet, 'chosen' | 'rejected' | 'tie'>,
): SplitMetrics {
  const rc = Float64Array.from(set.chosen, (i) => rewards[i]);
  const rr = Float64Array.from(set.rejected, (i) => rewards[i]);
  const m = pairwiseMetrics(rc, rr, set.tie);
  return { accuracy: m.n ? m.accuracy : null, logLoss: m.n ? m.logLoss : null, n: m.n };
}

/** Everything the model file records about a finished run. */
export interface FinishedRun<S extends TrainingSet | SparseTrainingSet> {
  cfg: TrainConfig;
  run: PreparedRun<S>;
  weights: ModelWeights;
  tieNu?: number;
  /** Reward of every vector under the final weights. */
  rewards: ArrayLike<number>;
  /** Epochs (Adam) or iterations (L-BFGS) run. */
  steps: number;
  fit: FitRecord;
}

/** The model file of a finished run. */
export function modelFileOf<S extends TrainingSet | SparseTrainingSet>(r: FinishedRun<S>): RewardModelFile {
  const { trainSet, valSet, split } = r.run;
  const used = new Set<number>();
  for (let i = 0; i < trainSet.chosen.length; i++) used.add(trainSet.chosen[i]).add(trainSet.rejected[i]);
  const stats = meanStd(Array.from(used, (i) => r.rewards[i]));
  return {
    format: 'goodhart-reward-model',
    version: 1,
    featuresVersion: FEATURES_VERSION,
    config: r.cfg,
    weights: r.weights,
    ...(r.tieNu !== undefined ? { tieNu: r.tieNu } : {}),
    rewardMean: stats.mean,
    rewardStd: stats.std,
    metrics: { train: metricsOf(r.rewards, trainSet), val: metricsOf(r.rewards, valSet), epochs: r.steps },
    fit: r.fit,
    features: featureRecord(r.cfg.features),
    trainedOn: { n: trainSet.chosen.length, promptKeys: [...new Set(trainSet.promptKeys)].sort() },
    heldOutPromptKeys: split.valKeys,
    createdAt: Date.now(),
  };
}

/** The error a cancelled run rejects with. */
export function abortError(): Error {
  const e = new Error('Training cancelled');
  e.name = 'AbortError';
  return e;
}

/** A loop yields to the event loop (progress messages, cancellation) at least this often. */
export const YIELD_MS = 30;

/** One turn of the event loop. */
export const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
