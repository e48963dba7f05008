'use client';
/**
 * The labeling session for one annotator on one dataset: loads the pool and the annotator's history,
 * plans the next pair, and records decisions durably (the next pair is shown only after IndexedDB has
 * the label). Undo removes the last decision from IndexedDB and shows that pair again.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { getDb } from '@/lib/db/db';
import { addComparison, addSkip, annotatorHistory, loadPool, newId, undoLast } from '@/lib/db/repo';
import { StorageError, toStorageProblem } from '@/lib/db/errors';
import { CoveragePlanner, poolOfInSteps, seedFromString, type PairChoice } from '@/lib/core/next-pair';
import { forEachInSlices, yieldIfLarge } from '@/lib/core/yield';
import { pickPair } from '@/lib/core/policies';
import { pickRepeat } from '@/lib/core/audit';
import type { Comparison, Outcome, Prompt, Response, Skip, Strength } from '@/lib/core/types';
import { useLabStore, type LabelPolicy } from '@/lib/store';
import { requestPersistenceOnce } from '@/components/storage';

/** A pair on screen; `repeatOf` marks a silent self-audit repeat (sides swapped). */
export type ShownPair = PairChoice & { repeatOf?: string };

/** What the next-pair choice depends on besides the annotator's history. */
export interface PickOptions {
  policy: LabelPolicy;
  auditShare: number;
  rewards: Map<string, number> | null;
  gold: Map<string, boolean> | null;
}

export interface LastDecision {
  kind: 'comparison' | 'skip';
  repeatOf?: string;
  promptId: string;
  leftId: string;
  rightId: string;
  outcome?: Outcome;
  strength?: Strength;
}

export interface SessionState {
  key: string;
  prompts: Map<string, Prompt>;
  responses: Map<string, Response>;
  planner: CoveragePlanner;
  /** This annotator's comparisons on the dataset (for self-audit repeats). */
  own: Comparison[];
  current: ShownPair | null;
  shownAt: number;
  last: LastDecision | null;
  /** Set after an undo: the decision that was removed. */
  undone: LastDecision | null;
}

/** The next pair under the current policy and self-audit share. */
function pickNext(s: Pick<SessionState, 'planner' | 'own'>, o: PickOptions): ShownPair | null {
  if (!s.planner.hasOpenPairs()) return null;
  if (o.auditShare > 0 && s.planner.random() < o.auditShare) {
    const rep = pickRepeat(s.own, () => s.planner.random());
    if (rep) return { promptId: rep.promptId, leftId: rep.bId, rightId: rep.aId, repeatOf: rep.id };
  }
  if (o.policy !== 'coverage' && o.rewards) {
    const c = pickPair(o.policy, s.planner.openPairs(), o.rewards, o.gold ?? undefined, () =>
      s.planner.random(),
    );
    return s.planner.coin()
      ? { promptId: c.promptId, leftId: c.aId, rightId: c.bId }
      : { promptId: c.promptId, leftId: c.bId, rightId: c.aId };
  }
  return s.planner.next();
}

