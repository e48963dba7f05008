/**
 * Labeling in two tabs as the same annotator on the same dataset: the tabs tell each other (over a
 * BroadcastChannel) which pair each is showing and what each has decided or undone, so neither shows a
 * pair the other is judging or has judged, and both count every label. Without BroadcastChannel (very old
 * browsers) each tab works alone, as before.
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

const CHANNEL = 'goodhart-labeling';

/** Whether two pairs are the same pair (sides do not matter). */
export function samePair(a: TabPair, b: TabPair): boolean {
  return a.promptId === b.promptId && pairKey(a.x, a.y) === pairKey(b.x, b.y);
}

/** Open the channel; `onMessage` receives other tabs' messages. Returns null where BroadcastChannel is missing. */
export function openTabSync(
  onMessage: (m: TabMessage) => void,
): { post: (m: TabMessage) => void; close: () => void } | null {
  if (typeof BroadcastChannel === 'undefined') return null;
  const channel = new BroadcastChannel(CHANNEL);
  channel.onmessage = (e: MessageEvent<TabMessage>) => {
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
