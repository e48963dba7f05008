/**
 * The strip of recent decisions on the labeling page (pairs mode): the annotator's last few judgments and
 * skips on a dataset, newest first, each with what undo needs (its kind and id) and what the gold reveal
 * needs (its pair and outcome). Kept by session.ts from the history it loads, its own writes and undos,
 * and the other tabs' messages, so every tab of one annotator shows the same strip.
 */
import type { Comparison, Outcome, Skip, Strength } from '../types';

/** A stored decision undo can name (the strip of recent decisions): its kind and id. */
export interface DecisionRef {
  kind: 'comparison' | 'skip';
  id: string;
}

/** How many recent decisions the strip keeps. */
export const RECENT_MAX = 8;

/** One stored decision as the page shows it: the last one (for the gold reveal), a recent one, or an undone one. */
export interface LastDecision {
  kind: 'comparison' | 'skip';
  /** The stored record's id (undo removes exactly this one). */
  id: string;
  createdAt: number;
  repeatOf?: string;
  promptId: string;
  leftId: string;
  rightId: string;
  outcome?: Outcome;
  strength?: Strength;
}

/** A stored judgment or skip as a {@link LastDecision}. */
export function decisionOf(
  d: { kind: 'comparison'; record: Comparison } | { kind: 'skip'; record: Pick<Skip, DecisionFields> },
): LastDecision {
  const r = d.record;
  const out: LastDecision = {
    kind: d.kind,
    id: r.id,
    createdAt: r.createdAt,
    promptId: r.promptId,
    leftId: r.aId,
    rightId: r.bId,
  };
  if (d.kind === 'comparison') {
    out.outcome = d.record.outcome;
    if (d.record.strength !== undefined) out.strength = d.record.strength;
    if (d.record.repeatOf !== undefined) out.repeatOf = d.record.repeatOf;
  }
  return out;
}

/** The fields of a skip the strip reads. */
export type DecisionFields = 'id' | 'promptId' | 'aId' | 'bId' | 'createdAt';

/**
 * The strip from a loaded history: the newest {@link RECENT_MAX} judgments and skips (pairs expanded from a
 * K-way ranking are not decisions of this page: they are undone with their ranking).
 */
export function recentFromHistory(
  comparisons: readonly Comparison[],
  skips: readonly Pick<Skip, DecisionFields>[],
): LastDecision[] {
  const all = [
    ...comparisons.filter((c) => !c.rankingId).map((record) => decisionOf({ kind: 'comparison', record })),
    ...skips.map((record) => decisionOf({ kind: 'skip', record })),
  ];
  return all.sort((a, b) => b.createdAt - a.createdAt).slice(0, RECENT_MAX);
}

/** The strip with `d` added (newest first, at most {@link RECENT_MAX}; a decision already listed is not repeated). */
export function withRecent(list: readonly LastDecision[], d: LastDecision): LastDecision[] {
  if (list.some((x) => x.id === d.id)) return [...list];
  return [d, ...list].sort((a, b) => b.createdAt - a.createdAt).slice(0, RECENT_MAX);
}

/** The strip without the decision `id` (undone here or in another tab). */
export function withoutRecent(list: readonly LastDecision[], id: string | undefined): LastDecision[] {
  return id === undefined ? [...list] : list.filter((x) => x.id !== id);
}
