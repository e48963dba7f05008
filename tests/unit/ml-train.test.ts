// TF.js trainer tests: recovery of a known linear utility, seeded determinism, tensor hygiene,
// divergence and cancellation, Davidson/half-tie maximum likelihood against closed forms, reward
// centring, early stopping, an MLP on a non-linear utility, and the pure-JS scorer against TF.js.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { startCpuBackend } from '../../lib/ml/backend';
import { scoreWithTf } from '../../lib/ml/model';
import { train } from '../../lib/ml/train';
import type { EpochProgress } from '../../lib/ml/train';
import { syntheticPairs } from '../../lib/ml/synthetic';
import { parseModelFile, scoreMatrix, scoreWithModelFile } from '../../lib/core/reward-model/model-file';
import { buildRows } from '../../lib/core/reward-model/training-data';
import type { LabelledPair } from '../../lib/core/reward-model/training-data';

beforeAll(async () => {
  await startCpuBackend();
});

const cosine = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    ab += a[i] * b[i];
    aa += a[i] * a[i];
    bb += b[i] * b[i];
  }
  return ab / Math.sqrt(aa * bb);
};

/** Two items with one-hot features; W wins for item 0, L wins for item 1, T ties. */
function twoItems(W: number, L: number, T: number, ties: 'half' | 'davidson') {
  const labels: LabelledPair[] = [
    ...Array.from({ length: W }, (): LabelledPair => ({ promptKey: 'p', a: 0, b: 1, outcome: 'a' })),
    ...Array.from({ length: L }, (): LabelledPair => ({ promptKey: 'p', a: 0, b: 1, outcome: 'b' })),
    ...Array.from({ length: T }, (): LabelledPair => ({ promptKey: 'p', a: 0, b: 1, outcome: 'tie' })),
  ];
  return buildRows(labels, Float32Array.from([1, 0, 0, 1]), 2, { marginPreset: 'none', ties });
}

