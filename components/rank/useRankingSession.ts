'use client';
/**
 * The ranking session for one annotator on one dataset: loads the pool and the prompts already ranked,
 * picks the next prompt (lib/core/labeling/tab-claims.ts `freeRankChoice` over ranking.ts `nextRankChoice`), keeps
 * the order and tie toggles being edited, and saves durably (addRanking: the ranking and its C(K,2) pairs in one transaction) before the
 * next prompt is shown. Undo removes the last ranking durably and shows it again as it was ranked. Other
 * tabs ranking as the same annotator on the same dataset are kept in step (components/label/tabSync.ts, its
 * own channel): each shows a prompt the others are not showing while one is free, a prompt ranked in one
 * tab is never offered in another, every tab counts every ranking, and an undo gives the prompt back in all.
 * When two tabs do submit the same prompt, the store keeps the first (addRanking) and the other says so.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { getDb } from '@/lib/db/db';
import { newId } from '@/lib/db/repo';
import { loadPool } from '@/lib/db/queries';
import { addRanking, rankedPrompts, undoLastRanking } from '@/lib/db/rankings';
import { AlreadyDecidedError, StorageError, toStorageProblem } from '@/lib/db/errors';
import { indexPoolInSteps, seedFromString } from '@/lib/core/labeling/next-pair';
import { freeRankChoice, yieldsTo } from '@/lib/core/labeling/tab-claims';
import {
  moveItem,
  rankablePromptCount,
  tiersFromOrder,
  type RankPoolPrompt,
} from '@/lib/core/labeling/ranking';
import type { Prompt, Ranking, Response } from '@/lib/core/types';
import { useLabStore } from '@/lib/store';
import { requestPersistenceOnce } from '@/components/storage';
import {
  openTabSync,
  RANK_CHANNEL,
  TAB_ID,
  type RankTabMessage,
  type TabSync,
} from '@/components/label/tabSync';

/** The prompt being ranked: candidates top to bottom, which ones are tied with the one above, their letters. */
export interface RankCurrent {
  promptId: string;
  order: string[];
  tied: ReadonlySet<string>;
  /** A stable letter per candidate (A, B, …) in the order first shown, for labels and announcements. */
  letters: ReadonlyMap<string, string>;
  shownAt: number;
}

/** Everything the ranking page shows. */
export interface RankSessionState {
  key: string;
  prompts: Map<string, Prompt>;
  responses: Map<string, Response>;
  pool: RankPoolPrompt[];
  ranked: Set<string>;
  /** Prompts that can be ranked (3+ candidates). */
  total: number;
  current: RankCurrent | null;
  /** Set when the last submit was refused because another tab had already ranked the prompt. */
  refused: string | null;
}

function present(promptId: string, order: string[], tied: ReadonlySet<string> = new Set()): RankCurrent {
  const letters = new Map(order.map((id, i) => [id, String.fromCharCode(65 + i)]));
  return { promptId, order, tied, letters, shownAt: Date.now() };
}

