// The independent reference the HH-RLHF tests and the training benchmark compare against: L2-regularised
// logistic regression on feature differences without intercept (= Bradley–Terry with a linear reward),
// solved to convergence by Newton's method with conjugate gradients in plain TypeScript over sparse
// vectors, written apart from the lab's trainers (no TF.js, no Adam, no L-BFGS, no shared code).
import type { TrainingSet } from '../../lib/core/reward-model/training-data';

export interface Sparse {
  idx: number[];
  val: number[];
}

export function differences(set: TrainingSet, rows: number[]): Sparse[] {
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

export const dot = (w: Float64Array, s: Sparse) => s.idx.reduce((z, k, j) => z + w[k] * s.val[j], 0);

/** argmin_w mean log(1 + e^{−w·d}) + λ‖w‖² by Newton–CG; returns w and the final gradient norm. */
export function logisticRegression(
  D: Sparse[],
  dim: number,
  lambda: number,
): { w: Float64Array; gradNorm: number } {
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

export const accuracy = (w: Float64Array, D: Sparse[]) =>
  D.reduce((a, d) => {
    const z = dot(w, d);
    return a + (z > 0 ? 1 : z === 0 ? 0.5 : 0);
  }, 0) / D.length;

/** The reference's objective at w: mean log(1 + e^{−w·d}) + λ‖w‖² (log1p form, stable for any w·d). */
export function referenceObjective(w: Float64Array, D: Sparse[], lambda: number): number {
  let loss = 0;
  for (const d of D) {
    const z = dot(w, d);
    loss += z > 0 ? Math.log1p(Math.exp(-z)) : -z + Math.log1p(Math.exp(z));
  }
  let sq = 0;
  for (let k = 0; k < w.length; k++) sq += w[k] * w[k];
  return loss / D.length + lambda * sq;
}
