/**
 * Which pair a pairs session (session.ts) shows next: an undecided calibration pair of the room first, else
 * a silent self-audit repeat under the audit share (audit.ts), else the chosen policy's pick (policies.ts)
 * or the coverage planner's (next-pair.ts), avoiding the pairs other tabs of the annotator are showing.
 * Pure: the planner's random draws come from its seed.
 */
import type { Comparison } from '../types';
import { pickRepeat } from './audit';
import type { CoveragePlanner, PairChoice } from './next-pair';
import { pickPair, type PolicyName } from './policies';
import type { TabPair, TabPeers } from './tab-claims';

/** A pair on screen; `repeatOf` marks a silent self-audit repeat (sides swapped). */
export type ShownPair = PairChoice & { repeatOf?: string };

/** What the next-pair choice depends on besides the annotator's history. */
export interface PickOptions {
  policy: PolicyName;
  auditShare: number;
  rewards: ReadonlyMap<string, number> | null;
  gold: ReadonlyMap<string, boolean> | null;
}

/** The pair as the tabs name it. */
export const tabPair = (p: ShownPair): TabPair => ({
  promptId: p.promptId,
  x: p.leftId,
  y: p.rightId,
  ...(p.repeatOf ? { repeat: true } : {}),
});

/** The next pair: an undecided calibration pair first, else the current policy's under the self-audit share. */
function pickNext(
  planner: CoveragePlanner,
  own: readonly Comparison[],
  o: PickOptions,
  calibration: readonly PairChoice[],
): ShownPair | null {
  if (!planner.hasOpenPairs()) return null;
  const cal = calibration.find((c) => !planner.has(c.promptId, c.leftId, c.rightId));
  if (cal) return { ...cal };
  if (o.auditShare > 0 && planner.random() < o.auditShare) {
    const rep = pickRepeat(own, () => planner.random());
    if (rep) return { promptId: rep.promptId, leftId: rep.bId, rightId: rep.aId, repeatOf: rep.id };
  }
  if (o.policy !== 'coverage' && o.rewards) {
    const c = pickPair(o.policy, planner.openPairs(), o.rewards, o.gold ?? undefined, () => planner.random());
    return planner.coin()
      ? { promptId: c.promptId, leftId: c.aId, rightId: c.bId }
      : { promptId: c.promptId, leftId: c.bId, rightId: c.aId };
  }
  return planner.next();
}

/** The next pair, avoiding pairs other tabs are showing (unless nothing else is left). */
export function pickFree(
  s: { peers: TabPeers<TabPair>; pick: PickOptions },
  planner: CoveragePlanner,
  own: readonly Comparison[],
  calibration: readonly PairChoice[],
): ShownPair | null {
  const held: TabPair[] = [];
  for (const { item } of s.peers.claims.values())
    if (!item.repeat && planner.mark(item.promptId, item.x, item.y)) held.push(item);
  let free: ShownPair | null;
  try {
    free = pickNext(planner, own, s.pick, calibration);
  } finally {
    for (const p of held) planner.unmark(p.promptId, p.x, p.y);
  }
  return free ?? (held.length ? pickNext(planner, own, s.pick, calibration) : null);
}