/** The ranking session hook: state plus `move`, `toggleTie`, `submit` and `undo` (the last two durable). */
export function useRankingSession(datasetId: string, annotatorId: string | null) {
  const setProblem = useLabStore((s) => s.setStorageProblem);
  const [session, setSession] = useState<RankSessionState | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const ref = useRef<RankSessionState | null>(null);
  const busy = useRef(false);
  const key = annotatorId ? `${annotatorId}|${datasetId}` : null;
  const seed = seedFromString(`rank|${key}`);

  /** Other tabs (same annotator and dataset): the prompt each shows and since when; tabs heard from. */
  const claims = useRef(new Map<string, { promptId: string; since: number }>());
  const peers = useRef(new Set<string>());
  const sync = useRef<TabSync<RankTabMessage> | null>(null);

  const announce = useCallback((s: RankSessionState | null) => {
    if (s)
      sync.current?.post({
        type: 'showing',
        tab: TAB_ID,
        key: s.key,
        promptId: s.current?.promptId ?? null,
        since: s.current?.shownAt ?? 0,
      });
  }, []);

  const commit = useCallback(
    (next: RankSessionState) => {
      const prev = ref.current;
      ref.current = next;
      setSession(next);
      if (prev?.current?.promptId !== next.current?.promptId || prev?.key !== next.key) announce(next);
    },
    [announce],
  );

  /** The next prompt to rank, avoiding prompts other tabs are showing (unless nothing else is left). */
  const pickFree = useCallback(
    (pool: readonly RankPoolPrompt[], ranked: ReadonlySet<string>): RankCurrent | null => {
      const claimed = [...claims.current.values()].map((c) => c.promptId);
      const choice = freeRankChoice(pool, ranked, claimed, seed);
      return choice ? present(choice.promptId, choice.responseIds) : null;
    },
    [seed],
  );

  /** Move on from the prompt on screen, unless the next free prompt is that same one (keeps the edits). */
  const moveOn = useCallback(
    (s: RankSessionState, extra: Partial<RankSessionState> = {}) => {
      const next = pickFree(s.pool, s.ranked);
      if (next && s.current && next.promptId === s.current.promptId) commit({ ...s, ...extra });
      else commit({ ...s, ...extra, current: next });
    },
    [pickFree, commit],
  );

  useEffect(() => {
    if (!key) return;
    const onMessage = (m: RankTabMessage) => {
      if (m.type === 'bye') {
        claims.current.delete(m.tab);
        peers.current.delete(m.tab);
        return;
      }
      if (m.key !== key) return;
      const s = ref.current && ref.current.key === key ? ref.current : null;
      if (m.type === 'showing') {
        if (m.promptId) claims.current.set(m.tab, { promptId: m.promptId, since: m.since });
        else claims.current.delete(m.tab);
        if (!peers.current.has(m.tab)) {
          peers.current.add(m.tab); // a tab we had not heard from: tell it what we show
          announce(s);
        }
        // Both show the same prompt: the tab that showed it later (or, at the same time, the greater id) moves on.
        const cur = s?.current;
        if (
          s &&
          cur &&
          !busy.current &&
          m.promptId === cur.promptId &&
          yieldsTo({ since: cur.shownAt, tab: TAB_ID }, m)
        )
          moveOn(s);
        return;
      }
      if (!s) return;
      const ranked = new Set(s.ranked);
      if (m.type === 'ranked') {
        ranked.add(m.promptId);
        if (s.current?.promptId === m.promptId && !busy.current) moveOn({ ...s, ranked });
        else commit({ ...s, ranked });
      } else {
        ranked.delete(m.promptId);
        // A tab that had finished has a prompt to rank again.
        if (!s.current && !busy.current) commit({ ...s, ranked, current: pickFree(s.pool, ranked) });
        else commit({ ...s, ranked });
      }
    };
    const channel = openTabSync<RankTabMessage>(RANK_CHANNEL, onMessage);
    sync.current = channel;
    const known = claims.current;
    const heard = peers.current;
    // Say hello (showing nothing yet): tabs already open answer with the prompt they show.
    channel?.post({ type: 'showing', tab: TAB_ID, key, promptId: null, since: 0 });
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
  }, [key, announce, commit, pickFree, moveOn]);

  useEffect(() => {
    if (!key || !annotatorId) return;
    let cancelled = false;
    (async () => {
      try {
        const db = getDb();
        const [{ prompts, responses }, ranked] = await Promise.all([
          loadPool(db, datasetId),
          rankedPrompts(db, annotatorId, datasetId),
        ]);
        const { pool, promptById, responseById } = await indexPoolInSteps(prompts, responses);
        if (cancelled) return;
        commit({
          key,
          prompts: promptById,
          responses: responseById,
          pool,
          ranked,
          total: rankablePromptCount(pool),
          current: pickFree(pool, ranked),
          refused: null,
        });
        setLoadError(null);
      } catch (e) {
        if (cancelled) return;
        setLoadError((e instanceof StorageError ? e.problem : toStorageProblem(e)).message);
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

  const edit = useCallback(
    (f: (cur: RankCurrent) => RankCurrent) => {
      const s = ref.current;
      if (!s?.current || busy.current) return;
      commit({ ...s, current: f(s.current) });
    },
    [commit],
  );

  /** Move the candidate at `from` to position `to`. */
  const move = useCallback(
    (from: number, to: number) => edit((cur) => ({ ...cur, order: moveItem(cur.order, from, to) })),
    [edit],
  );

  /** Toggle "tied with the one above" for a candidate. */
  const toggleTie = useCallback(
    (id: string) =>
      edit((cur) => {
        const tied = new Set(cur.tied);
        if (tied.has(id)) tied.delete(id);
        else tied.add(id);
        return { ...cur, tied };
      }),
    [edit],
  );

  /** Save the current ranking (durably), then show the next prompt. Resolves with the saved ranking. */
  const submit = useCallback(async (): Promise<Ranking | null> => {
    const s = ref.current;
    if (!s?.current || !annotatorId || busy.current) return null;
    busy.current = true;
    const cur = s.current;
    const now = Date.now();
    const ranking: Ranking = {
      id: newId(),
      datasetId,
      promptId: cur.promptId,
      annotatorId,
      tiers: tiersFromOrder(cur.order, cur.tied),
      createdAt: now,
      durationMs: Math.max(0, now - cur.shownAt),
    };
    try {
      const candidates = s.pool.find((p) => p.id === cur.promptId)?.responseIds;
      await addRanking(getDb(), ranking, candidates);
      void requestPersistenceOnce();
      sync.current?.post({ type: 'ranked', tab: TAB_ID, key: s.key, promptId: cur.promptId });
      const ranked = new Set(s.ranked).add(cur.promptId);
      commit({ ...s, ranked, current: pickFree(s.pool, ranked), refused: null });
      return ranking;
    } catch (e) {
      if (e instanceof AlreadyDecidedError) {
        // Another tab ranked this prompt first: nothing was stored here; move on and say so.
        const ranked = new Set(s.ranked).add(cur.promptId);
        commit({ ...s, ranked, current: pickFree(s.pool, ranked), refused: e.message });
        return null;
      }
      report(e);
      return null;
    } finally {
      busy.current = false;
    }
  }, [annotatorId, datasetId, commit, pickFree, report]);

  /** Remove the last ranking (durably) and show its prompt again in the order it was ranked. */
  const undo = useCallback(async (): Promise<Ranking | null> => {
    const s = ref.current;
    if (!s || !annotatorId || busy.current) return null;
    busy.current = true;
    try {
      const removed = await undoLastRanking(getDb(), annotatorId, datasetId);
      if (!removed) return null;
      sync.current?.post({ type: 'unranked', tab: TAB_ID, key: s.key, promptId: removed.promptId });
      const ranked = new Set(s.ranked);
      ranked.delete(removed.promptId);
      const tied = new Set(removed.tiers.flatMap((t) => t.slice(1)));
      commit({
        ...s,
        ranked,
        current: present(removed.promptId, removed.tiers.flat(), tied),
        refused: null,
      });
      return removed;
    } catch (e) {
      report(e);
      return null;
    } finally {
      busy.current = false;
    }
  }, [annotatorId, datasetId, commit, report]);

  const active = session && session.key === key ? session : null;
  return { session: active, loadError, move, toggleTie, submit, undo };
}
