/**
 * The logistic family, written once for the whole lab: σ(x), softplus(x) = log(1 + eˣ), −log σ(x)
 * (the Bradley–Terry pair loss) and its mean over reward differences. Every form here is numerically
 * stable: no eˣ is ever taken of a large positive x, so nothing overflows to Infinity or NaN, and the
 * small tails keep their precision (log1p, not log(1 + …)).
 */

/**
 * The logistic function σ(x) = 1 / (1 + e^(−x)), in [0, 1]. Stable for any |x|: σ(40) = 1 − 4.2e−18
 * rounds to 1, σ(−40) = 4.2e−18 keeps its digits, σ(±Infinity) = 1 or 0; σ(NaN) = NaN.
 */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/**
 * softplus(x) = log(1 + eˣ) = max(x, 0) + log1p(e^(−|x|)), never overflowing: softplus(800) = 800,
 * softplus(−800) = e^(−800) (rounds to 0), softplus(0) = ln 2.
 */
export function softplus(x: number): number {
  return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
}

/**
 * −log σ(x) = softplus(−x): the loss of a pair whose chosen side leads by x (in nats). 0 for a large
 * positive x, about −x for a large negative one (−log σ(−1000) = 1000), ln 2 at 0.
 */
export function negLogSigmoid(x: number): number {
  return softplus(-x);
}

/**
 * Mean Bradley–Terry pairwise log-loss −log σ(d) over reward differences d = r_chosen − r_rejected, in
 * nats (ln 2 ≈ 0.693 is a coin flip). NaN for no differences.
 */
export function pairwiseLogLoss(differences: ArrayLike<number>): number {
  if (differences.length === 0) return NaN;
  let sum = 0;
  for (let i = 0; i < differences.length; i++) sum += negLogSigmoid(differences[i]);
  return sum / differences.length;
}
