/**
 * Labeling in two tabs as the same annotator on the same dataset: the tabs tell each other (over a
 * BroadcastChannel) which pair (or, in rank mode, which prompt) each is showing and what each has decided
 * or undone, so neither shows what the other is judging or has judged, and both count every label. Without
 * BroadcastChannel (very old browsers) each tab works alone; the stores still refuse a second decision
 * (lib/db addJudgment, addRanking).
 */
import type { Comparison } from '@/lib/core/types';
import { pairKey } from '@/lib/core/types';
import { newId } from '@/lib/db/repo';

/** A pair as the tabs name it: prompt and its two responses in either order. */
export interface TabPair {
  promptId: string;
  x: string;
  y: string;
  /** A silent self-audit repeat: counted, but never marks the pair decided. */
  repeat?: boolean;
}

export type TabMessage =
  | { type: 'showing'; tab: string; key: string; pair: TabPair | null; since: number }
  | { type: 'decided'; tab: string; key: string; pair: TabPair; comparison?: Comparison }
  | { type: 'undone'; tab: string; key: string; pair: TabPair; comparisonId?: string }
  | { type: 'bye'; tab: string };

/** This tab's id (random per page load). */
export const TAB_ID = newId();

/** The channel of pairs mode (useLabelingSession). */
export const PAIRS_CHANNEL = 'goodhart-labeling';
/** The channel of rank mode (useRankingSession): its own, so the two modes' messages never mix. */
export const RANK_CHANNEL = 'goodhart-ranking';

/** Whether two pairs are the same pair (sides do not matter). */
export function samePair(a: TabPair, b: TabPair): boolean {
  return a.promptId === b.promptId && pairKey(a.x, a.y) === pairKey(b.x, b.y);
}

/** What rank-mode tabs tell each other: the prompt each shows, and prompts ranked or given back by undo. */
export type RankTabMessage =
  | { type: 'showing'; tab: string; key: string; promptId: string | null; since: number }
  | { type: 'ranked'; tab: string; key: string; promptId: string }
  | { type: 'unranked'; tab: string; key: string; promptId: string }
  | { type: 'bye'; tab: string };

/** An open channel to the other tabs. */
export interface TabSync<M> {
  post: (m: M) => void;
  close: () => void;
}

/** Open a channel; `onMessage` receives other tabs' messages. Returns null where BroadcastChannel is missing. */
export function openTabSync<M extends { tab: string }>(
  name: string,
  onMessage: (m: M) => void,
): TabSync<M> | null {
  if (typeof BroadcastChannel === 'undefined') return null;
  const channel = new BroadcastChannel(name);
  channel.onmessage = (e: MessageEvent<M>) => {
    if (e.data && typeof e.data === 'object' && e.data.tab !== TAB_ID) onMessage(e.data);
  };
  return {
    post: (m) => {
      try {
        channel.postMessage(m);
      } catch {
        // A closed channel (page unloading): nothing to tell.
      }
    },
    close: () => channel.close(),
  };
}
