'use client';
/**
 * The labeling session for one annotator on one dataset. Every decision (next pair, what a judgment stores,
 * undo, tab conflicts) is lib/core/labeling/session.ts `step`; this hook runs its effects: it loads the pool
 * and history, writes and undoes through lib/db/app.ts (the next pair is shown only after IndexedDB has the
 * label) and carries the tab messages (tabSync.ts via useTabSession).
 */
import { useCallback, useEffect } from 'react';
import { addJudgment, addSkip, annotatorHistory, newId, undoDecision, undoLast } from '@/lib/db/app';
import {
  initialPairState,
  step,
  type PairEffect,
  type PairEvent,
  type PairState,
  type DecisionRef,
} from '@/lib/core/labeling/session';
import type { PickOptions } from '@/lib/core/labeling/pair-pick';
import type { TabMessage } from '@/lib/core/labeling/tab-claims';
import { roomCalibrationFor } from '@/lib/core/room/participant';
import type { Outcome, Strength } from '@/lib/core/types';
import { loadRoomIdentity } from '@/components/room/roomIdentity';
import { PAIRS_CHANNEL, TAB_ID } from './tabSync';
import { loadIndexed, useTabSession } from './useTabSession';

export type { DecisionRef, LastDecision } from '@/lib/core/labeling/session';
export type { PickOptions, ShownPair } from '@/lib/core/labeling/pair-pick';

async function load(annotatorId: string, datasetId: string, now: () => number): Promise<PairEvent> {
  const { loaded, mine } = await loadIndexed(
    annotatorId,
    datasetId,
    annotatorHistory(annotatorId, datasetId),
  );
  // A room participant labels the room's calibration pairs first (kept with the identity across reloads).
  const calibration = roomCalibrationFor(loadRoomIdentity(), annotatorId, datasetId);
  return { ...loaded, comparisons: mine.comparisons, skips: mine.skips, calibration, now: now() };
}

const initial = () => initialPairState(TAB_ID);

/** The write an event asked for, started (or null when the step refused to start one). */
function startWrite(effects: PairEffect[]): Promise<true> | null {
  for (const f of effects) {
    if (f.type === 'write-judgment') return addJudgment(f.comparison).then(() => true);
    if (f.type === 'write-skip') return addSkip(f.skip, { repeat: f.repeat }).then(() => true);
  }
  return null;
}

export function useLabelingSession(datasetId: string, annotatorId: string | null, pick: PickOptions) {
  const { state, dispatch, settle, loadError } = useTabSession<PairState, PairEvent, PairEffect, TabMessage>(
    PAIRS_CHANNEL,
    initial,
    step,
    load,
    annotatorId,
    datasetId,
  );

  const { policy, auditShare, rewards, gold } = pick;
  useEffect(() => {
    dispatch({ type: 'options', pick: { policy, auditShare, rewards, gold } });
  }, [dispatch, policy, auditShare, rewards, gold]);

  /** Record a judgment (or skip) of the current pair; resolves after it is durable and the next pair is set. */
  const decide = useCallback(
    async (
      decision:
        { kind: 'judge'; outcome: Outcome; strength?: Strength; rationale?: string } | { kind: 'skip' },
    ) => {
      const now = Date.now();
      const event: PairEvent =
        decision.kind === 'judge'
          ? {
              type: 'judge',
              id: newId(),
              now,
              outcome: decision.outcome,
              strength: decision.strength,
              rationale: decision.rationale,
            }
          : { type: 'skip', id: newId(), now };
      const write = startWrite(dispatch(event));
      return (await settle(write, (): PairEvent => ({ type: 'stored', now: Date.now() }))) === true;
    },
    [dispatch, settle],
  );

  /**
   * Undo the last decision, or (`target`) a chosen one from the strip of recent decisions, durably, and
   * show that pair again. Resolves with what was removed, or null when nothing was (nothing to undo,
   * already undone, or another write in flight).
   */
  const undo = useCallback(
    async (target?: DecisionRef) => {
      const asked = dispatch({ type: 'undo', target }).some(
        (f) => f.type === 'remove-last' || f.type === 'remove-decision',
      );
      if (!annotatorId || !asked) return null;
      const write = target ? undoDecision(annotatorId, datasetId, target) : undoLast(annotatorId, datasetId);
      return settle(write, (r): PairEvent =>
        r ? { type: 'removed', removed: r, now: Date.now() } : { type: 'failed' },
      );
    },
    [annotatorId, datasetId, dispatch, settle],
  );

  /** Replace the pair on screen (not judged yet) by the current policy's pick, e.g. when its model arrives. */
  const repick = useCallback(() => void dispatch({ type: 'repick', now: Date.now() }), [dispatch]);

  return { session: state?.session ?? null, loadError, decide, undo, repick };
}
