/**
 * A labeling session (pairs mode on /label) as a pure `step(state, event) → { state, effects }`: every
 * decision the page makes (what a judgment or skip stores, what undo gives back, how the tabs of one
 * annotator split the pairs and which of two tabs showing the same pair moves on) is made here and tested in
 * Node; which pair comes next is pair-pick.ts, what both sessions share is tab-session.ts. The hook (components/label/useLabelingSession.ts) only runs the effects: writes
 * through lib/db, messages over the tabs' BroadcastChannel.
 *
 * Time and ids come in with the events (`now`, `id`), so a step depends on nothing else. The coverage
 * planner inside a session is updated in place (copying it per event would cost O(labels)), so a state
 * passed to `step` is consumed: keep only the state it returns.
 */
import type { Comparison, Outcome, Prompt, Response, Skip, Strength } from '../types';
import { calibrationOrder, type CalibrationPair } from './calibration';
import {
  decisionOf,
  recentFromHistory,
  withoutRecent,
  withRecent,
  type DecisionFields,
  type DecisionRef,
  type LastDecision,
} from './recent';
import { CoveragePlanner, seedFromString, type PairChoice } from './next-pair';
import { pickFree, tabPair, type PickOptions, type ShownPair } from './pair-pick';
import { samePair, sessionKey, type TabMessage, type TabPair, type TabPeers } from './tab-claims';
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

export type { DecisionRef, LastDecision } from './recent';

/** A loaded session: what the page shows. */
export interface PairSession {
  key: string;
  prompts: Map<string, Prompt>;
  responses: Map<string, Response>;
  planner: CoveragePlanner;
  /** This annotator's comparisons on the dataset (progress, self-audit repeats). */
  own: readonly Comparison[];
  /** The room's calibration pairs in this annotator's order and sides: shown first, each once. */
  calibration: readonly PairChoice[];
  current: ShownPair | null;
  shownAt: number;
  /** The decision just stored in this tab (the gold reveal names its pair); cleared by an undo. */
  last: LastDecision | null;
  /** The annotator's newest decisions on the dataset, newest first (recent.ts), from every tab. */
  recent: readonly LastDecision[];
  /** Set after an undo: the decision that was removed. */
  undone: LastDecision | null;
  /** Set when the last judgment was refused because another tab had already judged the pair. */
  refused: string | null;
}

/** The write in flight: while there is one, no other decision, undo or move-on happens in this tab. */
export type PendingWrite =
  | { kind: 'judge'; pair: ShownPair; comparison: Comparison }
  | { kind: 'skip'; pair: ShownPair; skip: Skip }
  | { kind: 'undo' };

/** Everything the session knows: who labels what, the other tabs, the write in flight, the session. */
export interface PairState {
  annotatorId: string;
  datasetId: string;
  key: string;
  /** This tab's id. */
  tab: string;
  pick: PickOptions;
  peers: TabPeers<TabPair>;
  pending: PendingWrite | null;
  /** Null until `loaded`. */
  session: PairSession | null;
}

export type PairEvent =
  | SessionEvent<TabMessage>
  /** The pool and the annotator's history, read from the database. */
  | (SessionLoaded & {
      comparisons: readonly Comparison[];
      skips: readonly Pick<Skip, DecisionFields>[];
      /** The room's calibration set (lib/core/labeling/calibration.ts), shown before the policy's pairs. */
      calibration?: readonly CalibrationPair[];
    })
  /** The policy, self-audit share or model scores changed: they apply from the next pick (the pair kept). */
  | { type: 'options'; pick: PickOptions }
  /** Replace the pair on screen (not judged yet) by the current policy's pick. */
  | { type: 'repick'; now: number }
  | {
      type: 'judge';
      id: string;
      outcome: Outcome;
      strength?: Strength;
      rationale?: string;
      now: number;
    }
  | { type: 'skip'; id: string; now: number }
  /** Undo the newest decision, or (`target`) the chosen one from the strip of recent decisions. */
  | { type: 'undo'; target?: DecisionRef }
  /** Undo removed this record from the database. */
  | {
      type: 'removed';
      removed: { kind: 'comparison'; record: Comparison } | { kind: 'skip'; record: Skip };
      now: number;
    };

export type PairEffect =
  | SessionEffect<TabMessage>
  | { type: 'write-judgment'; comparison: Comparison }
  | { type: 'write-skip'; skip: Skip; repeat: boolean }
  /** Remove this one stored decision (an undo chosen from the strip). */
  | { type: 'remove-decision'; target: DecisionRef };

export interface PairStep {
  state: PairState;
  effects: PairEffect[];
}

const COVERAGE: PickOptions = { policy: 'coverage', auditShare: 0, rewards: null, gold: null };

