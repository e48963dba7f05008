/**
 * The rules two tabs labeling as one annotator follow (components/label/tabSync.ts carries the messages):
 * when both show the same item, which one moves on; and in rank mode, which prompt a tab takes given the
 * prompts the other tabs are showing. Pure, so the rules are tested in Node.
 */
import { nextRankChoice, type RankChoice, type RankPoolPrompt } from './ranking';

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
