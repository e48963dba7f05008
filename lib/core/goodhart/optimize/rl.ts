/**
 * REINFORCE with a KL penalty against the action table (./table.ts), as RLHF's PPO step optimises
 * r − β ln(π/π₀) per sample: each step draws `batch` actions per prompt from the current policy (seeded),
 * shapes each reward with the sampled log-ratio, subtracts the batch's mean shaped reward (a baseline)
 * and takes an Adam step on the per-prompt pool logits θ and the shared edit logits φ. Also the exact
 * expectations (proxy reward and gold) of any policy over the table.
 */
import type { Rng } from '../../stats/random';
import { drawIndex, editMoments, editSetProbs, logEditProb, softmax, type Policy } from './policy';
import type { ActionTable } from './table';

/** Exact expected reward and gold of `policy` over the table (gold over prompts whose actions all have gold). */
export function expectations(
  table: ActionTable,
  policy: Policy,
  rewards: ArrayLike<number>,
): { proxy: number; gold: number | null } {
  const ps = editSetProbs(policy.phi, table.sets, policy.maxEdits);
  const S = table.sets.length;
  let proxy = 0;
  let gold = 0;
  let goldPrompts = 0;
  table.prompts.forEach((p, pi) => {
    const pool = softmax(policy.theta[pi]);
    let r = 0;
    let g = 0;
    let known = true;
    for (let i = 0; i < pool.length; i++)
      for (let j = 0; j < S; j++) {
        const a = i * S + j;
        const w = pool[i] * ps[j];
        r += w * rewards[p.text[a]];
        if (p.gold[a] < 0) known = false;
        else g += w * p.gold[a];
      }
    proxy += r;
    if (known) {
      gold += g;
      goldPrompts++;
    }
  });
  return { proxy: proxy / table.prompts.length, gold: goldPrompts > 0 ? gold / goldPrompts : null };
}

/** Draws one action (base answer, edit-set index) of prompt `pi` from the policy. */
export function sampleAction(
  rng: Rng,
  policy: Policy,
  pi: number,
  setProbs: readonly number[],
): [number, number] {
  return [drawIndex(rng, softmax(policy.theta[pi])), drawIndex(rng, setProbs)];
}

/** Hyperparameters of one REINFORCE step. */
export interface RlStepOptions {
  /** KL penalty coefficient β. */
  klCoef: number;
  /** Adam learning rate. */
  lr: number;
  /** Actions sampled per prompt per step. */
  batch: number;
}

/** Adam's moment estimates for the policy's parameters. */
export interface AdamState {
  t: number;
  m: number[];
  v: number[];
}

/** Flat view of θ then φ. */
const flat = (p: Policy) => [...p.theta.flat(), ...p.phi];

/** Fresh Adam state for a policy. */
export function adamState(policy: Policy): AdamState {
  const n = flat(policy).length;
  return { t: 0, m: new Array<number>(n).fill(0), v: new Array<number>(n).fill(0) };
}

/** One REINFORCE step in place on `policy` (see the file header); returns the batch's mean shaped reward. */
export function rlStep(
  rng: Rng,
  table: ActionTable,
  policy: Policy,
  base: Policy,
  rewards: ArrayLike<number>,
  adam: AdamState,
  o: RlStepOptions,
): number {
  const S = table.sets.length;
  const P = table.prompts.length;
  const mom = editMoments(policy.phi, policy.maxEdits);
  const mom0 = editMoments(base.phi, base.maxEdits);
  const setProbs = editSetProbs(policy.phi, table.sets, policy.maxEdits);
  const draws: { pi: number; i: number; j: number; shaped: number }[] = [];
  for (let pi = 0; pi < P; pi++) {
    const pool = softmax(policy.theta[pi]);
    const k = pool.length;
    for (let b = 0; b < o.batch; b++) {
      const i = drawIndex(rng, pool);
      const j = drawIndex(rng, setProbs);
      const set = table.sets[j];
      const logRatio =
        Math.log(pool[i] * k) +
        logEditProb(policy.phi, set, mom.logZ) -
        logEditProb(base.phi, set, mom0.logZ);
      draws.push({ pi, i, j, shaped: rewards[table.prompts[pi].text[i * S + j]] - o.klCoef * logRatio });
    }
  }
  const baseline = draws.reduce((s, d) => s + d.shaped, 0) / draws.length;
  const gTheta = policy.theta.map((t) => new Array<number>(t.length).fill(0));
  const gPhi = new Array<number>(policy.phi.length).fill(0);
  for (const d of draws) {
    const adv = d.shaped - baseline;
    const pool = softmax(policy.theta[d.pi]);
    for (let c = 0; c < pool.length; c++)
      gTheta[d.pi][c] += (adv * ((c === d.i ? 1 : 0) - pool[c])) / o.batch;
    const set = table.sets[d.j];
    for (let e = 0; e < gPhi.length; e++)
      gPhi[e] += (adv * ((set & (1 << e) ? 1 : 0) - mom.marginals[e])) / (o.batch * P);
  }
  adamAscend(policy, [...gTheta.flat(), ...gPhi], adam, o.lr);
  return baseline;
}

/** One Adam ascent step (β₁ 0.9, β₂ 0.999, ε 1e-8) on θ then φ. */
function adamAscend(policy: Policy, grad: readonly number[], s: AdamState, lr: number): void {
  s.t++;
  const c1 = 1 - 0.9 ** s.t;
  const c2 = 1 - 0.999 ** s.t;
  const step = (k: number) => {
    s.m[k] = 0.9 * s.m[k] + 0.1 * grad[k];
    s.v[k] = 0.999 * s.v[k] + 0.001 * grad[k] ** 2;
    return (lr * (s.m[k] / c1)) / (Math.sqrt(s.v[k] / c2) + 1e-8);
  };
  let k = 0;
  for (const t of policy.theta) for (let c = 0; c < t.length; c++) t[c] += step(k++);
  for (let e = 0; e < policy.phi.length; e++) policy.phi[e] += step(k++);
}