describe('train (linear)', () => {
  it('recovers the direction of a known linear utility and approaches the Bayes accuracy', async () => {
    const { set, trueWeights, bayesAccuracy } = syntheticPairs({ pairs: 5000, dim: 12, seed: 7 });
    const { model } = await train(set, { seed: 3, epochs: 30 });
    expect(model.weights.kind).toBe('linear');
    if (model.weights.kind !== 'linear') return;
    expect(cosine(model.weights.w, trueWeights!)).toBeGreaterThan(0.95);
    expect(model.metrics.val.n).toBe(1000);
    expect(model.metrics.val.accuracy!).toBeGreaterThan(bayesAccuracy - 0.03);
  });

  it('gives the same loss curve for the same seed, and a different one for another seed', async () => {
    const { set } = syntheticPairs({ pairs: 600, dim: 8, seed: 1 });
    const run = async (seed: number) => (await train(set, { seed, epochs: 4 })).history;
    const a = await run(5);
    expect(await run(5)).toEqual(a);
    expect((await run(6)).map((h) => h.loss)).not.toEqual(a.map((h) => h.loss));
  });

  it('leaves no tensors behind after training, scoring, cancelling or diverging', async () => {
    const { set } = syntheticPairs({ pairs: 300, dim: 6, seed: 2 });
    const baseline = tf.memory().numTensors;
    const { model } = await train(set, { epochs: 2, model: 'mlp', hiddenUnits: 4 });
    scoreWithTf(model.weights, set.vectors, set.dim);
    expect(tf.memory().numTensors).toBe(baseline);
    for (const solver of ['adam', 'lbfgs'] as const) {
      const ctl = new AbortController();
      await expect(
        train(set, { epochs: 50, solver }, () => ctl.abort(), { signal: ctl.signal }),
      ).rejects.toMatchObject({ name: 'AbortError' });
    }
    await expect(train(set, { learningRate: 1e25, l2: 1, solver: 'adam' })).rejects.toThrow(
      /^Training diverged at epoch 1 \(loss (NaN|Infinity)\): lower the learning rate$/,
    );
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('rejects invalid configs and empty data', async () => {
    const { set } = syntheticPairs({ pairs: 20, dim: 3, seed: 2 });
    await expect(train(set, { epochs: 0 })).rejects.toThrow(/Invalid training config: epochs/);
    const empty = buildRows([], new Float32Array(0), 3, { marginPreset: 'none', ties: 'drop' });
    await expect(train(empty, {})).rejects.toThrow(/No training rows/);
  });
});

// Each closed form is checked for both trainers: Adam to 2 decimals after 400 full-batch epochs, the exact
// solver (L-BFGS, the default; gradient norm ≤ 1e-5 with no L2, so about 1e-5 in d) to 4.
const TRAINERS = [
  { solver: 'adam' as const, digits: 2 },
  { solver: 'lbfgs' as const, digits: 4 },
];

describe.each(TRAINERS)('ties and margins ($solver): maximum likelihood against closed forms', (t) => {
  const full = { valFraction: 0, l2: 0, learningRate: 0.05, epochs: 400, batchSize: 1000, solver: t.solver };

  it('half ties: BT MLE is d = ln((W + T/2) / (L + T/2))', async () => {
    const { model } = await train(twoItems(30, 10, 20, 'half'), full);
    if (model.weights.kind !== 'linear') throw new Error('linear expected');
    expect(model.weights.w[0] - model.weights.w[1]).toBeCloseTo(Math.log(40 / 20), t.digits);
  });

  it('Davidson: MLE is d = ln(W / L), ν = T / √(W·L)', async () => {
    // With two items the Davidson model is saturated, so the MLE reproduces the observed frequencies.
    const { model } = await train(twoItems(30, 10, 20, 'davidson'), { ...full, ties: 'davidson' });
    await expect(train(twoItems(3, 1, 2, 'davidson'), { ties: 'half' })).rejects.toThrow(/Davidson tie rows/);
    if (model.weights.kind !== 'linear') throw new Error('linear expected');
    expect(model.weights.w[0] - model.weights.w[1]).toBeCloseTo(Math.log(3), t.digits);
    expect(model.tieNu!).toBeCloseTo(20 / Math.sqrt(300), t.digits);
  });

  it('margins: the MLE solves W·σ(m − d) = L·σ(m + d) (checked by bisection)', async () => {
    const rows = twoItems(30, 10, 0, 'half');
    rows.margin.fill(1);
    const { model } = await train(rows, full);
    if (model.weights.kind !== 'linear') throw new Error('linear expected');
    const sig = (z: number) => 1 / (1 + Math.exp(-z));
    let lo = -10;
    let hi = 10;
    for (let i = 0; i < 100; i++) {
      const mid = (lo + hi) / 2;
      if (30 * sig(1 - mid) - 10 * sig(1 + mid) > 0) lo = mid;
      else hi = mid;
    }
    expect(model.weights.w[0] - model.weights.w[1]).toBeCloseTo(lo, t.digits);
  });

  it('reward centring pulls the mean reward to zero', async () => {
    const { set } = syntheticPairs({ pairs: 2000, dim: 5, seed: 4, featureMean: 1 });
    const plain = await train(set, { epochs: 10, solver: t.solver });
    const centred = await train(set, { epochs: 10, centerRewardsCoefficient: 0.1, solver: t.solver });
    expect(Math.abs(plain.model.rewardMean)).toBeGreaterThan(0.3);
    expect(Math.abs(centred.model.rewardMean)).toBeLessThan(0.05);
  });
});

describe('early stopping and the MLP', () => {
  it('stops when validation loss stops improving and keeps the best epoch', async () => {
    // Labels independent of the features: validation loss can only get worse as the model fits noise.
    const { set } = syntheticPairs({ pairs: 400, dim: 40, seed: 9, utility: () => 0 });
    const history: EpochProgress[] = [];
    const { model } = await train(
      set,
      { epochs: 100, patience: 3, l2: 0, learningRate: 0.05, solver: 'adam' },
      (p) => history.push(p),
    );
    expect(history.length).toBeLessThan(100);
    const bestVal = Math.min(...history.map((h) => h.valLoss!));
    expect(model.metrics.val.logLoss!).toBeCloseTo(bestVal, 5);
  });

  it('an MLP learns a non-linear utility a linear model cannot', async () => {
    const utility = (x: Float32Array) => 3 * (x[0] * x[0] - x[1] * x[1]);
    const { set, bayesAccuracy } = syntheticPairs({ pairs: 3000, dim: 4, seed: 11, utility });
    const linear = await train(set, { epochs: 20 });
    const mlp = await train(set, { model: 'mlp', hiddenUnits: 16, epochs: 60, learningRate: 0.01, seed: 2 });
    expect(linear.model.metrics.val.accuracy!).toBeLessThan(0.6);
    expect(mlp.model.metrics.val.accuracy!).toBeGreaterThan(bayesAccuracy - 0.08);
  });
});

describe('model file', () => {
  it('scores with plain JS exactly as TF.js does (1e-5), for linear and MLP, after a JSON round trip', async () => {
    const { set } = syntheticPairs({ pairs: 500, dim: 30, seed: 5 });
    for (const cfg of [
      { model: 'linear' as const },
      { model: 'mlp' as const, activation: 'tanh' as const },
    ]) {
      const { model } = await train(set, { ...cfg, epochs: 3 });
      const parsed = parseModelFile(JSON.stringify(model), 30);
      if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
      const viaTf = scoreWithTf(parsed.file.weights, set.vectors, set.dim);
      const viaJs = scoreMatrix(parsed.file.weights, set.vectors, set.dim);
      for (let i = 0; i < viaTf.length; i++) expect(Math.abs(viaTf[i] - viaJs[i])).toBeLessThan(1e-5);
      expect(scoreWithModelFile(parsed.file, set.vectors.subarray(0, 30))).toBeCloseTo(viaJs[0], 10);
    }
  });

  it('refuses files with the wrong shape or feature version', () => {
    expect(parseModelFile('{').ok).toBe(false);
    expect(parseModelFile('{"format":"goodhart-reward-model"}').ok).toBe(false);
  });
});
