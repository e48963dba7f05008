/**
 * K-way rankings (InstructGPT style): an annotator orders 3–6 candidates of one prompt, ties allowed.
 * This file holds the pure parts: checking a ranking, expanding it into its C(K,2) pairwise comparisons
 * for training, turning the ranking UI's state (an order plus "tied with the one above" flags) into
 * tiers, and choosing which prompt and which candidates to rank next.
 *
 * Expansion: for two responses in different tiers the better one becomes `aId` with outcome `a`; two
 * responses in the same tier give outcome `tie`. Strength follows the tier distance: adjacent tiers → 2
 * ("better"), two or more tiers apart → 3 ("much better"); ties carry no strength. Comparison ids are
 * deterministic (`${ranking.id}:${x}|${y}`), so re-expanding a ranking writes the same rows.
 */
import { seedFromString } from './next-pair';
import { mulberry32, shuffle } from '../stats/random';
import type { Comparison, Ranking, Strength } from '../types';

/** Fewest candidates a ranking may hold. */
export const MIN_RANK_K = 3;
/** Most candidates shown for one ranking (a prompt with more gets a seeded sample of this many). */
export const MAX_RANK_K = 6;

/**
 * Which pairs a ranking of K responses expands into: `all` = every pair, C(K,2) comparisons (the
 * default); `adjacent` = only neighbours in the ranked order, K − 1 comparisons (for long rankings).
 */
export const RANKING_PAIRS_MODES = ['all', 'adjacent'] as const;

/** One of {@link RANKING_PAIRS_MODES}. */
export type RankingPairsMode = (typeof RANKING_PAIRS_MODES)[number];

/**
 * Most comparisons ONE ranking may expand into. All pairs fit up to {@link MAX_ALL_PAIRS_K} ranked
 * responses (C(141,2) = 9,870); adjacent pairs up to 10,001. A longer ranking is refused with a message
 * on its line (a 10,000-response ranking would be 49,995,000 pairs from one 188 KB line).
 */
export const MAX_RANKING_PAIRS = 10_000;

/**
 * Most comparisons the rankings of ONE file may expand into together, so memory stays bounded whatever
 * the file holds (rows that would pass it are refused, each on its line).
 */
export const MAX_FILE_RANKING_PAIRS = 1_000_000;

/** How many comparisons a ranking of `k` responses expands into under `mode`. */
export function rankingPairCount(k: number, mode: RankingPairsMode = 'all'): number {
  if (k < 2) return 0;
  return mode === 'adjacent' ? k - 1 : (k * (k - 1)) / 2;
}

/** Most responses one ranking may hold when all its pairs are kept (141 for 10,000 pairs). */
export const MAX_ALL_PAIRS_K = Math.floor((1 + Math.sqrt(1 + 8 * MAX_RANKING_PAIRS)) / 2);

/** Why a ranking of `k` responses may not be expanded under `mode` (see {@link MAX_RANKING_PAIRS}), or null. */
export function rankingPairsProblem(k: number, mode: RankingPairsMode = 'all'): string | null {
  const n = rankingPairCount(k, mode);
  if (n <= MAX_RANKING_PAIRS) return null;
  const cap = MAX_RANKING_PAIRS.toLocaleString('en-US');
  return mode === 'all'
    ? `ranks ${k.toLocaleString('en-US')} responses: all pairs would be ${n.toLocaleString('en-US')} comparisons, ` +
        `more than the ${cap} one ranking may expand into (at most ${MAX_ALL_PAIRS_K} responses); ` +
        `rank fewer, or keep only adjacent pairs (${(k - 1).toLocaleString('en-US')} comparisons)`
    : `ranks ${k.toLocaleString('en-US')} responses: even adjacent pairs would be ${n.toLocaleString('en-US')} ` +
        `comparisons, more than the ${cap} one ranking may expand into; split the ranking`;
}

/**
 * The file-wide budget of ranking comparisons ({@link MAX_FILE_RANKING_PAIRS}) and the per-ranking cap,
 * for an importer that reads rankings row by row: `take(k)` either books the ranking's comparisons and
 * returns null, or books nothing and returns the problem to report on its line.
 */
export class RankingPairBudget {
  used = 0;

  constructor(readonly mode: RankingPairsMode = 'all') {}

  take(k: number): string | null {
    const problem = rankingPairsProblem(k, this.mode);
    if (problem) return problem;
    const n = rankingPairCount(k, this.mode);
    if (this.used + n > MAX_FILE_RANKING_PAIRS)
      return (
        `the rankings before this line already expand into ${this.used.toLocaleString('en-US')} comparisons; ` +
        `this one's ${n.toLocaleString('en-US')} would pass the ${MAX_FILE_RANKING_PAIRS.toLocaleString('en-US')} ` +
        `one file may hold: split the file${this.mode === 'all' ? ', or keep only adjacent pairs' : ''}`
      );
    this.used += n;
    return null;
  }
}

/**
 * Calls `visit(i, j)` for each pair of positions (i < j) in a ranked order of `k` items that `mode`
 * keeps: every pair for `all`, (i, i + 1) for `adjacent`. Pairs come in order of i, then j.
 */
export function forEachRankingPair(
  k: number,
  mode: RankingPairsMode,
  visit: (i: number, j: number) => void,
): void {
  for (let i = 0; i < k; i++) {
    if (mode === 'adjacent') {
      if (i + 1 < k) visit(i, i + 1);
      continue;
    }
    for (let j = i + 1; j < k; j++) visit(i, j);
  }
}

