'use client';
/**
 * The ranking session for one annotator on one dataset. Every decision (next prompt, the order and ties
 * being edited, what a submit stores, undo, tab conflicts) is lib/core/labeling/rank-session.ts `rankStep`;
 * this hook runs its effects: it loads the pool and the prompts already ranked, saves and undoes through
 * lib/db/app.ts (addRanking: the ranking and its C(K,2) pairs in one transaction, before the next prompt is
 * shown) and carries the tab messages (components/label/tabSync.ts, rank mode's own channel).
 */
import { useCallback } from 'react';
import { addRanking, newId, rankedPrompts, undoLastRanking } from '@/lib/db/app';
import {
  initialRankState,
  rankStep,
  type RankEffect,
  type RankEvent,
  type RankState,
} from '@/lib/core/labeling/rank-session';
import type { RankTabMessage } from '@/lib/core/labeling/tab-claims';
import type { Ranking } from '@/lib/core/types';
import { RANK_CHANNEL, TAB_ID } from '@/components/label/tabSync';
import { loadIndexed, useTabSession } from '@/components/label/useTabSession';

export type { RankCurrent, RankSession } from '@/lib/core/labeling/rank-session';

async function load(annotatorId: string, datasetId: string, now: () => number): Promise<RankEvent> {
  const { loaded, mine } = await loadIndexed(annotatorId, datasetId, rankedPrompts(annotatorId, datasetId));
  return { ...loaded, ranked: mine, now: now() };
}

const initial = () => initialRankState(TAB_ID);

/** The ranking session hook: state plus `move`, `toggleTie`, `submit` and `undo` (the last two durable). */
export function useRankingSession(datasetId: string, annotatorId: string | null) {
  const { state, dispatch, settle, loadError } = useTabSession<
    RankState,
    RankEvent,
    RankEffect,
    RankTabMessage
  >(RANK_CHANNEL, initial, rankStep, load, annotatorId, datasetId);

  /** Move the candidate at `from` to position `to`. */
  const move = useCallback(
    (from: number, to: number) => void dispatch({ type: 'move', from, to }),
    [dispatch],
  );

  /** Toggle "tied with the one above" for a candidate. */
  const toggleTie = useCallback((id: string) => void dispatch({ type: 'toggle-tie', id }), [dispatch]);

  /** Save the current ranking (durably), then show the next prompt. Resolves with the saved ranking. */
  const submit = useCallback(async (): Promise<Ranking | null> => {
    const write = dispatch({ type: 'submit', id: newId(), now: Date.now() }).find(
      (f) => f.type === 'write-ranking',
    );
    if (write?.type !== 'write-ranking') return null;
    return settle(
      addRanking(write.ranking, write.candidates).then(() => write.ranking),
      (): RankEvent => ({ type: 'stored', now: Date.now() }),
    );
  }, [dispatch, settle]);

  /** Remove the last ranking (durably) and show its prompt again in the order it was ranked. */
  const undo = useCallback(async (): Promise<Ranking | null> => {
    const asked = dispatch({ type: 'undo' }).some((f) => f.type === 'remove-last');
    if (!annotatorId || !asked) return null;
    return settle(undoLastRanking(annotatorId, datasetId), (r): RankEvent =>
      r ? { type: 'removed', ranking: r, now: Date.now() } : { type: 'failed' },
    );
  }, [annotatorId, datasetId, dispatch, settle]);

  return { session: state?.session ?? null, loadError, move, toggleTie, submit, undo };
}