/** A session before the channel opens (no annotator yet). */
export function initialPairState(tab: string, pick: PickOptions = COVERAGE): PairState {
  return { ...blankSession<TabPair>(tab), pick };
}

/** The session with the next free pair on screen from `now`. */
function moveOn(
  s: PairState,
  session: PairSession,
  now: number,
  extra: Partial<PairSession> = {},
): PairState {
  const next = { ...session, ...extra };
  return {
    ...s,
    session: { ...next, current: pickFree(s, next.planner, next.own, next.calibration), shownAt: now },
  };
}

/** What this tab tells the others it shows. */
function showing(s: PairState): TabMessage | null {
  if (!s.session) return null;
  const cur = s.session.current;
  return {
    type: 'showing',
    tab: s.tab,
    key: s.key,
    pair: cur ? tabPair(cur) : null,
    since: s.session.shownAt,
  };
}

/** Hearing another tab's 'showing': both show the same pair (not a repeat, nor after an undo) since when. */
const PAIR_TABS: ShowingRules<PairState, TabPair, TabMessage> = {
  showing,
  sameSince: (on, pair) =>
    on.current && pair && !on.current.repeatOf && !on.undone && samePair(tabPair(on.current), pair)
      ? on.shownAt
      : null,
  moveOn,
};

/** One event: the next state, and what the hook must do (in order). */
export const step: (s: PairState, e: PairEvent) => PairStep = announcing(apply, (p) => p.current, showing);

function apply(s: PairState, e: PairEvent, effects: PairEffect[]): PairState {
  switch (e.type) {
    case 'opened': {
      const key = sessionKey(e.annotatorId, e.datasetId);
      // Say hello (showing nothing yet): tabs already open answer with the pair they show.
      effects.push({ type: 'post', message: { type: 'showing', tab: e.tab, key, pair: null, since: 0 } });
      return { ...initialPairState(e.tab, s.pick), annotatorId: e.annotatorId, datasetId: e.datasetId, key };
    }
    case 'closing':
      effects.push({ type: 'post', message: { type: 'bye', tab: s.tab } });
      return s;
    case 'loaded': {
      if (e.key !== s.key) return s;
      const planner = new CoveragePlanner(e.pool, seedFromString(`${s.key}|${e.now}`));
      for (const c of e.comparisons) planner.mark(c.promptId, c.aId, c.bId);
      for (const k of e.skips) planner.mark(k.promptId, k.aId, k.bId);
      const own = [...e.comparisons];
      const calibration = calibrationOrder(e.calibration ?? [], s.annotatorId, e.pool);
      const session: PairSession = {
        key: s.key,
        prompts: e.prompts,
        responses: e.responses,
        planner,
        own,
        calibration,
        current: pickFree(s, planner, own, calibration),
        shownAt: e.now,
        last: null,
        recent: recentFromHistory(e.comparisons, e.skips),
        undone: null,
        refused: null,
      };
      return { ...s, session };
    }
    case 'options':
      return { ...s, pick: e.pick };
    case 'repick': {
      const session = s.session;
      if (!session?.current || session.current.repeatOf || session.undone || s.pending) return s;
      return moveOn(s, session, e.now);
    }
    case 'judge':
    case 'skip':
      return decide(s, e, effects);
    case 'undo':
      if (!s.session || s.pending) return s;
      effects.push(e.target ? { type: 'remove-decision', target: e.target } : { type: 'remove-last' });
      return { ...s, pending: { kind: 'undo' } };
    case 'stored':
      return stored(s, e.now, effects);
    case 'refused': {
      const p = s.pending;
      if (!s.session || !p || p.kind === 'undo') return { ...s, pending: null };
      // Another tab judged or skipped this pair first: nothing was stored here; move on and say so.
      s.session.planner.mark(p.pair.promptId, p.pair.leftId, p.pair.rightId);
      return moveOn({ ...s, pending: null }, s.session, e.now, { undone: null, refused: e.message });
    }
    case 'failed':
      return { ...s, pending: null };
    case 'removed':
      return removed({ ...s, pending: null }, e, effects);
    case 'message':
      return hear(s, e.message, e.now, effects);
  }
}

function decide(s: PairState, e: Extract<PairEvent, { type: 'judge' | 'skip' }>, effects: PairEffect[]) {
  const cur = s.session?.current;
  if (!s.session || !cur || s.pending) return s;
  const where = { datasetId: s.datasetId, promptId: cur.promptId, aId: cur.leftId, bId: cur.rightId };
  if (e.type === 'skip') {
    const skip: Skip = { id: e.id, ...where, annotatorId: s.annotatorId, createdAt: e.now };
    effects.push({ type: 'write-skip', skip, repeat: Boolean(cur.repeatOf) });
    return { ...s, pending: { kind: 'skip' as const, pair: cur, skip } };
  }
  const c: Comparison = {
    id: e.id,
    ...where,
    outcome: e.outcome,
    annotatorId: s.annotatorId,
    createdAt: e.now,
    durationMs: Math.max(0, e.now - s.session.shownAt),
  };
  if (e.strength && (e.outcome === 'a' || e.outcome === 'b')) c.strength = e.strength;
  const rationale = e.rationale?.trim();
  if (rationale) c.rationale = rationale;
  if (cur.repeatOf) c.repeatOf = cur.repeatOf;
  effects.push({ type: 'write-judgment', comparison: c });
  return { ...s, pending: { kind: 'judge' as const, pair: cur, comparison: c } };
}