/** Strength of the preference between tiers `distance` apart (1 = adjacent): 1 → 2, ≥ 2 → 3. */
export function tierStrength(distance: number): Strength {
  if (!Number.isInteger(distance) || distance < 1)
    throw new Error(`tier distance must be ≥ 1, got ${distance}`);
  return distance === 1 ? 2 : 3;
}

/** The response ids of a ranking, best first (tied ids in their stored order). */
export function rankedIds(r: Pick<Ranking, 'tiers'>): string[] {
  return r.tiers.flat();
}

/**
 * Problems with a ranking's tiers (empty when it is valid): fewer than two responses, an empty tier, a
 * response listed twice, more responses than {@link MAX_RANKING_PAIRS} allows, or (when `responseIds` is
 * given) a response that is not a candidate of the prompt.
 */
export function rankingProblems(r: Pick<Ranking, 'tiers'>, responseIds?: readonly string[]): string[] {
  const problems: string[] = [];
  const ids = rankedIds(r);
  if (ids.length < 2) problems.push(`a ranking needs at least 2 responses, got ${ids.length}`);
  const tooLong = rankingPairsProblem(ids.length);
  if (tooLong) problems.push(tooLong);
  r.tiers.forEach((t, i) => {
    if (t.length === 0) problems.push(`tier ${i + 1} is empty`);
  });
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) problems.push(`response ${id} is ranked twice`);
    seen.add(id);
  }
  if (responseIds) {
    const allowed = new Set(responseIds);
    for (const id of seen)
      if (!allowed.has(id)) problems.push(`response ${id} is not a candidate of this prompt`);
  }
  return problems;
}

/**
 * The C(K,2) comparisons a ranking stands for (see the file header for outcomes, strengths and ids).
 * Pairs come out in ranked order: for i < j over the flattened ranking, (ids[i], ids[j]).
 * Throws if the ranking is invalid (see {@link rankingProblems}).
 */
export function expandRanking(r: Ranking): Comparison[] {
  const problems = rankingProblems(r);
  if (problems.length) throw new Error(`Invalid ranking ${r.id}: ${problems.join('; ')}`);
  const tierOf = new Map<string, number>();
  r.tiers.forEach((t, i) => t.forEach((id) => tierOf.set(id, i)));
  const ids = rankedIds(r);
  const out: Comparison[] = [];
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      const x = ids[i];
      const y = ids[j];
      const distance = tierOf.get(y)! - tierOf.get(x)!;
      const c: Comparison = {
        id: `${r.id}:${x}|${y}`,
        datasetId: r.datasetId,
        promptId: r.promptId,
        aId: x,
        bId: y,
        outcome: distance === 0 ? 'tie' : 'a',
        annotatorId: r.annotatorId,
        createdAt: r.createdAt,
        durationMs: r.durationMs,
        rankingId: r.id,
      };
      if (distance > 0) c.strength = tierStrength(distance);
      out.push(c);
    }
  }
  return out;
}

/**
 * Tiers from the ranking UI's state: `order` is the list top to bottom, `tiedWithAbove` the ids whose
 * "tie with the one above" toggle is on (ignored for the first item). Each tied id joins the tier of the
 * item above it, so a chain of toggles makes one tier.
 */
export function tiersFromOrder(order: readonly string[], tiedWithAbove: ReadonlySet<string>): string[][] {
  const tiers: string[][] = [];
  order.forEach((id, i) => {
    if (i > 0 && tiedWithAbove.has(id)) tiers[tiers.length - 1].push(id);
    else tiers.push([id]);
  });
  return tiers;
}

/** `items` with the element at `from` moved to index `to` (a new array; indices are clamped). */
export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  const out = items.slice();
  if (from < 0 || from >= out.length) return out;
  const [x] = out.splice(from, 1);
  out.splice(Math.max(0, Math.min(to, out.length)), 0, x);
  return out;
}

/** A prompt that can be ranked: its id and candidate response ids. */
export interface RankPoolPrompt {
  id: string;
  responseIds: readonly string[];
}

/** The next prompt to rank and the candidates to show, in their (seeded) initial order. */
export interface RankChoice {
  promptId: string;
  responseIds: string[];
}

/**
 * The next prompt for this annotator to rank, or null when every eligible prompt is ranked. Eligible:
 * at least {@link MIN_RANK_K} responses and not in `ranked`. Coverage order: a seeded permutation of the
 * prompts (the same seed gives the same order), so an annotator sees every prompt once. A prompt with more
 * than {@link MAX_RANK_K} responses shows a seeded sample of that many; the initial order is shuffled
 * so the stored order never hints at a ranking.
 */
export function nextRankChoice(
  prompts: readonly RankPoolPrompt[],
  ranked: ReadonlySet<string>,
  seed: number,
): RankChoice | null {
  const eligible = prompts
    .filter((p) => p.responseIds.length >= MIN_RANK_K)
    .slice()
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const rng = mulberry32(seed);
  const order = shuffle(rng, eligible);
  const next = order.find((p) => !ranked.has(p.id));
  if (!next) return null;
  // A per-prompt generator, so a prompt's sample and order do not depend on what was ranked before it.
  const local = mulberry32(seed ^ seedFromString(next.id));
  const ids = shuffle(local, [...next.responseIds].sort());
  return { promptId: next.id, responseIds: ids.slice(0, MAX_RANK_K) };
}

/** How many prompts can be ranked at all (at least {@link MIN_RANK_K} responses). */
export function rankablePromptCount(prompts: readonly RankPoolPrompt[]): number {
  return prompts.filter((p) => p.responseIds.length >= MIN_RANK_K).length;
}
