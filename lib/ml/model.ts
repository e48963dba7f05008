/**
 * The reward network in TF.js: parameters (linear or one-hidden-layer MLP, seeded initialisation),
 * the forward pass r(x), the L2 penalty, and conversion to and from the plain-array weights of a
 * model file. Variables live only inside lib/ml; callers get plain arrays.
 */
import * as tf from '@tensorflow/tfjs';
import { featureSetDim, unreadColumns } from '../core/reward-model/feature-sets';
import type { ModelWeights, TrainConfig } from '../core/reward-model/model-file';
import type { SparseBatch } from './sparse';

/** Trainable parameters of a reward model. Call `disposeParams` when done. */
export interface RewardParams {
  kind: 'linear' | 'mlp';
  activation: 'relu' | 'tanh';
  /** Weight matrices (penalised by L2). */
  weights: tf.Variable[];
  /** Biases (not penalised). */
  biases: tf.Variable[];
  /** log ν of the Davidson tie model, when ties = davidson. */
  logNu?: tf.Variable;
}

/** A variable holding `make()`'s value; the temporary tensor is released. */
function varFrom(make: () => tf.Tensor, name?: string, trainable = true): tf.Variable {
  const t = make();
  const v = tf.variable(t, trainable, name);
  t.dispose();
  return v;
}

/**
 * Fresh parameters: a linear model starts at zero (the BT objective is convex, so the start does not
 * matter); an MLP uses Glorot-normal initialisation seeded from `config.seed`.
 */
export function createParams(dim: number, config: TrainConfig): RewardParams {
  const davidson = config.ties === 'davidson' ? { logNu: varFrom(() => tf.scalar(0), 'logNu') } : {};
  if (config.model === 'linear') {
    return {
      kind: 'linear',
      activation: config.activation,
      weights: [varFrom(() => tf.zeros([dim, 1]), 'w')],
      biases: [varFrom(() => tf.scalar(0), 'b')],
      ...davidson,
    };
  }
  const h = config.hiddenUnits;
  // Rows of w1 for columns the feature set does not read start (and, with no input there, stay) at 0.
  const unread = dim === featureSetDim(config.features) ? unreadColumns(config.features) : null;
  const w1 = () =>
    tf.tidy(() => {
      const init = tf.initializers.glorotNormal({ seed: config.seed }).apply([dim, h]);
      if (!unread) return init;
      const keep = new Float32Array(dim).fill(1).fill(0, unread[0], unread[1]);
      return init.mul(tf.tensor2d(keep, [dim, 1]));
    });
  return {
    kind: 'mlp',
    activation: config.activation,
    weights: [
      varFrom(w1, 'w1'),
      varFrom(() => tf.initializers.glorotNormal({ seed: config.seed + 1 }).apply([h, 1]), 'w2'),
    ],
    biases: [varFrom(() => tf.zeros([h]), 'b1'), varFrom(() => tf.scalar(0), 'b2')],
    ...davidson,
  };
}

/** Every trainable variable. */
export function allVariables(p: RewardParams): tf.Variable[] {
  return [...p.weights, ...p.biases, ...(p.logNu ? [p.logNu] : [])];
}

/** Rewards r(x) of a batch x [n, dim] → [n]. Use inside tf.tidy or a gradient closure. */
export function forward(p: RewardParams, x: tf.Tensor2D): tf.Tensor1D {
  if (p.kind === 'linear')
    return x
      .matMul(p.weights[0] as tf.Tensor2D)
      .reshape([-1])
      .add(p.biases[0]) as tf.Tensor1D;
  const pre = x.matMul(p.weights[0] as tf.Tensor2D).add(p.biases[0]);
  const hidden = p.activation === 'relu' ? tf.relu(pre) : tf.tanh(pre);
  return hidden
    .matMul(p.weights[1] as tf.Tensor2D)
    .reshape([-1])
    .add(p.biases[1]) as tf.Tensor1D;
}

/**
 * x·W for the sparse rows of `x` as one TF.js op with its gradient, both computed by plain loops over the
 * nonzeros: value[i] = Σ_k v_k · W[index_k] over row i's nonzeros, and dW[index_k] += v_k · dy[row_k].
 * TF.js's own sparse ops (gather + unsortedSegmentSum) are dense loops per segment on the CPU backend,
 * far slower than the dense product they replace; these loops cost O(nonzeros × columns).
 */