function stored(s: PairState, now: number, effects: PairEffect[]): PairState {
  const p = s.pending;
  if (!s.session || !p || p.kind === 'undo') return { ...s, pending: null };
  const cur = p.pair;
  const own = p.kind === 'judge' ? [...s.session.own, p.comparison] : s.session.own;
  if (p.kind === 'judge') effects.push({ type: 'persist' });
  if (!cur.repeatOf) s.session.planner.mark(cur.promptId, cur.leftId, cur.rightId);
  effects.push({
    type: 'post',
    message: {
      type: 'decided',
      tab: s.tab,
      key: s.key,
      pair: tabPair(cur),
      ...(p.kind === 'judge' ? { comparison: p.comparison } : { skip: p.skip }),
    },
  });
  const last = decisionOf(
    p.kind === 'judge' ? { kind: 'comparison', record: p.comparison } : { kind: 'skip', record: p.skip },
  );
  const recent = withRecent(s.session.recent, last);
  return moveOn({ ...s, pending: null }, s.session, now, { own, last, recent, undone: null, refused: null });
}

function removed(s: PairState, e: Extract<PairEvent, { type: 'removed' }>, effects: PairEffect[]): PairState {
  if (!s.session) return s;
  const r = e.removed.record;
  const repeatOf = e.removed.kind === 'comparison' ? e.removed.record.repeatOf : undefined;
  if (!repeatOf) s.session.planner.unmark(r.promptId, r.aId, r.bId);
  const own = e.removed.kind === 'comparison' ? s.session.own.filter((c) => c.id !== r.id) : s.session.own;
  effects.push({
    type: 'post',
    message: {
      type: 'undone',
      tab: s.tab,
      key: s.key,
      pair: { promptId: r.promptId, x: r.aId, y: r.bId, ...(repeatOf ? { repeat: true } : {}) },
      ...(e.removed.kind === 'comparison' ? { comparisonId: r.id } : { skipId: r.id }),
    },
  });
  const undone = decisionOf(e.removed);
  const recent = withoutRecent(s.session.recent, r.id);
  const current = { promptId: r.promptId, leftId: r.aId, rightId: r.bId, ...(repeatOf ? { repeatOf } : {}) };
  return {
    ...s,
    session: { ...s.session, own, recent, current, shownAt: e.now, last: null, undone, refused: null },
  };
}

/** A message from another tab. */
function hear(s: PairState, m: TabMessage, now: number, effects: PairEffect[]): PairState {
  if (m.type === 'bye' || m.key !== s.key) return heardAside(s, m);
  if (m.type === 'showing') return heardShowingMoveOn(s, m, m.pair, now, effects, PAIR_TABS);
  const session = s.session;
  if (!session) return s;
  const cur = session.current;
  if (m.type === 'decided') {
    if (!m.pair.repeat) session.planner.mark(m.pair.promptId, m.pair.x, m.pair.y);
    const c = m.comparison;
    const own = c && !session.own.some((o) => o.id === c.id) ? [...session.own, c] : session.own;
    const recent = c
      ? withRecent(session.recent, decisionOf({ kind: 'comparison', record: c }))
      : m.skip
        ? withRecent(session.recent, decisionOf({ kind: 'skip', record: m.skip }))
        : session.recent;
    if (cur && !cur.repeatOf && !s.pending && samePair(tabPair(cur), m.pair))
      return moveOn(s, session, now, { own, recent, undone: null });
    return { ...s, session: { ...session, own, recent } };
  }
  if (!m.pair.repeat) session.planner.unmark(m.pair.promptId, m.pair.x, m.pair.y);
  const own = m.comparisonId ? session.own.filter((o) => o.id !== m.comparisonId) : session.own;
  const gone = m.comparisonId ?? m.skipId;
  const recent = withoutRecent(session.recent, gone);
  // The gold reveal never speaks of a decision another tab undid.
  const last = session.last && session.last.id === gone ? null : session.last;
  // A tab that had finished has a pair to show again.
  if (!cur && !s.pending && session.planner.hasOpenPairs())
    return moveOn(s, session, now, { own, recent, last });
  return { ...s, session: { ...session, own, recent, last } };
}
