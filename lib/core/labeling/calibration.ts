/**
 * The room's calibration set: K pairs every participant labels first, so the room's agreement rests on
 * pairs everyone shared. The room server chooses them once ({@link chooseCalibration}, seeded by the
 * room's code, one pair per prompt before any prompt gives a second); each participant's session shows
 * them first in their own seeded order with their own sides ({@link calibrationOrder}), then goes on
 * with its normal policy. Pure: runs in Node, a worker and the browser.
 */
import { mulberry32 } from '../stats/random';
import { pairKey } from '../types';
import { seedFromString, type PairChoice, type PoolPrompt } from './next-pair';

/** One calibration pair as the room stores and sends it (`aId` < `bId`; sides are chosen per person). */
export interface CalibrationPair {
  promptId: string;
  aId: string;
  bId: string;
}

/** The key of a pair on a prompt, whatever its sides. */
export function calibrationKey(promptId: string, x: string, y: string): string {
  return `${promptId}|${pairKey(x, y)}`;
}

/** Pairs in the pool: Σ C(k,2) over prompts with k ≥ 2 distinct responses. */
function pairsOf(p: PoolPrompt): [string, string][] {
  const ids = [...new Set(p.responseIds)].sort();
  const out: [string, string][] = [];
  for (let i = 0; i < ids.length; i++) for (let j = i + 1; j < ids.length; j++) out.push([ids[i], ids[j]]);
  return out;
}

/** In-place Fisher–Yates shuffle with `rng`. */
function shuffle<T>(xs: T[], rng: () => number): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [xs[i], xs[j]] = [xs[j], xs[i]];
  }
  return xs;
}

/**
 * `k` distinct pairs of `pool`, spread over prompts: the prompts in a seeded order each give one random
 * pair, then (when `k` exceeds the prompts) each gives a second, and so on. Throws when the pool has
 * fewer than `k` pairs (the caller says so; nothing is guessed).
 */
export function chooseCalibration(pool: readonly PoolPrompt[], k: number, seed: string): CalibrationPair[] {
  if (!Number.isInteger(k) || k < 0) throw new Error(`calibration: expected an integer ≥ 0, got ${k}`);
  const rng = mulberry32(seedFromString(`calibration|${seed}`));
  const perPrompt = shuffle(
    pool.map((p) => ({ promptId: p.id, pairs: shuffle(pairsOf(p), rng) })).filter((p) => p.pairs.length > 0),
    rng,
  );
  const total = perPrompt.reduce((n, p) => n + p.pairs.length, 0);
  if (k > total) throw new Error(`the dataset has ${total} pairs, fewer than the ${k} asked for`);
  const out: CalibrationPair[] = [];
  for (let round = 0; out.length < k; round++)
    for (const p of perPrompt) {
      if (out.length >= k) break;
      const pair = p.pairs[round];
      if (pair) out.push({ promptId: p.promptId, aId: pair[0], bId: pair[1] });
    }
  return out;
}

/**
 * The calibration pairs as `annotatorId` sees them: only pairs of `pool` (distinct, each once), in an
 * order and with sides seeded by the annotator's id, so a reload shows the same order and two people
 * see different ones.
 */
export function calibrationOrder(
  calibration: readonly CalibrationPair[],
  annotatorId: string,
  pool: readonly PoolPrompt[],
): PairChoice[] {
  const responses = new Map(pool.map((p) => [p.id, new Set(p.responseIds)]));
  const seen = new Set<string>();
  const kept: CalibrationPair[] = [];
  for (const c of calibration) {
    const ids = responses.get(c.promptId);
    const key = calibrationKey(c.promptId, c.aId, c.bId);
    if (c.aId === c.bId || !ids?.has(c.aId) || !ids.has(c.bId) || seen.has(key)) continue;
    seen.add(key);
    kept.push(c);
  }
  const rng = mulberry32(seedFromString(`calibration-order|${annotatorId}`));
  return shuffle(kept, rng).map((c) =>
    rng() < 0.5
      ? { promptId: c.promptId, leftId: c.aId, rightId: c.bId }
      : { promptId: c.promptId, leftId: c.bId, rightId: c.aId },
  );
}

/** How many of the calibration pairs `records` (labels) cover, each pair counted once. */
export function calibrationDone(
  calibration: readonly CalibrationPair[],
  records: Iterable<{ promptId: string; aId: string; bId: string }>,
): number {
  const want = new Set(calibration.map((c) => calibrationKey(c.promptId, c.aId, c.bId)));
  const got = new Set<string>();
  for (const r of records) {
    const key = calibrationKey(r.promptId, r.aId, r.bId);
    if (want.has(key)) got.add(key);
  }
  return got.size;
}