export function useLabelingSession(datasetId: string, annotatorId: string | null, pick: PickOptions) {
  const setProblem = useLabStore((s) => s.setStorageProblem);
  const pickRef = useRef(pick);
  useEffect(() => {
    pickRef.current = pick;
  });
  const [session, setSession] = useState<SessionState | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const sessionRef = useRef<SessionState | null>(null);
  const busy = useRef(false);
  const key = annotatorId ? `${annotatorId}|${datasetId}` : null;

  /** The one way state changes: the ref (read by key handlers between renders) and React state together. */
  const commit = useCallback((next: SessionState) => {
    sessionRef.current = next;
    setSession(next);
  }, []);

  useEffect(() => {
    if (!key || !annotatorId) return;
    let cancelled = false;
    (async () => {
      try {
        const db = getDb();
        const [{ prompts, responses }, history] = await Promise.all([
          loadPool(db, datasetId),
          annotatorHistory(db, annotatorId, datasetId),
        ]);
        // A 160k-prompt dataset takes ~0.5 s to index: do it in steps so the page never blocks that long.
        const size = responses.length;
        const pool = await poolOfInSteps(prompts, responses);
        await yieldIfLarge(size);
        const planner = new CoveragePlanner(
          pool,
          seedFromString(`${annotatorId}|${datasetId}|${Date.now()}`),
        );
        for (const c of history.comparisons) planner.mark(c.promptId, c.aId, c.bId);
        for (const s of history.skips) planner.mark(s.promptId, s.aId, s.bId);
        const promptById = new Map<string, Prompt>();
        await forEachInSlices(prompts, (p) => promptById.set(p.id, p));
        const responseById = new Map<string, Response>();
        await forEachInSlices(responses, (r) => responseById.set(r.id, r));
        await yieldIfLarge(size);
        if (cancelled) return;
        const own = [...history.comparisons];
        const next: SessionState = {
          key,
          prompts: promptById,
          responses: responseById,
          planner,
          own,
          current: pickNext({ planner, own }, pickRef.current),
          shownAt: Date.now(),
          last: null,
          undone: null,
        };
        commit(next);
        setLoadError(null);
      } catch (e) {
        if (cancelled) return;
        const problem = e instanceof StorageError ? e.problem : toStorageProblem(e);
        setLoadError(problem.message);
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [key, annotatorId, datasetId, commit]);

  const report = useCallback(
    (e: unknown) => setProblem(e instanceof StorageError ? e.problem : toStorageProblem(e)),
    [setProblem],
  );

  /** Record a judgment (or skip) of the current pair; resolves after it is durable and the next pair is set. */
  const decide = useCallback(
    async (
      decision:
        { kind: 'judge'; outcome: Outcome; strength?: Strength; rationale?: string } | { kind: 'skip' },
    ) => {
      const s = sessionRef.current;
      if (!s || !s.current || !annotatorId || busy.current) return false;
      busy.current = true;
      const cur = s.current;
      const now = Date.now();
      try {
        if (decision.kind === 'judge') {
          const c: Comparison = {
            id: newId(),
            datasetId,
            promptId: cur.promptId,
            aId: cur.leftId,
            bId: cur.rightId,
            outcome: decision.outcome,
            annotatorId,
            createdAt: now,
            durationMs: Math.max(0, now - s.shownAt),
          };
          if (decision.strength && (decision.outcome === 'a' || decision.outcome === 'b'))
            c.strength = decision.strength;
          const rationale = decision.rationale?.trim();
          if (rationale) c.rationale = rationale;
          if (cur.repeatOf) c.repeatOf = cur.repeatOf;
          await addComparison(getDb(), c);
          s.own.push(c);
          void requestPersistenceOnce();
        } else {
          const skip: Skip = {
            id: newId(),
            datasetId,
            promptId: cur.promptId,
            aId: cur.leftId,
            bId: cur.rightId,
            annotatorId,
            createdAt: now,
          };
          await addSkip(getDb(), skip);
        }
        if (!cur.repeatOf) s.planner.mark(cur.promptId, cur.leftId, cur.rightId);
        const next: SessionState = {
          ...s,
          current: pickNext(s, pickRef.current),
          shownAt: Date.now(),
          last: {
            kind: decision.kind === 'judge' ? 'comparison' : 'skip',
            promptId: cur.promptId,
            leftId: cur.leftId,
            rightId: cur.rightId,
            outcome: decision.kind === 'judge' ? decision.outcome : undefined,
            strength: decision.kind === 'judge' ? decision.strength : undefined,
            repeatOf: cur.repeatOf,
          },
          undone: null,
        };
        commit(next);
        return true;
      } catch (e) {
        report(e);
        return false;
      } finally {
        busy.current = false;
      }
    },
    [annotatorId, datasetId, report, commit],
  );

  /** Undo the last decision (durably) and show that pair again. */
  const undo = useCallback(async () => {
    const s = sessionRef.current;
    if (!s || !annotatorId || busy.current) return false;
    busy.current = true;
    try {
      const removed = await undoLast(getDb(), annotatorId, datasetId);
      if (!removed) return false;
      const r = removed.record;
      const repeatOf = removed.kind === 'comparison' ? removed.record.repeatOf : undefined;
      if (!repeatOf) s.planner.unmark(r.promptId, r.aId, r.bId);
      if (removed.kind === 'comparison') s.own = s.own.filter((c) => c.id !== r.id);
      const undone: LastDecision = {
        kind: removed.kind,
        repeatOf,
        promptId: r.promptId,
        leftId: r.aId,
        rightId: r.bId,
        outcome: removed.kind === 'comparison' ? removed.record.outcome : undefined,
      };
      const next: SessionState = {
        ...s,
        current: { promptId: r.promptId, leftId: r.aId, rightId: r.bId, ...(repeatOf ? { repeatOf } : {}) },
        shownAt: Date.now(),
        last: null,
        undone,
      };
      commit(next);
      return true;
    } catch (e) {
      report(e);
      return false;
    } finally {
      busy.current = false;
    }
  }, [annotatorId, datasetId, report, commit]);

  /** Replace the pair on screen (not judged yet) by the current policy's pick, e.g. when its model arrives. */
  const repick = useCallback(() => {
    const s = sessionRef.current;
    if (!s || !s.current || s.current.repeatOf || s.undone || busy.current) return;
    const next: SessionState = { ...s, current: pickNext(s, pickRef.current), shownAt: Date.now() };
    commit(next);
  }, [commit]);

  const active = session && session.key === key ? session : null;
  return { session: active, loadError, decide, undo, repick };
}
