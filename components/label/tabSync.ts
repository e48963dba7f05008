/**
 * Labeling in two tabs as the same annotator on the same dataset: the tabs tell each other (over a
 * BroadcastChannel) which pair (or, in rank mode, which prompt) each is showing and what each has decided
 * or undone, so neither shows what the other is judging or has judged, and both count every label. Without
 * BroadcastChannel (very old browsers) each tab works alone; the stores still refuse a second decision
 * (lib/db addJudgment, addRanking). The messages and the rules the tabs follow are lib/core/labeling/tab-claims.ts.
 */
import { newId } from '@/lib/db/repo';

/** This tab's id (random per page load). */
export const TAB_ID = newId();

/** The channel of pairs mode (useLabelingSession). */
export const PAIRS_CHANNEL = 'goodhart-labeling';
/** The channel of rank mode (useRankingSession): its own, so the two modes' messages never mix. */
export const RANK_CHANNEL = 'goodhart-ranking';

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
