/**
 * Correlation coefficients over plain arrays: Pearson's r, Spearman's ρ (Pearson on average ranks, so
 * ties are handled) and the average ranks themselves. Used by the Goodhart viewer's bias checks (reward
 * against length and style features).
 */
import { mean } from './moments';

/** Pearson's correlation coefficient; null when fewer than two points or either variable is constant. */
export function pearson(x: readonly number[], y: readonly number[]): number | null {
  if (x.length !== y.length) throw new RangeError(`length mismatch: ${x.length} vs ${y.length}`);
  const n = x.length;
  if (n < 2) return null;
  const mx = mean(x);
  const my = mean(y);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  if (sxx === 0 || syy === 0) return null;
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

/** Ranks 1..n, tied values sharing the mean of their ranks. */
export function averageRanks(x: readonly number[]): number[] {
  const order = x.map((_, i) => i).sort((i, j) => x[i] - x[j]);
  const ranks = new Array<number>(x.length);
  let start = 0;
  while (start < order.length) {
    let end = start;
    while (end + 1 < order.length && x[order[end + 1]] === x[order[start]]) end++;
    for (let k = start; k <= end; k++) ranks[order[k]] = (start + end) / 2 + 1;
    start = end + 1;
  }
  return ranks;
}

/** Spearman's rank correlation (Pearson on average ranks, so ties are handled); null as for Pearson. */
export function spearman(x: readonly number[], y: readonly number[]): number | null {
  if (x.length !== y.length) throw new RangeError(`length mismatch: ${x.length} vs ${y.length}`);
  return pearson(averageRanks(x), averageRanks(y));
}
