/**
 * A ranking session (rank mode on /label) as a pure `step(state, event) → { state, effects }`, like the
 * pairs session (session.ts) and with what both share (tab-session.ts): which prompt comes next
 * (tab-claims.ts `freeRankChoice`), the order and tie toggles being edited, what a submit stores, what undo
 * gives back, and how the tabs of one annotator split the prompts. The hook (components/rank/useRankingSession.ts) runs the effects: writes through lib/db,
 * messages over the tabs' BroadcastChannel. Time and ids come in with the events.
 */
import type { Prompt, Ranking, Response } from '../types';
import { seedFromString, type PoolPrompt } from './next-pair';
import { moveItem, rankablePromptCount, tiersFromOrder } from './ranking';
import { claimedItems, freeRankChoice, sessionKey, type RankTabMessage, type TabPeers } from './tab-claims';
import {
  announcing,
  blankSession,
  heardAside,
  heardShowingMoveOn,
  type SessionEffect,
  type ShowingRules,
  type SessionEvent,
  type SessionLoaded,
} from './tab-session';

/** The prompt being ranked: candidates top to bottom, which ones are tied with the one above, their letters. */
export interface RankCurrent {
  promptId: string;
  order: string[];
  tied: ReadonlySet<string>;
  /** A stable letter per candidate (A, B, …) in the order first shown, for labels and announcements. */
  letters: ReadonlyMap<string, string>;
  shownAt: number;
}

/** A loaded ranking session: what the page shows. */
export interface RankSession {
  key: string;
  prompts: Map<string, Prompt>;
  responses: Map<string, Response>;
  pool: readonly PoolPrompt[];
  ranked: ReadonlySet<string>;
  /** Prompts that can be ranked (3+ candidates). */
  total: number;
  current: RankCurrent | null;
  /** Set when the last submit was refused because another tab had already ranked the prompt. */
  refused: string | null;
}

/** Everything the session knows: who ranks what, the other tabs, the write in flight, the session. */
export interface RankState {
  annotatorId: string;
  datasetId: string;
  key: string;
  tab: string;
  /** Seeds the prompt order and the candidates' order (one per annotator and dataset). */
  seed: number;
  peers: TabPeers<string>;
  pending: { kind: 'submit'; ranking: Ranking } | { kind: 'undo' } | null;
  session: RankSession | null;
}

export type RankEvent =
  | SessionEvent<RankTabMessage>
  | (SessionLoaded & { ranked: ReadonlySet<string> })
  /** Move the candidate at `from` to position `to`. */
  | { type: 'move'; from: number; to: number }
  /** Toggle "tied with the one above" for a candidate. */
  | { type: 'toggle-tie'; id: string }
  | { type: 'submit'; id: string; now: number }
  | { type: 'undo' }
  | { type: 'removed'; ranking: Ranking; now: number };

export type RankEffect =
  | SessionEffect<RankTabMessage>
  /** Store the ranking and its pairs; `candidates` are the prompt's responses, to check the ranking against. */
  | { type: 'write-ranking'; ranking: Ranking; candidates: readonly string[] | undefined };

export interface RankStep {
  state: RankState;
  effects: RankEffect[];
}

/** A session before the channel opens (no annotator yet). */
export function initialRankState(tab: string): RankState {
  return { ...blankSession<string>(tab), seed: 0 };
}

/** A prompt on screen from `now`, its candidates in `order` with letters A, B, … in that order. */
export function present(
  promptId: string,
  order: string[],
  now: number,
  tied: ReadonlySet<string> = new Set(),
): RankCurrent {
  const letters = new Map(order.map((id, i) => [id, String.fromCharCode(65 + i)]));
  return { promptId, order, tied, letters, shownAt: now };
}

/** The next prompt to rank, avoiding prompts other tabs are showing (unless nothing else is left). */
function pickFree(s: RankState, pool: readonly PoolPrompt[], ranked: ReadonlySet<string>, now: number) {
  const choice = freeRankChoice(pool, ranked, claimedItems(s.peers), s.seed);
  return choice ? present(choice.promptId, choice.responseIds, now) : null;
}

/** Move on from the prompt on screen, unless the next free prompt is that same one (keeps the edits). */
function moveOn(s: RankState, session: RankSession, now: number): RankState {
  const next = pickFree(s, session.pool, session.ranked, now);
  if (next && session.current && next.promptId === session.current.promptId) return { ...s, session };
  return { ...s, session: { ...session, current: next } };
}

function showing(s: RankState): RankTabMessage | null {
  if (!s.session) return null;
  const cur = s.session.current;
  return {
    type: 'showing',
    tab: s.tab,
    key: s.key,
    promptId: cur?.promptId ?? null,
    since: cur?.shownAt ?? 0,
  };
}

/** Hearing another tab's 'showing': both show the same prompt since when. */
const RANK_TABS: ShowingRules<RankState, string, RankTabMessage> = {
  showing,
  sameSince: (on, promptId) => (on.current && on.current.promptId === promptId ? on.current.shownAt : null),
  moveOn,
};

