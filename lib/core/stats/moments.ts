/**
 * Moments of plain number arrays: the mean and the population standard deviation (divide by N), as the
 * lab reports them everywhere (reward statistics stored with a model, reward groups in the viewer, the
 * hacking gap's scale). Loops, no spread, so any array length works.
 */

/** The arithmetic mean of `values`; NaN for an empty array. */
export function mean(values: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  return sum / values.length;
}

/** The mean and the population standard deviation √(Σ(x − mean)² / N) of `values`; NaN when empty. */
export function meanStd(values: readonly number[]): { mean: number; std: number } {
  const m = mean(values);
  let squares = 0;
  for (let i = 0; i < values.length; i++) squares += (values[i] - m) ** 2;
  return { mean: m, std: Math.sqrt(squares / values.length) };
}
