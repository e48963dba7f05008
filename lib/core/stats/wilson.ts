/**
 * The Wilson score interval for a binomial proportion: the confidence interval shown beside every
 * accuracy and rate on /train and /inspect. Unlike the normal ("Wald") interval it stays inside [0, 1]
 * and is honest for small n and for rates near 0 or 1 (Wilson 1927; Agresti & Coull 1998). Successes may
 * be fractional (a tie counts half a win), which the formula accepts as it stands.
 */

/** z for a two-sided 95% interval (the 0.975 quantile of the standard normal). */
export const Z_95 = 1.959963984540054;

/** A confidence interval [lo, hi] for a proportion. */
export interface Interval {
  lo: number;
  hi: number;
}

/**
 * Wilson score interval for `successes` of `n` trials at quantile `z` (default 95%):
 * (p̂ + z²/2n ± z·√(p̂(1 − p̂)/n + z²/4n²)) / (1 + z²/n), with p̂ = successes / n. Null when n = 0.
 */
export function wilsonInterval(successes: number, n: number, z = Z_95): Interval | null {
  if (!(n > 0)) return null;
  if (!(successes >= 0 && successes <= n))
    throw new RangeError(`successes must lie in [0, ${n}], got ${successes}`);
  const p = successes / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  // At p̂ = 0 or 1 one end is exactly the edge; rounding would leave it a hair inside.
  return { lo: p === 0 ? 0 : Math.max(0, centre - half), hi: p === 1 ? 1 : Math.min(1, centre + half) };
}

/** The Wilson interval of a rate over `n` (successes = rate · n); null when the rate is missing or n = 0. */
export function rateInterval(rate: number | null | undefined, n: number, z = Z_95): Interval | null {
  if (rate === null || rate === undefined || Number.isNaN(rate)) return null;
  return wilsonInterval(Math.min(n, Math.max(0, rate * n)), n, z);
}
