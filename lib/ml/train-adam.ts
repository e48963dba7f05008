/**
 * The Bradley–Terry training loop in TF.js, for the MLP and for the linear model with solver = Adam:
 * seeded shuffles, Adam on mini-batches of −log σ(r_c − r_r − margin) (or Davidson's likelihood with ties)
 * plus optional reward centring and L2; per-epoch progress, NaN/Inf detection, cancellation, early
 * stopping. Inputs and outputs are typed arrays and plain numbers; every tensor is disposed before
 * returning. lib/ml/train.ts loads this module only when a run needs it (TF.js is large).
 */
import * as tf from '@tensorflow/tfjs';
import type { FitRecord, ModelWeights, TrainConfig } from '../core/reward-model/model-file';
import { btObjective } from '../core/reward-model/solver/objective';
import { mulberry32 } from '../core/stats/random';
import {
  allVariables,
  assignWeights,
  createParams,
  disposeParams,
  exportWeights,
  forwardSparse,
  l2Penalty,
} from './model';
import { batchOf, rangeBatch, type Csr, type SparseBatch } from './sparse';
import type { RewardParams } from './model';
import { groupedBatches } from './batches';
import { LoopAdam } from './adam';
import type { EpochProgress, TrainOptions, TrainResult } from './train';
import {
  YIELD_MS,
  abortError,
  metricsOf,
  modelFileOf,
  prepareRun,
  tick,
  type SparseTrainingSet,
} from './train-result';

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

/**
 * The fit record of an Adam run. For the linear model the objective and its gradient norm at the final
 * weights come from the solver's objective (the same loss, over all training rows at once), so an Adam run
 * and an L-BFGS run compare; the MLP's are not computed (null).
 */
function adamFit(
  data: SparseTrainingSet,
  rows: SparseTrainingSet,
  cfg: TrainConfig,
  weights: ModelWeights,
  tieNu: number | undefined,
  epochs: number,
): FitRecord {
  const none: FitRecord = {
    solver: 'adam',
    iterations: epochs,
    gradNorm: null,
    objective: null,
    gradTolerance: null,
    converged: null,
  };
  if (weights.kind !== 'linear') return none;
  const davidson = cfg.ties === 'davidson';
  const objective = btObjective({
    vectors: data.vectors,
    rows,
    l2: cfg.l2,
    center: cfg.centerRewardsCoefficient,
    davidson,
  });
  const theta = new Float64Array(objective.size);
  theta.set(weights.w);
  theta[data.dim] = weights.b;
  if (davidson) theta[data.dim + 1] = Math.log(tieNu ?? 1);
  const grad = new Float64Array(objective.size);
  const f = objective.fg(theta, grad);
  return { ...none, objective: f, gradNorm: Math.sqrt(grad.reduce((s, g) => s + g * g, 0)) };
}

/**
 * Trains `data` with Adam under `cfg` (already validated): runs `epochs`, calls `onEpoch` after each, and
 * resolves with the model file. Rejects with "Training diverged at epoch N (loss NaN): lower the learning
 * rate" on a non-finite loss and with an AbortError when `opts.signal` aborts.
 */
export async function trainWithAdam(
  data: SparseTrainingSet,
  cfg: TrainConfig,
  onEpoch?: (p: EpochProgress) => void,
  opts: TrainOptions = {},
): Promise<TrainResult> {
  const run = prepareRun(data, cfg);
  const { trainSet, valSet } = run;
  const nTrain = trainSet.chosen.length;
  const rng = mulberry32(cfg.seed ^ 0x5eed);
  const dim = data.dim;
  const X = data.vectors;
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
    const weights = exportWeights(params);
    const tieNu = params.logNu ? Math.exp(params.logNu.dataSync()[0]) : undefined;
    const model = modelFileOf({
      cfg,
      run,
      weights,
      ...(tieNu !== undefined ? { tieNu } : {}),
      rewards,
      steps: history.length,
      fit: adamFit(data, run.trainSet, cfg, weights, tieNu, history.length),
    });
    return { model, history, backend: tf.getBackend() };
  } finally {
    disposeParams(params);
    optimizer.dispose();
  }
}