export function sparseMatMul(W: tf.Tensor2D, x: SparseBatch): tf.Tensor2D {
  const [dim, h] = W.shape;
  const { indices, values, segments, n } = x;
  const op = tf.customGrad((w) => {
    const wd = (w as tf.Tensor).dataSync();
    const out = new Float32Array(n * h);
    for (let k = 0; k < indices.length; k++) {
      const row = segments[k] * h;
      const col = indices[k] * h;
      const v = values[k];
      for (let j = 0; j < h; j++) out[row + j] += v * wd[col + j];
    }
    return {
      value: tf.tensor2d(out, [n, h]),
      gradFunc: (dy: tf.Tensor) => {
        const g = dy.dataSync();
        const dw = new Float32Array(dim * h);
        for (let k = 0; k < indices.length; k++) {
          const row = segments[k] * h;
          const col = indices[k] * h;
          const v = values[k];
          for (let j = 0; j < h; j++) dw[col + j] += v * g[row + j];
        }
        return tf.tensor2d(dw, [dim, h]);
      },
    };
  });
  return op(W) as tf.Tensor2D;
}

/** Rewards r(x) of a sparse batch → [n]: the same function as {@link forward}, first layer by {@link sparseMatMul}. */
export function forwardSparse(p: RewardParams, x: SparseBatch): tf.Tensor1D {
  const pre = sparseMatMul(p.weights[0] as tf.Tensor2D, x).add(p.biases[0]);
  if (p.kind === 'linear') return pre.reshape([-1]) as tf.Tensor1D;
  const hidden = p.activation === 'relu' ? tf.relu(pre) : tf.tanh(pre);
  return hidden
    .matMul(p.weights[1] as tf.Tensor2D)
    .reshape([-1])
    .add(p.biases[1]) as tf.Tensor1D;
}

/** Σ w² over weight matrices. */
export function l2Penalty(p: RewardParams): tf.Scalar {
  return tf.addN(p.weights.map((w) => tf.sum(tf.square(w)))) as tf.Scalar;
}

/** The parameters as plain arrays (reads from the backend). */
export function exportWeights(p: RewardParams): ModelWeights {
  if (p.kind === 'linear')
    return { kind: 'linear', w: Array.from(p.weights[0].dataSync()), b: p.biases[0].dataSync()[0] };
  const w1 = p.weights[0].arraySync() as number[][];
  return {
    kind: 'mlp',
    activation: p.activation,
    w1,
    b1: Array.from(p.biases[0].dataSync()),
    w2: Array.from(p.weights[1].dataSync()),
    b2: p.biases[1].dataSync()[0],
  };
}

/** Overwrites the parameters with plain-array weights of the same shape (early stopping's best epoch). */
export function assignWeights(p: RewardParams, w: ModelWeights): void {
  if (w.kind === 'linear' && p.kind === 'linear') {
    tf.tidy(() => {
      p.weights[0].assign(tf.tensor2d(w.w, [w.w.length, 1]));
      p.biases[0].assign(tf.scalar(w.b));
    });
  } else if (w.kind === 'mlp' && p.kind === 'mlp') {
    tf.tidy(() => {
      p.weights[0].assign(tf.tensor2d(w.w1));
      p.biases[0].assign(tf.tensor1d(w.b1));
      p.weights[1].assign(tf.tensor2d(w.w2, [w.w2.length, 1]));
      p.biases[1].assign(tf.scalar(w.b2));
    });
  } else throw new Error(`cannot assign ${w.kind} weights to a ${p.kind} model`);
}

/** Frees the parameters' memory. */
export function disposeParams(p: RewardParams): void {
  for (const v of allVariables(p)) v.dispose();
}

/**
 * Rewards of `weights` for every row of a row-major matrix (rows × dim), computed with TF.js in chunks.
 * No tensors outlive the call.
 */
export function scoreWithTf(weights: ModelWeights, vectors: Float32Array, dim: number): Float32Array {
  const n = Math.floor(vectors.length / dim);
  const out = new Float32Array(n);
  const chunk = Math.max(1, Math.floor(4_000_000 / Math.max(1, dim)));
  const p: RewardParams =
    weights.kind === 'linear'
      ? {
          kind: 'linear',
          activation: 'relu',
          weights: [varFrom(() => tf.tensor2d(weights.w, [weights.w.length, 1]), undefined, false)],
          biases: [varFrom(() => tf.scalar(weights.b), undefined, false)],
        }
      : {
          kind: 'mlp',
          activation: weights.activation,
          weights: [
            varFrom(() => tf.tensor2d(weights.w1), undefined, false),
            varFrom(() => tf.tensor2d(weights.w2, [weights.w2.length, 1]), undefined, false),
          ],
          biases: [
            varFrom(() => tf.tensor1d(weights.b1), undefined, false),
            varFrom(() => tf.scalar(weights.b2), undefined, false),
          ],
        };
  try {
    for (let start = 0; start < n; start += chunk) {
      const rows = Math.min(chunk, n - start);
      const part = tf.tidy(() =>
        forward(p, tf.tensor2d(vectors.subarray(start * dim, (start + rows) * dim), [rows, dim])).dataSync(),
      );
      out.set(part, start);
    }
  } finally {
    disposeParams(p);
  }
  return out;
}
