/**
 * The Bradley–Terry training loop in TF.js: seeded split by prompt, seeded shuffles, Adam on
 * mini-batches of −log σ(r_c − r_r − margin) (or Davidson's likelihood with ties) plus optional reward
 * centring and L2; per-epoch progress, NaN/Inf detection, cancellation, early stopping. Inputs and
 * outputs are typed arrays and plain numbers; every tensor is disposed before returning.
 */
import * as tf from '@tensorflow/tfjs';
import { FEATURES_VERSION } from '../core/reward-model/features/index';
import { DEFAULT_TRAIN_CONFIG, validateTrainConfig } from '../core/reward-model/model-file';
import type {
  ModelWeights,
  RewardModelFile,
  SplitMetrics,
  TrainConfig,
} from '../core/reward-model/model-file';
import { meanStd } from '../core/stats/moments';
import { mulberry32 } from '../core/stats/random';
import { pairwiseMetrics } from '../core/reward-model/metrics';
import { splitByPrompt, subsetRows } from '../core/reward-model/training-data';
import type { TrainingSet } from '../core/reward-model/training-data';
import {
  allVariables,
  assignWeights,
  createParams,
  disposeParams,
  exportWeights,
  forwardSparse,
  l2Penalty,
} from './model';
import { batchOf, rangeBatch, toCsr, type Csr, type SparseBatch } from './sparse';
import type { RewardParams } from './model';
import { groupedBatches } from './batches';
import { LoopAdam } from './adam';

/** Progress after one epoch. `loss` is the mean training objective; val fields are null without a validation split. */
export interface EpochProgress {
  epoch: number;
  loss: number;
  trainAccuracy: number;
  valAccuracy: number | null;
  valLoss: number | null;
}

/** A finished run: the model file (weights, config, metrics, split) and the per-epoch history. */
export interface TrainResult {
  model: RewardModelFile;
  history: EpochProgress[];
  backend: string;
}

/** Extra controls: `signal` cancels (the promise rejects with an AbortError). */
export interface TrainOptions {
  signal?: AbortSignal;
}

const YIELD_MS = 30;
const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function abortError(): Error {
  const e = new Error('Training cancelled');
  e.name = 'AbortError';
  return e;
}

/**
 * Per-row objective for a batch (see module comment); returns the weighted-mean loss scalar, without the
 * L2 term: LoopAdam adds its gradient (2·l2·w) itself, and the training loop adds its value to the loss.
 */
function batchLoss(
  p: RewardParams,
  x: SparseBatch,
  n: number,
  margin: tf.Tensor1D,
  weight: tf.Tensor1D,
  tie: tf.Tensor1D,
  config: TrainConfig,
): tf.Scalar {
  const r = forwardSparse(p, x);
  const rc = r.slice(0, n);
  const rr = r.slice(n, n);
  const d = rc.sub(rr).sub(margin);
  let perRow: tf.Tensor1D;
  if (p.logNu) {
    // Davidson: −log P = logsumexp(d/2, −d/2, log ν) − (tie ? log ν : d/2).
    const half = d.div(2);
    const lse = tf.logSumExp(tf.stack([half, half.neg(), p.logNu.broadcastTo([n])]), 0);
    perRow = lse.sub(tf.where(tie.greater(0), p.logNu.broadcastTo([n]), half)) as tf.Tensor1D;
  } else perRow = tf.softplus(d.neg()) as tf.Tensor1D;
  let loss = perRow.mul(weight).sum().div(weight.sum().maximum(1e-12)) as tf.Scalar;
  if (config.centerRewardsCoefficient > 0)
    loss = loss.add(rc.add(rr).square().mean().mul(config.centerRewardsCoefficient));
  return loss;
}

/** Rewards of every vector of the set under the current parameters, in chunks. */
function allRewards(p: RewardParams, X: Csr): Float32Array {
  const n = X.rows;
  const out = new Float32Array(n);
  const chunk = 4096;
  for (let s = 0; s < n; s += chunk) {
    const rows = Math.min(chunk, n - s);
    out.set(
      tf.tidy(() => forwardSparse(p, rangeBatch(X, s, rows)).dataSync()),
      s,
    );
  }
  return out;
}

function metricsOf(rewards: Float32Array, set: TrainingSet): SplitMetrics {
  const rc = Array.from(set.chosen, (i) => rewards[i]);
  const rr = Array.from(set.rejected, (i) => rewards[i]);
  const m = pairwiseMetrics(rc, rr, set.tie);
  return { accuracy: m.n ? m.accuracy : null, logLoss: m.n ? m.logLoss : null, n: m.n };
}

/**
 * Trains a reward model on `data` with `config` (merged over DEFAULT_TRAIN_CONFIG): splits rows by
 * prompt (valFraction, seed), runs Adam for `epochs`, calls `onEpoch` after each, and resolves with
 * the model file. Rejects with "Training diverged at epoch N (loss NaN): lower the learning rate" on a
 * non-finite loss, with an AbortError when `opts.signal` aborts, and on an invalid config.
 */
