/**
 * The optimiser's discrete policy and its exact KL from the base policy. For each prompt an action is
 * (a base answer i of the prompt's pool, a set s of at most L distinct edits, applied in the library's
 * order). The policy factorises: a softmax over the pool with per-prompt logits θ, times a distribution
 * over edit sets shared by all prompts, π(s) = exp(Σ_{e∈s} φ_e) / Z(φ) over |s| ≤ L. The base policy is
 * uniform over the pool with each edit's logit at logit(q₀) (q₀ small: the base almost never edits; it
 * must give every edit set some probability, or any edit would cost infinite KL).
 *
 * Exact KL per prompt: KL_pool = Σ_i π_i ln(k π_i), plus KL_edits = Σ_e m_e (φ_e − φ₀_e) − ln Z(φ) +
 * ln Z(φ₀), with m_e = P(e ∈ s) and Z from elementary symmetric polynomials of w_e = exp(φ_e) up to
 * degree L (no enumeration). KL is over actions; KL over texts is at most this (two actions can write the
 * same text when an edit declines).
 */
import type { Rng } from '../../stats/random';

/** Every edit set of at most `maxEdits` of `edits` edits, as bitmasks, smallest first (0 = no edit). */
export function editSets(edits: number, maxEdits: number): number[] {
  const out: number[] = [];
  for (let m = 0; m < 1 << edits; m++) if (popcount(m) <= maxEdits) out.push(m);
  return out.sort((a, b) => popcount(a) - popcount(b) || a - b);
}

/** Number of set bits. */
export function popcount(m: number): number {
  let c = 0;
  for (let x = m; x; x &= x - 1) c++;
  return c;
}

/** Elementary symmetric polynomials e_0 … e_L of `w` (e_0 = 1), skipping index `skip`. */
function esp(w: readonly number[], L: number, skip = -1): number[] {
  const e = new Array<number>(L + 1).fill(0);
  e[0] = 1;
  for (let i = 0; i < w.length; i++) {
    if (i === skip) continue;
    for (let j = L; j >= 1; j--) e[j] += w[i] * e[j - 1];
  }
  return e;
}

/** The edit-set distribution's normaliser Z(φ) = Σ_{|s|≤L} Π_{e∈s} exp(φ_e), and each P(e ∈ s). */
export function editMoments(phi: readonly number[], L: number): { logZ: number; marginals: number[] } {
  // Shifting every φ by c multiplies each e_j by exp(jc); factor out exp(max(φ, 0)) to avoid overflow.
  const c = Math.max(0, ...phi);
  const w = phi.map((f) => Math.exp(f - c));
  const scaled = (e: number[]) => e.reduce((s, x, j) => s + x * Math.exp(-(L - j) * c), 0);
  // Z = Σ_j e_j(exp φ) = exp(Lc) Σ_j e_j(w) exp(−(L−j)c).
  const Zs = scaled(esp(w, L));
  const logZ = L * c + Math.log(Zs);
  const marginals = phi.map((_, i) => {
    const e = esp(w, L - 1, i);
    const rest = e.reduce((s, x, j) => s + x * Math.exp(-(L - 1 - j) * c), 0);
    return L === 0 ? 0 : (w[i] * rest) / Zs;
  });
  return { logZ, marginals };
}

/** ln π(s) of an edit set under logits φ (given its log normaliser). */
export function logEditProb(phi: readonly number[], set: number, logZ: number): number {
  let s = -logZ;
  for (let e = 0; e < phi.length; e++) if (set & (1 << e)) s += phi[e];
  return s;
}

/** KL of the edit-set distribution under φ from the one under φ₀ (both capped at L edits), exactly. */
export function editKl(phi: readonly number[], phi0: readonly number[], L: number): number {
  const a = editMoments(phi, L);
  const b = editMoments(phi0, L);
  let kl = b.logZ - a.logZ;
  for (let e = 0; e < phi.length; e++) kl += a.marginals[e] * (phi[e] - phi0[e]);
  return Math.max(0, kl);
}

/** The softmax of logits (stable). */
export function softmax(theta: readonly number[]): number[] {
  const m = Math.max(...theta);
  const ex = theta.map((t) => Math.exp(t - m));
  const z = ex.reduce((s, x) => s + x, 0);
  return ex.map((x) => x / z);
}

/** KL of a softmax over k answers from the uniform choice: Σ π_i ln(k π_i). */
export function poolKl(theta: readonly number[]): number {
  const p = softmax(theta);
  let kl = 0;
  for (const x of p) if (x > 0) kl += x * Math.log(p.length * x);
  return Math.max(0, kl);
}

/** The optimiser's policy: per-prompt pool logits and shared edit logits, with the edit cap. */
export interface Policy {
  theta: number[][];
  phi: number[];
  maxEdits: number;
}

/** The base policy: uniform over each pool, every edit at probability-logit logit(q₀). */
export function basePolicy(
  poolSizes: readonly number[],
  edits: number,
  maxEdits: number,
  q0: number,
): Policy {
  if (!(q0 > 0 && q0 < 1)) throw new RangeError(`the base edit rate must be in (0, 1), got ${q0}`);
  return {
    theta: poolSizes.map((k) => new Array<number>(k).fill(0)),
    phi: new Array<number>(edits).fill(Math.log(q0 / (1 - q0))),
    maxEdits,
  };
}

/** Exact KL(π ‖ π₀) averaged over prompts: mean pool KL plus the shared edit-set KL. */
export function policyKl(policy: Policy, base: Policy): number {
  const pool = policy.theta.reduce((s, t) => s + poolKl(t), 0) / Math.max(1, policy.theta.length);
  return pool + editKl(policy.phi, base.phi, policy.maxEdits);
}

/** Probabilities of each edit set of `sets` (bitmasks) under φ. */
export function editSetProbs(phi: readonly number[], sets: readonly number[], L: number): number[] {
  const { logZ } = editMoments(phi, L);
  return sets.map((s) => Math.exp(logEditProb(phi, s, logZ)));
}

/** Draws an index from probabilities `p` (summing to 1). */
export function drawIndex(rng: Rng, p: readonly number[]): number {
  let u = rng();
  for (let i = 0; i < p.length; i++) {
    u -= p[i];
    if (u < 0) return i;
  }
  return p.length - 1;
}
