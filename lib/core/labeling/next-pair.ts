/**
 * Which pair to show next on /label. The coverage policy shows every prompt before repeating one (the
 * prompt with the fewest decisions by this annotator comes next), never shows an annotator a pair they
 * already judged or skipped, and randomises which response is on the left. Incremental, so it stays fast
 * with tens of thousands of stored labels.
 */
import { mulberry32, type Rng } from '../stats/random';
import { pairKey } from '../types';
import { forEachInSlices, yieldIfLarge } from '../yield';

/** A prompt and the ids of its candidate responses. */
export interface PoolPrompt {
  id: string;
  responseIds: readonly string[];
}

/** A pair to show: `leftId` goes on the left (becomes the comparison's `aId`). */
export interface PairChoice {
  promptId: string;
  leftId: string;
  rightId: string;
}

/** The planners' pool: each prompt (in the given order) with the ids of its responses, sorted. */
export function poolOf(
  prompts: readonly { id: string }[],
  responses: readonly { id: string; promptId: string }[],
): PoolPrompt[] {
  const byPrompt = new Map<string, string[]>();
  for (const r of responses) {
    const list = byPrompt.get(r.promptId);
    if (list) list.push(r.id);
    else byPrompt.set(r.promptId, [r.id]);
  }
  return prompts.map((p) => ({ id: p.id, responseIds: (byPrompt.get(p.id) ?? []).sort() }));
}

/** {@link poolOf} in slices that yield to the event loop, for pools too large to index in one task. */
export async function poolOfInSteps(
  prompts: readonly { id: string }[],
  responses: readonly { id: string; promptId: string }[],
): Promise<PoolPrompt[]> {
  const byPrompt = new Map<string, string[]>();
  await forEachInSlices(responses, (r) => {
    const list = byPrompt.get(r.promptId);
    if (list) list.push(r.id);
    else byPrompt.set(r.promptId, [r.id]);
  });
  const out: PoolPrompt[] = new Array(prompts.length);
  await forEachInSlices(prompts, (p, i) => {
    out[i] = { id: p.id, responseIds: (byPrompt.get(p.id) ?? []).sort() };
  });
  return out;
}

/**
 * A dataset indexed for a labeling or ranking session: the pool and prompt/response lookups by id, built in
 * slices that yield to the event loop (a 160k-prompt dataset took ~0.5 s in one task), then one more yield
 * before the caller's own step when the dataset is large.
 */
export async function indexPoolInSteps<P extends { id: string }, R extends { id: string; promptId: string }>(
  prompts: readonly P[],
  responses: readonly R[],
): Promise<{ pool: PoolPrompt[]; promptById: Map<string, P>; responseById: Map<string, R> }> {
  const pool = await poolOfInSteps(prompts, responses);
  const promptById = new Map<string, P>();
  await forEachInSlices(prompts, (p) => promptById.set(p.id, p));
  const responseById = new Map<string, R>();
  await forEachInSlices(responses, (r) => responseById.set(r.id, r));
  await yieldIfLarge(responses.length);
  return { pool, promptById, responseById };
}

/** Number of distinct unordered pairs of k items. */
export function choose2(k: number): number {
  return k < 2 ? 0 : (k * (k - 1)) / 2;
}

/** Hash a string to a 32-bit seed (FNV-1a), so each annotator gets their own prompt order. */
export function seedFromString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Coverage planner: tracks one annotator's decided pairs and proposes the next one. */
export class CoveragePlanner {
  private readonly prompts: PoolPrompt[];
  private readonly order = new Map<string, number>();
  private readonly done = new Map<string, Set<string>>();
  private readonly rng: Rng;
  /** Total distinct pairs in the pool. */
  readonly totalPairs: number;
  private decided = 0;

  /**
   * @param prompts the pool (prompts with fewer than two responses are ignored)
   * @param seed seeds the prompt order and the side randomisation
   */
  constructor(prompts: readonly PoolPrompt[], seed: number) {
    this.prompts = prompts.filter((p) => p.responseIds.length >= 2);
    this.rng = mulberry32(seed);
    const perm = this.prompts.map((_, i) => i);
    for (let i = perm.length - 1; i > 0; i--) {
      const j = Math.floor(this.rng() * (i + 1));
      [perm[i], perm[j]] = [perm[j], perm[i]];
    }
    perm.forEach((promptIndex, rank) => this.order.set(this.prompts[promptIndex].id, rank));
    this.totalPairs = this.prompts.reduce((s, p) => s + choose2(p.responseIds.length), 0);
  }

  /** Pairs this annotator has decided (judged or skipped) that belong to the pool. */
  get decidedPairs(): number {
    return this.decided;
  }

  /** Record a decided pair (judgment or skip). Returns false if it was already recorded or is not in the pool. */
  mark(promptId: string, x: string, y: string): boolean {
    if (!this.order.has(promptId)) return false;
    let set = this.done.get(promptId);
    if (!set) this.done.set(promptId, (set = new Set()));
    const key = pairKey(x, y);
    if (set.has(key)) return false;
    set.add(key);
    this.decided++;
    return true;
  }

  /** Forget a decided pair (after undo). */
  unmark(promptId: string, x: string, y: string): void {
    if (this.done.get(promptId)?.delete(pairKey(x, y))) this.decided--;
  }

  /** Whether this pair was already decided. */
  has(promptId: string, x: string, y: string): boolean {
    return this.done.get(promptId)?.has(pairKey(x, y)) ?? false;
  }

  /** Whether any pair is still undecided (constant time: no enumeration). */
  hasOpenPairs(): boolean {
    return this.decided < this.totalPairs;
  }

  /** Every pair not decided yet (in pool order), for policies that score candidates. */
  openPairs(): { promptId: string; aId: string; bId: string }[] {
    const out: { promptId: string; aId: string; bId: string }[] = [];
    for (const p of this.prompts) {
      const set = this.done.get(p.id);
      const ids = p.responseIds;
      for (let i = 0; i < ids.length; i++)
        for (let j = i + 1; j < ids.length; j++)
          if (!set?.has(pairKey(ids[i], ids[j]))) out.push({ promptId: p.id, aId: ids[i], bId: ids[j] });
    }
    return out;
  }

  /** A fair coin from the planner's seeded generator (side randomisation for other policies). */
  coin(): boolean {
    return this.rng() < 0.5;
  }

  /** A uniform number in [0, 1) from the planner's seeded generator. */
  random(): number {
    return this.rng();
  }

  /** The next pair, or null when every pair has been decided. */
  next(): PairChoice | null {
    let best: PoolPrompt | null = null;
    let bestCount = Infinity;
    let bestRank = Infinity;
    for (const p of this.prompts) {
      const count = this.done.get(p.id)?.size ?? 0;
      if (count >= choose2(p.responseIds.length)) continue;
      const rank = this.order.get(p.id)!;
      if (count < bestCount || (count === bestCount && rank < bestRank)) {
        best = p;
        bestCount = count;
        bestRank = rank;
      }
    }
    if (!best) return null;
    const set = this.done.get(best.id);
    const open: [string, string][] = [];
    const ids = best.responseIds;
    for (let i = 0; i < ids.length; i++) {
      for (let j = i + 1; j < ids.length; j++) {
        if (!set?.has(pairKey(ids[i], ids[j]))) open.push([ids[i], ids[j]]);
      }
    }
    const [x, y] = open[Math.floor(this.rng() * open.length)];
    return this.rng() < 0.5
      ? { promptId: best.id, leftId: x, rightId: y }
      : { promptId: best.id, leftId: y, rightId: x };
  }
}
