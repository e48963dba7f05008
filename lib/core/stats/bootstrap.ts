/**
 * Percentiles and the seeded percentile bootstrap of a mean: the one home of both (the leaderboard's
 * Elo intervals use `quantileSorted`; the probes' mean reward changes use `bootstrapMeanInterval`).
 */
import { mulberry32 } from './random';

/** Percentile of sorted values with linear interpolation between order statistics (R's type 7). */
export function quantileSorted(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** Options of {@link bootstrapMeanInterval}. */
export interface BootstrapOptions {
  /** Resamples (default 1000). */
  resamples?: number;
  /** Seed of the resampling (default 1). */
  seed?: number;
  /** Coverage of the interval (default 0.95). */
  level?: number;
}

/**
 * The percentile bootstrap interval of the mean of `values`: `resamples` resamples of the same size
 * drawn with replacement (seeded mulberry32), their means sorted, and the (1 − level)/2 and
 * (1 + level)/2 percentiles (R type 7). NaN bounds for an empty array.
 */
export function bootstrapMeanInterval(
  values: readonly number[],
  opts: BootstrapOptions = {},
): { low: number; high: number } {
  const n = values.length;
  if (n === 0) return { low: NaN, high: NaN };
  const resamples = Math.max(1, Math.floor(opts.resamples ?? 1000));
  const level = opts.level ?? 0.95;
  const rng = mulberry32(opts.seed ?? 1);
  const means = new Array<number>(resamples);
  for (let r = 0; r < resamples; r++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += values[Math.floor(rng() * n)];
    means[r] = sum / n;
  }
  means.sort((x, y) => x - y);
  return { low: quantileSorted(means, (1 - level) / 2), high: quantileSorted(means, (1 + level) / 2) };
}
