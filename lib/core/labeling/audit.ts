/**
 * Rater self-audit: how consistent each annotator is with themselves (a pair re-shown with the sides swapped
 * should get the same verdict) and how strongly they favour the left side beyond chance (exact two-sided
 * binomial test against 1/2, from ../stats/binomial.ts). Pure; used by /label (which pairs to re-show)
 * and /data (the room's figures).
 */
import { canonicalOutcome } from './agreement';
import { binomialTwoSidedHalf } from '../stats/binomial';
import type { Rng } from '../stats/random';
import type { Comparison } from '../types';

export interface SelfConsistency {
  annotatorId: string;
  /** Repeats whose original judgment is known. */
  n: number;
  /** Repeats with the same verdict as the original (after undoing the side swap). */
  consistent: number;
  /** consistent / n; null when n = 0. */
  rate: number | null;
}

/** Self-consistency per annotator from comparisons carrying `repeatOf`. Sorted by annotator id. */
export function selfConsistency(comparisons: readonly Comparison[]): SelfConsistency[] {
  const byId = new Map(comparisons.map((c) => [c.id, c]));
  const rows = new Map<string, SelfConsistency>();
  for (const c of comparisons) {
    if (!c.repeatOf) continue;
    const orig = byId.get(c.repeatOf);
    if (!orig || orig.annotatorId !== c.annotatorId) continue;
    let row = rows.get(c.annotatorId);
    if (!row)
      rows.set(c.annotatorId, (row = { annotatorId: c.annotatorId, n: 0, consistent: 0, rate: null }));
    row.n++;
    if (canonicalOutcome(orig) === canonicalOutcome(c)) row.consistent++;
  }
  for (const r of rows.values()) r.rate = r.n ? r.consistent / r.n : null;
  return [...rows.values()].sort((a, b) => (a.annotatorId < b.annotatorId ? -1 : 1));
}

export interface PositionBias {
  annotatorId: string;
  /** Decided judgments (left or right better). */
  n: number;
  leftWins: number;
  /** leftWins / n; null when n = 0. */
  leftShare: number | null;
  /** Two-sided exact binomial p-value against 1/2. */
  pValue: number;
}

/** How often each annotator's left (first shown) response won, and whether that is beyond chance. */
export function positionBias(comparisons: readonly Comparison[]): PositionBias[] {
  const rows = new Map<string, { n: number; left: number }>();
  for (const c of comparisons) {
    if (c.outcome !== 'a' && c.outcome !== 'b') continue;
    let row = rows.get(c.annotatorId);
    if (!row) rows.set(c.annotatorId, (row = { n: 0, left: 0 }));
    row.n++;
    if (c.outcome === 'a') row.left++;
  }
  return [...rows.entries()]
    .map(([annotatorId, r]) => ({
      annotatorId,
      n: r.n,
      leftWins: r.left,
      leftShare: r.n ? r.left / r.n : null,
      pValue: binomialTwoSidedHalf(r.left, r.n),
    }))
    .sort((a, b) => (a.annotatorId < b.annotatorId ? -1 : 1));
}

/**
 * A judgment of this annotator to re-show with the sides swapped, or null: decided or tie judgments that are
 * not themselves repeats and have not been repeated yet, chosen uniformly with `rng`.
 */
export function pickRepeat(own: readonly Comparison[], rng: Rng): Comparison | null {
  const repeated = new Set(own.filter((c) => c.repeatOf).map((c) => c.repeatOf));
  const open = own.filter((c) => !c.repeatOf && c.outcome !== 'both_bad' && !repeated.has(c.id));
  return open.length ? open[Math.floor(rng() * open.length)] : null;
}
