/**
 * The exact binomial test against a fair coin, from log-factorials (no normal approximation, no
 * overflow for large n). Used by the self-audit's position-bias check (did the left answer win more
 * often than chance?).
 */

const logFactCache: number[] = [0];

/** ln(n!) for a non-negative integer n, by summing logarithms (cached). */
export function logFactorial(n: number): number {
  for (let i = logFactCache.length; i <= n; i++) logFactCache[i] = logFactCache[i - 1] + Math.log(i);
  return logFactCache[n];
}

/**
 * Exact two-sided binomial test of k successes in n trials against p = 1/2: the p-value is the sum of
 * the probabilities of every outcome no likelier than k.
 */
export function binomialTwoSidedHalf(k: number, n: number): number {
  if (n === 0) return 1;
  const logP = (i: number) => logFactorial(n) - logFactorial(i) - logFactorial(n - i) - n * Math.LN2;
  const observed = logP(k);
  let p = 0;
  for (let i = 0; i <= n; i++) {
    const li = logP(i);
    if (li <= observed + 1e-9) p += Math.exp(li);
  }
  return Math.min(1, p);
}
