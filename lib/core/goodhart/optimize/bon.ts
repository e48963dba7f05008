/**
 * Best-of-n against the reward model over sampled edited variants: n actions drawn from the base policy
 * (uniform base answer, edits at the base rate), the highest-reward one kept. Its pick distribution is
 * exact (order statistics over the table, no sampling) for a base with unequal probabilities: a reward
 * level v is the best with probability F(v)ⁿ − F(v⁻)ⁿ, F the base mass at or below v, shared within the
 * level in proportion to base mass. So proxy, gold and KL(best-of-n ‖ base) = Σ p ln(p / w) are exact.
 */
import type { Rng } from '../../stats/random';
import { drawIndex, editSetProbs, type Policy } from './policy';

/**
 * P(the best of n draws from base probabilities `w` is each action), ties within a reward level split in
 * proportion to base probability (a uniformly random tie-break among the maximal draws).
 */
export function weightedBestOfN(rewards: readonly number[], w: readonly number[], n: number): number[] {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be a positive integer, got ${n}`);
  if (rewards.length !== w.length) throw new RangeError('one base probability per reward');
  const order = rewards.map((_, i) => i).sort((i, j) => rewards[i] - rewards[j]);
  const total = w.reduce((s, x) => s + x, 0);
  const probs = new Array<number>(rewards.length).fill(0);
  let below = 0;
  for (let start = 0; start < order.length;) {
    let end = start;
    let mass = w[order[start]];
    while (end + 1 < order.length && rewards[order[end + 1]] === rewards[order[start]])
      mass += w[order[++end]];
    const level = Math.min(1, (below + mass) / total) ** n - (below / total) ** n;
    for (let k = start; k <= end; k++) probs[order[k]] = mass > 0 ? (level * w[order[k]]) / mass : 0;
    below += mass;
    start = end + 1;
  }
  return probs;
}

/** KL(p ‖ w) = Σ p ln(p / w), with 0 ln 0 = 0 (w must be positive wherever p is). */
export function klFrom(p: readonly number[], w: readonly number[]): number {
  let kl = 0;
  for (let i = 0; i < p.length; i++) if (p[i] > 0) kl += p[i] * Math.log(p[i] / w[i]);
  return Math.max(0, kl);
}

/** The base policy's probability of every action of a prompt with `k` answers: (1/k) · π₀(s). */
export function baseActionProbs(base: Policy, sets: readonly number[], k: number): number[] {
  const ps = editSetProbs(base.phi, sets, base.maxEdits);
  const out: number[] = [];
  for (let i = 0; i < k; i++) for (const p of ps) out.push(p / k);
  return out;
}

/** One best-of-n draw: n actions from the base probabilities, the highest reward kept (first on ties). */
export function sampleBestOfN(rng: Rng, rewards: readonly number[], w: readonly number[], n: number): number {
  let best = -1;
  for (let t = 0; t < n; t++) {
    const a = drawIndex(rng, w);
    if (best < 0 || rewards[a] > rewards[best]) best = a;
  }
  return best;
}
