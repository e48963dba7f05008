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
import { CoveragePlanner, seedFromString, type PairChoice } from '@/lib/core/next-pair';
import type { Comparison, Outcome, Prompt, Response, Skip, Strength } from '@/lib/core/types';
import { useLabStore } from '@/lib/store';
import { requestPersistenceOnce } from '@/components/storage';

export interface LastDecision {
  kind: 'comparison' | 'skip';
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
  labeled: number;
  current: PairChoice | null;
  shownAt: number;
  last: LastDecision | null;
  /** Set after an undo: the decision that was removed. */
  undone: LastDecision | null;
}

export function useLabelingSession(datasetId: string, annotatorId: string | null) {
  const setProblem = useLabStore((s) => s.setStorageProblem);
  const [session, setSession] = useState<SessionState | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const sessionRef = useRef<SessionState | null>(null);
  const busy = useRef(false);
  const key = annotatorId ? `${annotatorId}|${datasetId}` : null;

  useEffect(() => {
    sessionRef.current = session;
  }, [session]);

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
        const byPrompt = new Map<string, string[]>();
        for (const r of responses) {
          const list = byPrompt.get(r.promptId);
          if (list) list.push(r.id);
          else byPrompt.set(r.promptId, [r.id]);
        }
        const planner = new CoveragePlanner(
          prompts.map((p) => ({ id: p.id, responseIds: (byPrompt.get(p.id) ?? []).sort() })),
          seedFromString(`${annotatorId}|${datasetId}|${Date.now()}`),
        );
        for (const c of history.comparisons) planner.mark(c.promptId, c.aId, c.bId);
        for (const s of history.skips) planner.mark(s.promptId, s.aId, s.bId);
        if (cancelled) return;
        const next: SessionState = {
          key,
          prompts: new Map(prompts.map((p) => [p.id, p])),
          responses: new Map(responses.map((r) => [r.id, r])),
          planner,
          labeled: history.comparisons.length,
          current: planner.next(),
          shownAt: Date.now(),
          last: null,
          undone: null,
        };
        sessionRef.current = next;
        setSession(next);
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
  }, [key, annotatorId, datasetId]);

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
        let labeled = s.labeled;
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
          await addComparison(getDb(), c);
          labeled++;
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
        s.planner.mark(cur.promptId, cur.leftId, cur.rightId);
        const next: SessionState = {
          ...s,
          labeled,
          current: s.planner.next(),
          shownAt: Date.now(),
          last: {
            kind: decision.kind === 'judge' ? 'comparison' : 'skip',
            promptId: cur.promptId,
            leftId: cur.leftId,
            rightId: cur.rightId,
            outcome: decision.kind === 'judge' ? decision.outcome : undefined,
            strength: decision.kind === 'judge' ? decision.strength : undefined,
          },
          undone: null,
        };
        sessionRef.current = next;
        setSession(next);
        return true;
      } catch (e) {
        report(e);
        return false;
      } finally {
        busy.current = false;
      }
    },
    [annotatorId, datasetId, report],
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
      s.planner.unmark(r.promptId, r.aId, r.bId);
      const undone: LastDecision = {
        kind: removed.kind,
        promptId: r.promptId,
        leftId: r.aId,
        rightId: r.bId,
        outcome: removed.kind === 'comparison' ? removed.record.outcome : undefined,
      };
      const next: SessionState = {
        ...s,
        labeled: s.labeled - (removed.kind === 'comparison' ? 1 : 0),
        current: { promptId: r.promptId, leftId: r.aId, rightId: r.bId },
        shownAt: Date.now(),
        last: null,
        undone,
      };
      sessionRef.current = next;
      setSession(next);
      return true;
    } catch (e) {
      report(e);
      return false;
    } finally {
      busy.current = false;
    }
  }, [annotatorId, datasetId, report]);

  const active = session && session.key === key ? session : null;
  return { session: active, loadError, decide, undo };
}
