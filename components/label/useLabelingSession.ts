'use client';
/**
 * The labeling session for one annotator on one dataset: loads the pool and the annotator's history,
 * plans the next pair, and records decisions durably (the next pair is shown only after IndexedDB has
 * the label). Undo removes the last decision from IndexedDB and shows that pair again. Other tabs labeling as
 * the same annotator on the same dataset are kept in step (tabSync.ts): no two tabs show or judge the same
 * pair while another is free, and every tab counts every label.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { getDb } from '@/lib/db/db';
import { addJudgment, addSkip, newId, undoLast } from '@/lib/db/repo';
import { annotatorHistory, loadPool } from '@/lib/db/queries';
import { AlreadyDecidedError, StorageError, toStorageProblem } from '@/lib/db/errors';
import {
  CoveragePlanner,
  indexPoolInSteps,
  seedFromString,
  type PairChoice,
} from '@/lib/core/labeling/next-pair';
import { yieldIfLarge } from '@/lib/core/yield';
import { pickPair } from '@/lib/core/labeling/policies';
import { pickRepeat } from '@/lib/core/labeling/audit';
import { yieldsTo } from '@/lib/core/labeling/tab-claims';
import type { Comparison, Outcome, Prompt, Response, Skip, Strength } from '@/lib/core/types';
import { useLabStore, type LabelPolicy } from '@/lib/store';
import { requestPersistenceOnce } from '@/components/storage';
import {
  openTabSync,
  PAIRS_CHANNEL,
  samePair,
  TAB_ID,
  type TabMessage,
  type TabPair,
  type TabSync,
} from './tabSync';

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
  /** Set when the last judgment was refused because another tab had already judged the pair. */
  refused: string | null;
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