export async function train(
  data: TrainingSet,
  config: Partial<TrainConfig> = {},
  onEpoch?: (p: EpochProgress) => void,
  opts: TrainOptions = {},
): Promise<TrainResult> {
  const checked = validateTrainConfig(config);
  if (!checked.ok) throw new Error(`Invalid training config: ${checked.errors.join('; ')}`);
  const cfg = checked.config;
  if (cfg.ties !== 'davidson' && data.tie.some((t) => t !== 0))
    throw new Error(
      `The data has Davidson tie rows but config.ties is "${cfg.ties}": build rows with the same ties mode`,
    );
  const split = splitByPrompt(data.promptKeys, cfg.valFraction, cfg.seed);
  const trainSet = subsetRows(data, split.train);
  const valSet = subsetRows(data, split.val);
  const nTrain = trainSet.chosen.length;
  if (nTrain === 0) throw new Error('No training rows: label some pairs (ties need ties = half or davidson)');

  const rng = mulberry32(cfg.seed ^ 0x5eed);
  const dim = data.dim;
  // Feature vectors are mostly zeros: keep only the nonzeros (see sparse.ts).
  const X = toCsr(data.vectors, dim);
  const params = createParams(dim, cfg);
  const optimizer = new LoopAdam(cfg.learningRate);
  const history: EpochProgress[] = [];
  let best: { loss: number; weights: ModelWeights; logNu?: number } | undefined;
  let sinceBest = 0;
  let lastYield = Date.now();
  try {
    for (let epoch = 1; epoch <= cfg.epochs; epoch++) {
      let total = tf.scalar(0);
      // A prompt's rows (e.g. the pairs of one K-way ranking) share a batch; group order is shuffled.
      for (const rows of groupedBatches(trainSet.promptKeys, cfg.batchSize, rng)) {
        const n = rows.length;
        // Batch positions 0..n-1 are the chosen responses, n..2n-1 the rejected ones.
        const members = new Int32Array(2 * n);
        const m = new Float32Array(n);
        const w = new Float32Array(n);
        const t = new Float32Array(n);
        rows.forEach((row, j) => {
          members[j] = trainSet.chosen[row];
          members[n + j] = trainSet.rejected[row];
          m[j] = trainSet.margin[row];
          w[j] = trainSet.weight[row];
          t[j] = trainSet.tie[row];
        });
        const next = tf.tidy(() => {
          const x = batchOf(X, members);
          const margin = tf.tensor1d(m);
          const weight = tf.tensor1d(w);
          const tie = tf.tensor1d(t);
          let loss = optimizer.minimize(
            () => batchLoss(params, x, n, margin, weight, tie, cfg),
            allVariables(params),
            { l2: cfg.l2, weights: params.weights },
          );
          if (cfg.l2 > 0) loss = loss.add(l2Penalty(params).mul(cfg.l2));
          return total.add(loss.mul(n)) as tf.Scalar;
        });
        total.dispose();
        total = next;
        if (Date.now() - lastYield > YIELD_MS) {
          await tick();
          lastYield = Date.now();
        }
        if (opts.signal?.aborted) {
          total.dispose();
          throw abortError();
        }
      }
      const loss = total.dataSync()[0] / nTrain;
      total.dispose();
      if (!Number.isFinite(loss))
        throw new Error(`Training diverged at epoch ${epoch} (loss ${loss}): lower the learning rate`);
      const rewards = allRewards(params, X);
      const tr = metricsOf(rewards, trainSet);
      const va = metricsOf(rewards, valSet);
      const progress: EpochProgress = {
        epoch,
        loss,
        trainAccuracy: tr.accuracy ?? NaN,
        valAccuracy: va.accuracy,
        valLoss: va.logLoss,
      };
      history.push(progress);
      onEpoch?.(progress);
      if (cfg.patience > 0 && va.logLoss !== null) {
        if (!best || va.logLoss < best.loss) {
          best = { loss: va.logLoss, weights: exportWeights(params), logNu: params.logNu?.dataSync()[0] };
          sinceBest = 0;
        } else if (++sinceBest >= cfg.patience) break;
      }
      await tick();
      lastYield = Date.now();
      if (opts.signal?.aborted) throw abortError();
    }
    if (best) {
      assignWeights(params, best.weights);
      if (params.logNu && best.logNu !== undefined) params.logNu.assign(tf.scalar(best.logNu));
    }
    const rewards = allRewards(params, X);
    const used = new Set<number>([...trainSet.chosen, ...trainSet.rejected]);
    const stats = meanStd(Array.from(used, (i) => rewards[i]));
    const model: RewardModelFile = {
      format: 'goodhart-reward-model',
      version: 1,
      featuresVersion: FEATURES_VERSION,
      config: cfg,
      weights: exportWeights(params),
      ...(params.logNu ? { tieNu: Math.exp(params.logNu.dataSync()[0]) } : {}),
      rewardMean: stats.mean,
      rewardStd: stats.std,
      metrics: {
        train: metricsOf(rewards, trainSet),
        val: metricsOf(rewards, valSet),
        epochs: history.length,
      },
      trainedOn: { n: nTrain, promptKeys: [...new Set(trainSet.promptKeys)].sort() },
      heldOutPromptKeys: split.valKeys,
      createdAt: Date.now(),
    };
    return { model, history, backend: tf.getBackend() };
  } finally {
    disposeParams(params);
    optimizer.dispose();
  }
}

export { DEFAULT_TRAIN_CONFIG };
