/**
 * The Bradley–Terry objective of the linear reward model r(x) = w·x + b over sparse feature vectors, with
 * its exact gradient: the same loss the TF.js trainer minimises by mini-batches (lib/ml/train-adam.ts),
 * taken over the whole training set at once,
 *
 *   f(w, b, log ν) = Σᵢ ωᵢ ℓᵢ / max(Σᵢ ωᵢ, 1e-12)  +  c · (1/n) Σᵢ (r_cᵢ + r_rᵢ)²  +  λ ‖w‖²,
 *
 * where row i has weight ωᵢ (0.5 for each half of a tie under ties = half), dᵢ = r_cᵢ − r_rᵢ − mᵢ with
 * margin mᵢ, ℓᵢ = −log σ(dᵢ) = softplus(−dᵢ), or under Davidson's ties
 * ℓᵢ = logsumexp(dᵢ/2, −dᵢ/2, log ν) − (tieᵢ ? log ν : dᵢ/2); c is TRL's center_rewards_coefficient and
 * λ the L2 penalty (the bias and log ν are not penalised). Parameters are one float64 vector
 * θ = [w₀ … w_{dim−1}, b, log ν (Davidson only)]. Without centring the bias has no gradient (it cancels
 * in every dᵢ), so it stays at its start, 0. Costs O(nonzeros + rows) per evaluation.
 */
import { sigmoid, softplus } from '../../stats/logistic';
import type { Csr } from './csr';

/** The training rows: indices into the vectors, and each row's margin, weight and Davidson tie flag. */
export interface BtRows {
  chosen: Int32Array;
  rejected: Int32Array;
  margin: Float32Array;
  weight: Float32Array;
  tie: Uint8Array;
}

/** A linear Bradley–Terry problem: every feature vector, the training rows, and the loss's settings. */
export interface BtProblem {
  /** Every feature vector the rows refer to (extra vectors, e.g. held-out ones, are scored too). */
  vectors: Csr;
  rows: BtRows;
  /** L2 penalty λ on w. */
  l2: number;
  /** Reward centring coefficient c. */
  center: number;
  /** Davidson's tie likelihood (θ gets a log ν entry). */
  davidson: boolean;
}

/** The objective as the solver calls it, and the rewards of every vector at the latest evaluated θ. */
export interface BtObjective {
  /** Length of θ: dim + 1 (bias), + 1 under Davidson. */
  size: number;
  /** Writes ∇f(θ) into `grad` and returns f(θ). */
  fg: (theta: Float64Array, grad: Float64Array) => number;
  /** r(x) of every vector at the θ of the latest `fg` call (overwritten by the next). */
  rewards: Float64Array;
}

/** Builds the objective of `p` (see the module comment). */
export function btObjective(p: BtProblem): BtObjective {
  const { vectors: X, rows, l2, center, davidson } = p;
  const { offsets, indices, values, dim } = X;
  const n = rows.chosen.length;
  let weightSum = 0;
  for (let i = 0; i < n; i++) weightSum += rows.weight[i];
  const W = Math.max(weightSum, 1e-12);
  const rewards = new Float64Array(X.rows);
  const gr = new Float64Array(X.rows);

  const fg = (theta: Float64Array, grad: Float64Array): number => {
    const b = theta[dim];
    const logNu = davidson ? theta[dim + 1] : 0;
    for (let v = 0; v < X.rows; v++) {
      let s = b;
      for (let k = offsets[v]; k < offsets[v + 1]; k++) s += values[k] * theta[indices[k]];
      rewards[v] = s;
    }
    gr.fill(0);
    let loss = 0;
    let gNu = 0;
    for (let i = 0; i < n; i++) {
      const c = rows.chosen[i];
      const q = rows.rejected[i];
      const d = rewards[c] - rewards[q] - rows.margin[i];
      const wi = rows.weight[i] / W;
      let li: number;
      let dd: number;
      if (davidson) {
        const h = d / 2;
        const mx = Math.max(h, -h, logNu);
        const ea = Math.exp(h - mx);
        const eb = Math.exp(-h - mx);
        const ec = Math.exp(logNu - mx);
        const z = ea + eb + ec;
        const tie = rows.tie[i] !== 0;
        li = mx + Math.log(z) - (tie ? logNu : h);
        dd = (ea - eb) / (2 * z) - (tie ? 0 : 0.5);
        gNu += wi * (ec / z - (tie ? 1 : 0));
      } else {
        li = softplus(-d);
        dd = -sigmoid(-d);
      }
      loss += wi * li;
      gr[c] += wi * dd;
      gr[q] -= wi * dd;
      if (center > 0) {
        const s = rewards[c] + rewards[q];
        loss += (center * s * s) / n;
        gr[c] += (2 * center * s) / n;
        gr[q] += (2 * center * s) / n;
      }
    }
    grad.fill(0);
    let gb = 0;
    for (let v = 0; v < X.rows; v++) {
      const gv = gr[v];
      if (gv === 0) continue;
      gb += gv;
      for (let k = offsets[v]; k < offsets[v + 1]; k++) grad[indices[k]] += values[k] * gv;
    }
    grad[dim] = gb;
    if (davidson) grad[dim + 1] = gNu;
    if (l2 > 0) {
      let sq = 0;
      for (let j = 0; j < dim; j++) {
        sq += theta[j] * theta[j];
        grad[j] += 2 * l2 * theta[j];
      }
      loss += l2 * sq;
    }
    return loss;
  };

  return { size: dim + 1 + (davidson ? 1 : 0), fg, rewards };
}