const tabPair = (p: ShownPair): TabPair => ({
  promptId: p.promptId,
  x: p.leftId,
  y: p.rightId,
  ...(p.repeatOf ? { repeat: true } : {}),
});

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

  /** Other tabs (same annotator and dataset): the pair each shows and since when; tabs heard from. */
  const claims = useRef(new Map<string, { pair: TabPair; since: number }>());
  const peers = useRef(new Set<string>());
  const sync = useRef<TabSync<TabMessage> | null>(null);

  const announce = useCallback((s: SessionState | null) => {
    if (s)
      sync.current?.post({
        type: 'showing',
        tab: TAB_ID,
        key: s.key,
        pair: s.current ? tabPair(s.current) : null,
        since: s.shownAt,
      });
  }, []);

  /** The one way state changes: the ref (read by key handlers between renders) and React state together. */
  const commit = useCallback(
    (next: SessionState) => {
      const prev = sessionRef.current;
      sessionRef.current = next;
      setSession(next);
      if (prev?.current !== next.current || prev?.key !== next.key) announce(next);
    },
    [announce],
  );

  /** The next pair, avoiding pairs other tabs are showing (unless nothing else is left). */
  const pickFree = useCallback((s: Pick<SessionState, 'planner' | 'own'>): ShownPair | null => {
    const held: TabPair[] = [];
    for (const { pair } of claims.current.values())
      if (!pair.repeat && s.planner.mark(pair.promptId, pair.x, pair.y)) held.push(pair);
    let free: ShownPair | null;
    try {
      free = pickNext(s, pickRef.current);
    } finally {
      for (const p of held) s.planner.unmark(p.promptId, p.x, p.y);
    }
    return free ?? (held.length ? pickNext(s, pickRef.current) : null);
  }, []);

  useEffect(() => {
    if (!key) return;
    const onMessage = (m: TabMessage) => {
      if (m.type === 'bye') {
        claims.current.delete(m.tab);
        peers.current.delete(m.tab);
        return;
      }
      if (m.key !== key) return;
      const s = sessionRef.current;
      if (m.type === 'showing') {
        if (m.pair) claims.current.set(m.tab, { pair: m.pair, since: m.since });
        else claims.current.delete(m.tab);
        if (!peers.current.has(m.tab)) {
          peers.current.add(m.tab); // a tab we had not heard from: tell it what we show
          announce(s && s.key === key ? s : null);
        }
        // Both show the same pair: the tab that showed it later (or, at the same time, the greater id) moves on.
        const cur = s && s.key === key ? s.current : null;
        const later = s && yieldsTo({ since: s.shownAt, tab: TAB_ID }, m);
        if (
          s &&
          cur &&
          m.pair &&
          !cur.repeatOf &&
          !s.undone &&
          !busy.current &&
          later &&
          samePair(tabPair(cur), m.pair)
        )
          commit({ ...s, current: pickFree(s), shownAt: Date.now() });
        return;
      }
      if (!s || s.key !== key) return;
      if (m.type === 'decided') {
        if (!m.pair.repeat) s.planner.mark(m.pair.promptId, m.pair.x, m.pair.y);
        const c = m.comparison;
        if (c && !s.own.some((o) => o.id === c.id)) s.own = [...s.own, c];
        const cur = s.current;
        if (cur && !cur.repeatOf && !busy.current && samePair(tabPair(cur), m.pair))
          commit({ ...s, current: pickFree(s), shownAt: Date.now(), undone: null });
        else commit({ ...s });
      } else {
        if (!m.pair.repeat) s.planner.unmark(m.pair.promptId, m.pair.x, m.pair.y);
        if (m.comparisonId) s.own = s.own.filter((o) => o.id !== m.comparisonId);
        // A tab that had finished has a pair to show again.
        if (!s.current && !busy.current && s.planner.hasOpenPairs())
          commit({ ...s, current: pickFree(s), shownAt: Date.now() });
        else commit({ ...s });
      }
    };
    const channel = openTabSync<TabMessage>(PAIRS_CHANNEL, onMessage);
    sync.current = channel;
    const known = claims.current;
    const heard = peers.current;
    // Say hello (showing nothing yet): tabs already open answer with the pair they show.
    channel?.post({ type: 'showing', tab: TAB_ID, key, pair: null, since: 0 });
    const bye = () => channel?.post({ type: 'bye', tab: TAB_ID });
    window.addEventListener('pagehide', bye);
    return () => {
      bye();
      window.removeEventListener('pagehide', bye);
      channel?.close();
      sync.current = null;
      known.clear();
      heard.clear();
    };
  }, [key, announce, commit, pickFree]);

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
        const { pool, promptById, responseById } = await indexPoolInSteps(prompts, responses);
        const planner = new CoveragePlanner(
          pool,
          seedFromString(`${annotatorId}|${datasetId}|${Date.now()}`),
        );
        for (const c of history.comparisons) planner.mark(c.promptId, c.aId, c.bId);
        for (const s of history.skips) planner.mark(s.promptId, s.aId, s.bId);
        await yieldIfLarge(responses.length);
        if (cancelled) return;
        const own = [...history.comparisons];
        const next: SessionState = {
          key,
          prompts: promptById,
          responses: responseById,
          planner,
          own,
          current: pickFree({ planner, own }),
          shownAt: Date.now(),
          last: null,
          undone: null,
          refused: null,
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
  }, [key, annotatorId, datasetId, commit, pickFree]);

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
          await addJudgment(getDb(), c);
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
          await addSkip(getDb(), skip, { repeat: Boolean(cur.repeatOf) });
        }
        if (!cur.repeatOf) s.planner.mark(cur.promptId, cur.leftId, cur.rightId);
        sync.current?.post({
          type: 'decided',
          tab: TAB_ID,
          key: s.key,
          pair: tabPair(cur),
          ...(decision.kind === 'judge' ? { comparison: s.own[s.own.length - 1] } : {}),
        });
        const next: SessionState = {
          ...s,
          current: pickFree(s),
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
          refused: null,
        };
        commit(next);
        return true;
      } catch (e) {
        if (e instanceof AlreadyDecidedError) {
          // Another tab judged or skipped this pair first: nothing was stored here; move on and say so.
          s.planner.mark(cur.promptId, cur.leftId, cur.rightId);
          commit({ ...s, current: pickFree(s), shownAt: Date.now(), undone: null, refused: e.message });
          return false;
        }
        report(e);
        return false;
      } finally {
        busy.current = false;
      }
    },
    [annotatorId, datasetId, report, commit, pickFree],
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
      sync.current?.post({
        type: 'undone',
        tab: TAB_ID,
        key: s.key,
        pair: { promptId: r.promptId, x: r.aId, y: r.bId, ...(repeatOf ? { repeat: true } : {}) },
        ...(removed.kind === 'comparison' ? { comparisonId: r.id } : {}),
      });
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
        refused: null,
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
    const next: SessionState = { ...s, current: pickFree(s), shownAt: Date.now() };
    commit(next);
  }, [commit, pickFree]);

  const active = session && session.key === key ? session : null;
  return { session: active, loadError, decide, undo, repick };
}
