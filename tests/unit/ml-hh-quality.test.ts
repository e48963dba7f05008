// Quality on real data: on Anthropic HH-RLHF harmless-base test (2,312 pairs, ../shared/data beside the project root), with a
// seeded 80/20 split by prompt, the default TF.js model's held-out accuracy must be within 2 points of
// an independent reference: L2-regularised logistic regression on feature differences without intercept
// (= Bradley–Terry with a linear reward), solved to convergence by Newton's method with conjugate
// gradients in plain TypeScript over sparse vectors (no TF.js, no Adam).
import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeMaybeGzip, parsePairsText } from '../../lib/core/formats/pairs';
import { DEFAULT_TRAIN_CONFIG } from '../../lib/core/reward-model/model-file';
import { pairsToTrainingSet, splitByPrompt } from '../../lib/core/reward-model/training-data';
import type { TrainingSet } from '../../lib/core/reward-model/training-data';
import { startCpuBackend } from '../../lib/ml/backend';
import { train } from '../../lib/ml/train';

const HH_FILE = path.resolve(__dirname, '../../../shared/data/hh-rlhf-harmless-test.jsonl.gz');

interface Sparse {
  idx: number[];
  val: number[];
}

function differences(set: TrainingSet, rows: number[]): Sparse[] {
  const d = set.dim;
  return rows.map((row) => {
    const c = set.chosen[row] * d;
    const r = set.rejected[row] * d;
    const s: Sparse = { idx: [], val: [] };
    for (let k = 0; k < d; k++) {
      const v = set.vectors[c + k] - set.vectors[r + k];
      if (v !== 0) {
        s.idx.push(k);
        s.val.push(v);
      }
    }
    return s;
  });
}

const dot = (w: Float64Array, s: Sparse) => s.idx.reduce((z, k, j) => z + w[k] * s.val[j], 0);

/** argmin_w mean log(1 + e^{−w·d}) + λ‖w‖² by Newton–CG; returns w and the final gradient norm. */
function logisticRegression(D: Sparse[], dim: number, lambda: number): { w: Float64Array; gradNorm: number } {
  const n = D.length;
  const w = new Float64Array(dim);
  let gradNorm = Infinity;
  for (let it = 0; it < 50 && gradNorm > 1e-8; it++) {
    const g = new Float64Array(dim);
    const h = new Float64Array(n);
    D.forEach((d, i) => {
      const p = 1 / (1 + Math.exp(-dot(w, d)));
      h[i] = p * (1 - p);
      d.idx.forEach((k, j) => (g[k] += ((p - 1) * d.val[j]) / n));
    });
    for (let k = 0; k < dim; k++) g[k] += 2 * lambda * w[k];
    gradNorm = Math.sqrt(g.reduce((a, x) => a + x * x, 0));
    const hv = (v: Float64Array) => {
      const out = new Float64Array(dim);
      D.forEach((d, i) => {
        const c = (h[i] * dot(v, d)) / n;
        d.idx.forEach((k, j) => (out[k] += c * d.val[j]));
      });
      for (let k = 0; k < dim; k++) out[k] += 2 * lambda * v[k];
      return out;
    };
    // Conjugate gradients for H s = −g.
    const s = new Float64Array(dim);
    const res = g.map((x) => -x);
    const p = res.slice();
    let rr = res.reduce((a, x) => a + x * x, 0);
    for (let cg = 0; cg < 250 && rr > 1e-24; cg++) {
      const ap = hv(p);
      const alpha = rr / p.reduce((a, x, k) => a + x * ap[k], 0);
      for (let k = 0; k < dim; k++) {
        s[k] += alpha * p[k];
        res[k] -= alpha * ap[k];
      }
      const rn = res.reduce((a, x) => a + x * x, 0);
      for (let k = 0; k < dim; k++) p[k] = res[k] + (rn / rr) * p[k];
      rr = rn;
    }
    for (let k = 0; k < dim; k++) w[k] += s[k];
  }
  return { w, gradNorm };
}

const accuracy = (w: Float64Array, D: Sparse[]) =>
  D.reduce((a, d) => {
    const z = dot(w, d);
    return a + (z > 0 ? 1 : z === 0 ? 0.5 : 0);
  }, 0) / D.length;

describe('HH-RLHF harmless: default model vs reference logistic regression', () => {
  beforeAll(async () => {
    await startCpuBackend();
  });

  it('held-out accuracy within 2 points of L2 logistic regression on the same features and split', async () => {
    expect(existsSync(HH_FILE), `${HH_FILE} (shared/data beside the project root)`).toBe(true);
    const { pairs, errors } = parsePairsText(decodeMaybeGzip(readFileSync(HH_FILE)));
    expect(errors).toEqual([]);
    const set = pairsToTrainingSet(pairs, { marginPreset: 'none', ties: 'half' });
    const seed = 1;
    const { model } = await train(set, { seed, valFraction: 0.2 });
    const split = splitByPrompt(set.promptKeys, 0.2, seed);
    expect(model.heldOutPromptKeys).toEqual(split.valKeys);

    const ref = logisticRegression(differences(set, split.train), set.dim, DEFAULT_TRAIN_CONFIG.l2);
    expect(ref.gradNorm).toBeLessThan(1e-6);
    const refAcc = accuracy(ref.w, differences(set, split.val));
    const modelAcc = model.metrics.val.accuracy!;
    console.log(
      `HH-RLHF harmless held-out (n=${split.val.length}): model ${modelAcc.toFixed(4)}, reference LR ${refAcc.toFixed(4)}`,
    );
    expect(model.metrics.val.n).toBe(split.val.length);
    expect(Math.abs(modelAcc - refAcc)).toBeLessThanOrEqual(0.02);
    expect(refAcc).toBeGreaterThan(0.55);
  });
});
