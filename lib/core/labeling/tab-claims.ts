/**
 * The rules two tabs labeling as one annotator follow (components/label/tabSync.ts carries the messages):
 * what the tabs tell each other, what each knows of the others, when both show the same item which one
 * moves on, and in rank mode which prompt a tab takes given the prompts the other tabs are showing. Pure,
 * so the rules are tested in Node; the pure sessions (session.ts, rank-session.ts) apply them.
 */
import { pairKey, type Comparison, type Skip } from '../types';
import { nextRankChoice, type RankChoice, type RankPoolPrompt } from './ranking';

/** A pair as the tabs name it: prompt and its two responses in either order. */
export interface TabPair {
  promptId: string;
  x: string;
  y: string;
  /** A silent self-audit repeat: counted, but never marks the pair decided. */
  repeat?: boolean;
}

/** What pairs-mode tabs tell each other: the pair each shows, and pairs decided or given back by undo. */
export type TabMessage =
  | { type: 'showing'; tab: string; key: string; pair: TabPair | null; since: number }
  | { type: 'decided'; tab: string; key: string; pair: TabPair; comparison?: Comparison; skip?: Skip }
  | { type: 'undone'; tab: string; key: string; pair: TabPair; comparisonId?: string; skipId?: string }
  | { type: 'bye'; tab: string };

/** What rank-mode tabs tell each other: the prompt each shows, and prompts ranked or given back by undo. */
export type RankTabMessage =
  | { type: 'showing'; tab: string; key: string; promptId: string | null; since: number }
  | { type: 'ranked'; tab: string; key: string; promptId: string }
  | { type: 'unranked'; tab: string; key: string; promptId: string }
  | { type: 'bye'; tab: string };

/** The key the tabs of one annotator on one dataset share (and a session is loaded for). */
export function sessionKey(annotatorId: string, datasetId: string): string {
  return `${annotatorId}|${datasetId}`;
}

/** Whether two pairs are the same pair (sides do not matter). */
export function samePair(a: TabPair, b: TabPair): boolean {
  return a.promptId === b.promptId && pairKey(a.x, a.y) === pairKey(b.x, b.y);
}

/** What a tab is showing, as the tabs tell each other: since when, and the tab's id. */
export interface ShownBy {
  since: number;
  tab: string;
}

/**
 * Whether `mine` should move on when another tab shows the same item as `theirs`: the tab that showed it
 * later moves on, and at the same instant the one with the greater id. Exactly one of two tabs yields.
 */
export function yieldsTo(mine: ShownBy, theirs: ShownBy): boolean {
  return mine.since > theirs.since || (mine.since === theirs.since && mine.tab > theirs.tab);
}

/** The other tabs as one tab knows them: the item each shows and since when, and every tab heard from. */
export interface TabPeers<T> {
  claims: ReadonlyMap<string, { item: T; since: number }>;
  heard: ReadonlySet<string>;
}

/** No other tab heard from yet. */
export function noPeers<T>(): TabPeers<T> {
  return { claims: new Map(), heard: new Set() };
}

/**
 * Another tab says what it shows (`item` null: nothing). Returns the updated peers and whether the tab is new
 * (then this tab answers with what it shows, so a tab opened later learns it).
 */
export function hearShowing<T>(
  peers: TabPeers<T>,
  tab: string,
  item: T | null,
  since: number,
): { peers: TabPeers<T>; isNew: boolean } {
  const claims = new Map(peers.claims);
  if (item !== null) claims.set(tab, { item, since });
  else claims.delete(tab);
  const isNew = !peers.heard.has(tab);
  return { peers: { claims, heard: isNew ? new Set(peers.heard).add(tab) : peers.heard }, isNew };
}

/** Another tab closed: it neither shows anything nor counts as heard from. */
export function hearBye<T>(peers: TabPeers<T>, tab: string): TabPeers<T> {
  const claims = new Map(peers.claims);
  claims.delete(tab);
  const heard = new Set(peers.heard);
  heard.delete(tab);
  return { claims, heard };
}

/** The items the other tabs are showing. */
export function claimedItems<T>(peers: TabPeers<T>): T[] {
  return [...peers.claims.values()].map((c) => c.item);
}

/**
 * The next prompt to rank: the seeded next choice among prompts neither ranked nor shown in another tab,
 * else (every free prompt is on screen elsewhere) the seeded next choice among the unranked ones.
 */
export function freeRankChoice(
  pool: readonly RankPoolPrompt[],
  ranked: ReadonlySet<string>,
  claimed: Iterable<string>,
  seed: number,
): RankChoice | null {
  const held = new Set(ranked);
  for (const id of claimed) held.add(id);
  return nextRankChoice(pool, held, seed) ?? nextRankChoice(pool, ranked, seed);
}
