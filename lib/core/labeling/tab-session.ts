/**
 * What the two pure labeling sessions (pairs in session.ts, rankings in rank-session.ts) share around their
 * own rules: the events and effects both take and give, the blank state before a tab channel opens, the
 * wrapper that tells the other tabs whenever the item on screen changes, and how a message from another tab
 * is heard (goodbyes, other sessions' messages, who moves on when two tabs show the same item). The hook
 * glue around them is components/label/useTabSession.ts; the rules between tabs are tab-claims.ts.
 */
import type { Prompt, Response } from '../types';
import type { PoolPrompt } from './next-pair';
import { hearBye, hearShowing, noPeers, yieldsTo, type ShownBy, type TabPeers } from './tab-claims';

/** The events both sessions (pairs in session.ts, rankings in rank-session.ts) share; `M` is their tab message. */
export type SessionEvent<M> =
  /** The tab channel is open for this annotator and dataset: start afresh. */
  | { type: 'opened'; annotatorId: string; datasetId: string; tab: string }
  /** The page is going away or the channel closes: say goodbye, so the other tabs forget this one. */
  | { type: 'closing' }
  /** The pending write is durable. */
  | { type: 'stored'; now: number }
  /** The store refused the pending write: another tab decided the item first. */
  | { type: 'refused'; message: string; now: number }
  /** The pending write failed (the page shows the storage problem), or undo found nothing to remove. */
  | { type: 'failed' }
  /** A message from another tab. */
  | { type: 'message'; message: M; now: number };

/** The pool read from the database, as both sessions' `loaded` events carry it (with the annotator's own record). */
export interface SessionLoaded {
  type: 'loaded';
  key: string;
  prompts: Map<string, Prompt>;
  responses: Map<string, Response>;
  pool: readonly PoolPrompt[];
  now: number;
}

/** The effects both sessions share: tell the other tabs, ask to keep storage, remove the last decision. */
export type SessionEffect<M> =
  | { type: 'post'; message: M }
  /** Ask the browser to keep this origin's storage (after a label is stored). */
  | { type: 'persist' }
  | { type: 'remove-last' };

/** A session's state before the channel opens (no annotator yet): the fields both sessions have. */
export function blankSession<T>(tab: string) {
  return {
    annotatorId: '',
    datasetId: '',
    key: '',
    tab,
    peers: noPeers<T>(),
    pending: null,
    session: null,
  };
}

/**
 * A session's step from its `apply`: after every event, when the item on screen changed (`itemOf` differs
 * from the one before, for the same annotator and dataset), the last effect tells the other tabs what this
 * tab shows now.
 */
export function announcing<S extends { key: string; session: object | null }, E, F, M>(
  apply: (s: S, e: E, effects: (F | SessionEffect<M>)[]) => S,
  itemOf: (session: NonNullable<S['session']>) => unknown,
  showing: (s: S) => M | null,
): (s: S, e: E) => { state: S; effects: (F | SessionEffect<M>)[] } {
  return (s, e) => {
    const effects: (F | SessionEffect<M>)[] = [];
    const state = apply(s, e, effects);
    const before =
      s.key === state.key && s.session ? itemOf(s.session as NonNullable<S['session']>) : undefined;
    const message =
      state.session && before !== itemOf(state.session as NonNullable<S['session']>) ? showing(state) : null;
    if (message) effects.push({ type: 'post', message });
    return { state, effects };
  };
}

/**
 * Another tab says what it shows: remember it, and answer a tab not heard from before with what this tab
 * shows (so a tab opened later learns it).
 */
export function heardShowing<S extends { peers: TabPeers<T> }, T, M>(
  s: S,
  from: ShownBy,
  item: T | null,
  showing: (s: S) => M | null,
  post: (m: M) => void,
): S {
  const heard = hearShowing(s.peers, from.tab, item, from.since);
  const t = { ...s, peers: heard.peers };
  const mine = heard.isNew ? showing(t) : null;
  if (mine) post(mine);
  return t;
}

/** A goodbye (forget the tab) or a message for another annotator or dataset (nothing changes). */
export function heardAside<S extends { peers: TabPeers<T> }, T>(s: S, m: { type: string; tab: string }): S {
  return m.type === 'bye' ? { ...s, peers: hearBye(s.peers, m.tab) } : s;
}

/** How a session hears another tab's 'showing' (`heardShowingMoveOn`). */
export interface ShowingRules<S extends { session: object | null }, T, M> {
  /** What this tab tells the others it shows. */
  showing: (s: S) => M | null;
  /** Since when this tab has shown `item` too (null: it does not, or may not move on from it). */
  sameSince: (session: NonNullable<S['session']>, item: T | null) => number | null;
  /** The session with the next free item on screen from `now`. */
  moveOn: (s: S, session: NonNullable<S['session']>, now: number) => S;
}

/**
 * Another tab says what it shows (`heardShowing`, answering through a post effect); when this tab shows the
 * same item and no write is in flight, the tab that showed it later (or, at the same time, the greater id)
 * moves on.
 */
export function heardShowingMoveOn<
  S extends { tab: string; peers: TabPeers<T>; pending: unknown; session: object | null },
  T,
  M,
>(
  s: S,
  from: ShownBy,
  item: T | null,
  now: number,
  effects: { push: (f: SessionEffect<M>) => unknown },
  rules: ShowingRules<S, T, M>,
): S {
  const t = heardShowing(s, from, item, rules.showing, (message) => effects.push({ type: 'post', message }));
  const session = s.session as NonNullable<S['session']> | null;
  const since = session && !s.pending ? rules.sameSince(session, item) : null;
  return session && since !== null && yieldsTo({ since, tab: s.tab }, from)
    ? rules.moveOn(t, session, now)
    : t;
}