/** One event: the next state and what the hook must do; a new prompt on screen is told to the other tabs last. */
export const rankStep: (s: RankState, e: RankEvent) => RankStep = announcing(
  apply,
  (r) => r.current?.promptId,
  showing,
);

function apply(s: RankState, e: RankEvent, effects: RankEffect[]): RankState {
  switch (e.type) {
    case 'opened': {
      const key = sessionKey(e.annotatorId, e.datasetId);
      // Say hello (showing nothing yet): tabs already open answer with the prompt they show.
      effects.push({ type: 'post', message: { type: 'showing', tab: e.tab, key, promptId: null, since: 0 } });
      const seed = seedFromString(`rank|${key}`);
      return { ...initialRankState(e.tab), annotatorId: e.annotatorId, datasetId: e.datasetId, key, seed };
    }
    case 'closing':
      effects.push({ type: 'post', message: { type: 'bye', tab: s.tab } });
      return s;
    case 'loaded': {
      if (e.key !== s.key) return s;
      const session: RankSession = {
        key: s.key,
        prompts: e.prompts,
        responses: e.responses,
        pool: e.pool,
        ranked: e.ranked,
        total: rankablePromptCount(e.pool),
        current: pickFree(s, e.pool, e.ranked, e.now),
        refused: null,
      };
      return { ...s, session };
    }
    case 'move':
      return edit(s, (cur) => ({ ...cur, order: moveItem(cur.order, e.from, e.to) }));
    case 'toggle-tie':
      return edit(s, (cur) => {
        const tied = new Set(cur.tied);
        if (tied.has(e.id)) tied.delete(e.id);
        else tied.add(e.id);
        return { ...cur, tied };
      });
    case 'submit': {
      const cur = s.session?.current;
      if (!s.session || !cur || s.pending) return s;
      const ranking: Ranking = {
        id: e.id,
        datasetId: s.datasetId,
        promptId: cur.promptId,
        annotatorId: s.annotatorId,
        tiers: tiersFromOrder(cur.order, cur.tied),
        createdAt: e.now,
        durationMs: Math.max(0, e.now - cur.shownAt),
      };
      const candidates = s.session.pool.find((p) => p.id === cur.promptId)?.responseIds;
      effects.push({ type: 'write-ranking', ranking, candidates });
      return { ...s, pending: { kind: 'submit', ranking } };
    }
    case 'undo':
      if (!s.session || s.pending) return s;
      effects.push({ type: 'remove-last' });
      return { ...s, pending: { kind: 'undo' } };
    case 'stored':
    case 'refused': {
      const p = s.pending;
      if (!s.session || !p || p.kind !== 'submit') return { ...s, pending: null };
      const promptId = p.ranking.promptId;
      if (e.type === 'stored') {
        effects.push({ type: 'persist' });
        effects.push({ type: 'post', message: { type: 'ranked', tab: s.tab, key: s.key, promptId } });
      }
      // Refused: another tab ranked this prompt first; nothing was stored here; move on and say so.
      const ranked = new Set(s.session.ranked).add(promptId);
      const current = pickFree(s, s.session.pool, ranked, e.now);
      const refused = e.type === 'refused' ? e.message : null;
      return { ...s, pending: null, session: { ...s.session, ranked, current, refused } };
    }
    case 'failed':
      return { ...s, pending: null };
    case 'removed': {
      if (!s.session) return { ...s, pending: null };
      const r = e.ranking;
      effects.push({
        type: 'post',
        message: { type: 'unranked', tab: s.tab, key: s.key, promptId: r.promptId },
      });
      const ranked = new Set(s.session.ranked);
      ranked.delete(r.promptId);
      const current = present(r.promptId, r.tiers.flat(), e.now, new Set(r.tiers.flatMap((t) => t.slice(1))));
      return { ...s, pending: null, session: { ...s.session, ranked, current, refused: null } };
    }
    case 'message':
      return hear(s, e.message, e.now, effects);
  }
}

function edit(s: RankState, f: (cur: RankCurrent) => RankCurrent): RankState {
  if (!s.session?.current || s.pending) return s;
  return { ...s, session: { ...s.session, current: f(s.session.current) } };
}

function hear(s: RankState, m: RankTabMessage, now: number, effects: RankEffect[]): RankState {
  if (m.type === 'bye' || m.key !== s.key) return heardAside(s, m);
  if (m.type === 'showing') return heardShowingMoveOn(s, m, m.promptId, now, effects, RANK_TABS);
  const session = s.session;
  if (!session) return s;
  const ranked = new Set(session.ranked);
  if (m.type === 'ranked') {
    ranked.add(m.promptId);
    if (session.current?.promptId === m.promptId && !s.pending) return moveOn(s, { ...session, ranked }, now);
    return { ...s, session: { ...session, ranked } };
  }
  ranked.delete(m.promptId);
  // A tab that had finished has a prompt to rank again.
  if (!session.current && !s.pending)
    return { ...s, session: { ...session, ranked, current: pickFree(s, session.pool, ranked, now) } };
  return { ...s, session: { ...session, ranked } };
}
