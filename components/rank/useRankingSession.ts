'use client';
/**
 * The ranking session for one annotator on one dataset: loads the pool and the prompts already ranked,
 * picks the next prompt (lib/core/ranking.ts `nextRankChoice`), keeps the order and tie toggles being
 * edited, and saves durably (addRanking: the ranking and its C(K,2) pairs in one transaction) before the
 * next prompt is shown. Undo removes the last ranking durably and shows it again as it was ranked.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { getDb } from '@/lib/db/db';
import { newId } from '@/lib/db/repo';
import { loadPool } from '@/lib/db/queries';
import { addRanking, rankedPrompts, undoLastRanking } from '@/lib/db/rankings';
import { StorageError, toStorageProblem } from '@/lib/db/errors';
import { indexPoolInSteps, seedFromString } from '@/lib/core/next-pair';
import {
  moveItem,
  nextRankChoice,
  rankablePromptCount,
  tiersFromOrder,
  type RankPoolPrompt,
} from '@/lib/core/ranking';
import type { Prompt, Ranking, Response } from '@/lib/core/types';
import { useLabStore } from '@/lib/store';
import { requestPersistenceOnce } from '@/components/storage';

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

  const commit = useCallback((next: RankSessionState) => {
    ref.current = next;
    setSession(next);
  }, []);

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
        const choice = nextRankChoice(pool, ranked, seed);
        if (cancelled) return;
        commit({
          key,
          prompts: promptById,
          responses: responseById,
          pool,
          ranked,
          total: rankablePromptCount(pool),
          current: choice ? present(choice.promptId, choice.responseIds) : null,
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
  }, [key, annotatorId, datasetId, seed, commit]);

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
      const ranked = new Set(s.ranked).add(cur.promptId);
      const choice = nextRankChoice(s.pool, ranked, seed);
      commit({ ...s, ranked, current: choice ? present(choice.promptId, choice.responseIds) : null });
      return ranking;
    } catch (e) {
      report(e);
      return null;
    } finally {
      busy.current = false;
    }
  }, [annotatorId, datasetId, seed, commit, report]);

  /** Remove the last ranking (durably) and show its prompt again in the order it was ranked. */
  const undo = useCallback(async (): Promise<Ranking | null> => {
    const s = ref.current;
    if (!s || !annotatorId || busy.current) return null;
    busy.current = true;
    try {
      const removed = await undoLastRanking(getDb(), annotatorId, datasetId);
      if (!removed) return null;
      const ranked = new Set(s.ranked);
      ranked.delete(removed.promptId);
      const tied = new Set(removed.tiers.flatMap((t) => t.slice(1)));
      commit({ ...s, ranked, current: present(removed.promptId, removed.tiers.flat(), tied) });
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
