// The labeling and ranking sessions as pure steps (lib/core/labeling/session.ts, rank-session.ts), run in Node
// with tabs wired to each other by hand: the next-pair order, undo, tab conflicts, first-decision-wins
// refusals and self-audit repeats, the cases tests/e2e/label*.spec.ts, tabs.spec.ts and rank-tabs.spec.ts
// drive in a browser.
import { describe, expect, it } from 'vitest';
import {
  initialPairState,
  step,
  type PairEffect,
  type PairEvent,
  type PairState,
} from '../../lib/core/labeling/session';
import type { PickOptions } from '../../lib/core/labeling/pair-pick';
import {
  initialRankState,
  rankStep,
  type RankEffect,
  type RankEvent,
  type RankState,
} from '../../lib/core/labeling/rank-session';
import { hearBye, hearShowing, noPeers } from '../../lib/core/labeling/tab-claims';
import { pairKey } from '../../lib/core/types';
import { sessionDataset } from './session-fixture';

const REFUSED =
  'This pair was already judged in another tab: the first judgment was kept and this one was not saved.';

const dataset = sessionDataset;

/** Tabs of one browser: each tab's `post` effects reach every other tab as a `message` event. */
class Tabs<S, E, F extends { type: string; message?: unknown }> {
  readonly state = new Map<string, S>();
  readonly effects = new Map<string, F[]>();
  constructor(
    private readonly stepFn: (s: S, e: E) => { state: S; effects: F[] },
    private readonly asMessage: (m: unknown, now: number) => E,
  ) {}
  add(tab: string, s: S) {
    this.state.set(tab, s);
    this.effects.set(tab, []);
  }
  /** Step one tab and deliver what it posts (and what the others answer) until the tabs are quiet. */
  send(tab: string, e: E, now = 0): F[] {
    const queue: [string, E][] = [[tab, e]];
    let first: F[] | null = null;
    while (queue.length) {
      const [t, ev] = queue.shift()!;
      const r = this.stepFn(this.state.get(t)!, ev);
      this.state.set(t, r.state);
      this.effects.get(t)!.push(...r.effects);
      first ??= r.effects;
      for (const f of r.effects)
        if (f.type === 'post')
          for (const other of this.state.keys())
            if (other !== t) queue.push([other, this.asMessage(f.message, now)]);
    }
    return first ?? [];
  }
}

const pairTabs = () =>
  new Tabs<PairState, PairEvent, PairEffect>(step, (m, now) => ({
    type: 'message',
    message: m as Extract<PairEvent, { type: 'message' }>['message'],
    now,
  }));

function openPairs(tabs: Tabs<PairState, PairEvent, PairEffect>, tab: string, d = dataset(2, 3), now = 1) {
  tabs.add(tab, initialPairState(tab));
  tabs.send(tab, { type: 'opened', annotatorId: 'ann', datasetId: 'd', tab });
  tabs.send(tab, { type: 'loaded', key: 'ann|d', ...d, comparisons: [], skips: [], now }, now);
}

const shown = (s: PairState) =>
  s.session?.current
    ? `${s.session.current.promptId}:${pairKey(s.session.current.leftId, s.session.current.rightId)}`
    : null;

/** Judge the pair on screen and let the store accept it; returns the comparison written. */
function judgeAndStore(tabs: Tabs<PairState, PairEvent, PairEffect>, tab: string, id: string, now: number) {
  const fx = tabs.send(tab, { type: 'judge', id, outcome: 'a', strength: 2, now }, now);
  const write = fx.find((f) => f.type === 'write-judgment');
  expect(write).toBeDefined();
  tabs.send(tab, { type: 'stored', now }, now);
  return (write as Extract<PairEffect, { type: 'write-judgment' }>).comparison;
}

describe('pairs session: one tab', () => {
  it('shows every prompt before repeating one, never a pair twice, then nothing; each write is the pair shown', () => {
    const tabs = pairTabs();
    openPairs(tabs, 'A', dataset(3, 3));
    const seen = new Set<string>();
    const order: string[] = [];
    for (let i = 0; i < 9; i++) {
      const s = tabs.state.get('A')!;
      const cur = s.session!.current!;
      const c = judgeAndStore(tabs, 'A', `c${i}`, 10 + i);
      expect([c.promptId, c.aId, c.bId]).toEqual([cur.promptId, cur.leftId, cur.rightId]);
      expect(c.annotatorId).toBe('ann');
      expect(c.durationMs).toBe(i === 0 ? 9 : 1);
      const k = `${c.promptId}:${pairKey(c.aId, c.bId)}`;
      expect(seen.has(k)).toBe(false);
      seen.add(k);
      order.push(c.promptId);
    }
    // Coverage: the first three pairs are from three different prompts, and so are the next three.
    expect(new Set(order.slice(0, 3)).size).toBe(3);
    expect(new Set(order.slice(3, 6)).size).toBe(3);
    const s = tabs.state.get('A')!;
    expect(s.session!.current).toBeNull();
    expect(s.session!.own).toHaveLength(9);
    expect(s.session!.planner.decidedPairs).toBe(9);
  });

  it('stores strength only for a side, the rationale trimmed, and a skip apart from labels', () => {
    const tabs = pairTabs();
    openPairs(tabs, 'A');
    let fx = tabs.send('A', {
      type: 'judge',
      id: 'c1',
      outcome: 'tie',
      strength: 3,
      rationale: '  because ',
      now: 5,
    });
    const c = (fx[0] as Extract<PairEffect, { type: 'write-judgment' }>).comparison;
    expect(c.strength).toBeUndefined();
    expect(c.rationale).toBe('because');
    tabs.send('A', { type: 'stored', now: 6 });
    fx = tabs.send('A', { type: 'skip', id: 's1', now: 7 });
    expect(fx).toEqual([expect.objectContaining({ type: 'write-skip', repeat: false })]);
    tabs.send('A', { type: 'stored', now: 8 });
    const s = tabs.state.get('A')!.session!;
    expect(s.own).toHaveLength(1);
    expect(s.last).toMatchObject({ kind: 'skip' });
    expect(s.planner.decidedPairs).toBe(2);
  });

  it('ignores a decision while a write is pending, and a failed write changes nothing but the pending flag', () => {
    const tabs = pairTabs();
    openPairs(tabs, 'A');
    const before = shown(tabs.state.get('A')!);
    tabs.send('A', { type: 'judge', id: 'c1', outcome: 'a', now: 5 });
    expect(tabs.send('A', { type: 'judge', id: 'c2', outcome: 'b', now: 6 })).toEqual([]);
    expect(tabs.send('A', { type: 'undo' })).toEqual([]);
    tabs.send('A', { type: 'failed' });
    const s = tabs.state.get('A')!;
    expect(s.pending).toBeNull();
    expect(shown(s)).toBe(before);
    expect(s.session!.own).toHaveLength(0);
    expect(s.session!.planner.decidedPairs).toBe(0);
  });

  it('undo asks the store to remove the last decision, then shows that pair again and tells the other tabs', () => {
    const tabs = pairTabs();
    openPairs(tabs, 'A');
    const c = judgeAndStore(tabs, 'A', 'c1', 5);
    expect(tabs.send('A', { type: 'undo' })).toEqual([{ type: 'remove-last' }]);
    const fx = tabs.send('A', { type: 'removed', removed: { kind: 'comparison', record: c }, now: 9 }, 9);
    expect(fx[0]).toEqual({
      type: 'post',
      message: {
        type: 'undone',
        tab: 'A',
        key: 'ann|d',
        pair: { promptId: c.promptId, x: c.aId, y: c.bId },
        comparisonId: 'c1',
      },
    });
    const s = tabs.state.get('A')!.session!;
    expect(s.current).toEqual({ promptId: c.promptId, leftId: c.aId, rightId: c.bId });
    expect(s.undone).toMatchObject({ kind: 'comparison', outcome: 'a' });
    expect(s.own).toHaveLength(0);
    expect(s.planner.decidedPairs).toBe(0);
    // Nothing to undo: the store found nothing; the step only clears the pending flag.
    tabs.send('A', { type: 'undo' });
    tabs.send('A', { type: 'failed' });
    expect(tabs.state.get('A')!.session!.current).toEqual(s.current);
  });

  it('self-audit re-shows a labeled pair with the sides swapped and never marks it decided again', () => {
    const tabs = pairTabs();
    const audit: PickOptions = { policy: 'coverage', auditShare: 1, rewards: null, gold: null };
    tabs.add('A', initialPairState('A', audit));
    tabs.send('A', { type: 'opened', annotatorId: 'ann', datasetId: 'd', tab: 'A' });
    tabs.send('A', { type: 'loaded', key: 'ann|d', ...dataset(2, 3), comparisons: [], skips: [], now: 1 });
    const c = judgeAndStore(tabs, 'A', 'c1', 5);
    const rep = tabs.state.get('A')!.session!.current!;
    expect(rep).toEqual({ promptId: c.promptId, leftId: c.bId, rightId: c.aId, repeatOf: 'c1' });
    const r = judgeAndStore(tabs, 'A', 'c2', 6);
    expect(r.repeatOf).toBe('c1');
    const s = tabs.state.get('A')!.session!;
    expect(s.planner.decidedPairs).toBe(1);
    expect(s.own).toHaveLength(2);
    // The one judgment is repeated once: the next pair is a new one.
    expect(s.current?.repeatOf).toBeUndefined();
  });
});

describe('pairs session: two tabs as one annotator', () => {
  it('split the pairs, count each other’s labels, share the last one, and an undo gives it back in both', () => {
    const tabs = pairTabs();
    const d = dataset(1, 3); // three pairs
    // Loaded at the same instant, both planners have the same seed: only A's claim keeps B off A's pair.
    openPairs(tabs, 'A', d, 1);
    openPairs(tabs, 'B', d, 1);
    expect(shown(tabs.state.get('A')!)).not.toBe(shown(tabs.state.get('B')!));
    const first = shown(tabs.state.get('A')!);
    judgeAndStore(tabs, 'A', 'c1', 3);
    expect(tabs.state.get('B')!.session!.own).toHaveLength(1);
    expect(shown(tabs.state.get('B')!)).not.toBe(first);
    judgeAndStore(tabs, 'B', 'c2', 4);
    expect(tabs.state.get('A')!.session!.own).toHaveLength(2);
    // One pair is left: both show it.
    expect(shown(tabs.state.get('A')!)).toBe(shown(tabs.state.get('B')!));
    const last = judgeAndStore(tabs, 'A', 'c3', 5);
    expect(tabs.state.get('A')!.session!.current).toBeNull();
    expect(tabs.state.get('B')!.session!.current).toBeNull();
    expect(tabs.state.get('B')!.session!.own.map((c) => c.id)).toEqual(['c1', 'c2', 'c3']);
    // The undo in A gives the pair back in B too.
    tabs.send('A', { type: 'undo' });
    tabs.send('A', { type: 'removed', removed: { kind: 'comparison', record: last }, now: 6 }, 6);
    expect(tabs.state.get('B')!.session!.current).not.toBeNull();
    expect(tabs.state.get('B')!.session!.own).toHaveLength(2);
  });

  it('of two tabs showing the same pair, the later one moves on; at the same instant the greater id', () => {
    for (const [sinceA, sinceB, mover] of [
      [1, 2, 'B'],
      [2, 1, 'A'],
      [3, 3, 'B'],
    ] as const) {
      const tabs = pairTabs();
      const d = dataset(3, 3);
      tabs.add('A', initialPairState('A'));
      tabs.send('A', { type: 'opened', annotatorId: 'ann', datasetId: 'd', tab: 'A' });
      tabs.send('A', { type: 'loaded', key: 'ann|d', ...d, comparisons: [], skips: [], now: sinceA });
      const a = tabs.state.get('A')!.session!.current!;
      // B shows A's pair (as if it had loaded before hearing from A).
      const pair = { promptId: a.promptId, x: a.rightId, y: a.leftId };
      tabs.send(
        'A',
        {
          type: 'message',
          message: { type: 'showing', tab: 'B', key: 'ann|d', pair, since: sinceB },
          now: 9,
        },
        9,
      );
      const moved = shown(tabs.state.get('A')!) !== `${a.promptId}:${pairKey(a.leftId, a.rightId)}`;
      expect(moved).toBe(mover === 'A');
    }
  });

  it('when both judge the last pair, the store keeps the first and the other tab is refused, says so and moves on', () => {
    const tabs = pairTabs();
    const d = dataset(1, 2); // one pair: both tabs show it
    openPairs(tabs, 'A', d, 1);
    openPairs(tabs, 'B', d, 2);
    expect(shown(tabs.state.get('A')!)).toBe(shown(tabs.state.get('B')!));
    const fa = tabs.send('A', { type: 'judge', id: 'ca', outcome: 'a', now: 3 }, 3);
    const fb = tabs.send('B', { type: 'judge', id: 'cb', outcome: 'b', now: 3 }, 3);
    expect(fa.some((f) => f.type === 'write-judgment')).toBe(true);
    expect(fb.some((f) => f.type === 'write-judgment')).toBe(true);
    tabs.send('A', { type: 'stored', now: 4 }, 4);
    // B is writing: A's "decided" does not move it on before its store answers.
    expect(tabs.state.get('B')!.session!.current).not.toBeNull();
    tabs.send('B', { type: 'refused', message: REFUSED, now: 5 }, 5);
    const b = tabs.state.get('B')!;
    expect(b.session!.refused).toBe(REFUSED);
    expect(b.session!.current).toBeNull();
    expect(b.pending).toBeNull();
    // B counts A's judgment only; its own refused one is nowhere.
    expect(b.session!.own.map((c) => c.id)).toEqual(['ca']);
    expect(tabs.effects.get('B')!.some((f) => f.type === 'post' && f.message.type === 'decided')).toBe(false);
  });

  it('a tab that closes is forgotten: its pair is free again', () => {
    let peers = noPeers<string>();
    peers = hearShowing(peers, 'B', 'p1', 5).peers;
    const again = hearShowing(peers, 'B', 'p2', 6);
    expect(again.isNew).toBe(false);
    expect(again.peers.claims.get('B')).toEqual({ item: 'p2', since: 6 });
    const gone = hearBye(again.peers, 'B');
    expect(gone.claims.size).toBe(0);
    expect(hearShowing(gone, 'B', null, 0).isNew).toBe(true);
  });
});

const rankTabs = () =>
  new Tabs<RankState, RankEvent, RankEffect>(rankStep, (m, now) => ({
    type: 'message',
    message: m as Extract<RankEvent, { type: 'message' }>['message'],
    now,
  }));

function openRank(tabs: Tabs<RankState, RankEvent, RankEffect>, tab: string, d = dataset(2, 3), now = 1) {
  tabs.add(tab, initialRankState(tab));
  tabs.send(tab, { type: 'opened', annotatorId: 'ann', datasetId: 'd', tab });
  tabs.send(tab, { type: 'loaded', key: 'ann|d', ...d, ranked: new Set(), now }, now);
}

const promptOf = (s: RankState) => s.session?.current?.promptId ?? null;

describe('ranking session', () => {
  it('edits, submits the ranking shown, and undo shows it again as it was ranked', () => {
    const tabs = rankTabs();
    openRank(tabs, 'A');
    const cur = tabs.state.get('A')!.session!.current!;
    tabs.send('A', { type: 'move', from: 2, to: 0 });
    tabs.send('A', { type: 'toggle-tie', id: cur.order[0] });
    const edited = tabs.state.get('A')!.session!.current!;
    expect(edited.order).toEqual([cur.order[2], cur.order[0], cur.order[1]]);
    const fx = tabs.send('A', { type: 'submit', id: 'r1', now: 4 });
    const w = fx.find((f) => f.type === 'write-ranking') as Extract<RankEffect, { type: 'write-ranking' }>;
    expect(w.ranking.tiers).toEqual([[cur.order[2], cur.order[0]], [cur.order[1]]]);
    expect(w.ranking.durationMs).toBe(3);
    expect(tabs.send('A', { type: 'move', from: 0, to: 1 })).toEqual([]);
    tabs.send('A', { type: 'stored', now: 5 });
    expect([...tabs.state.get('A')!.session!.ranked]).toEqual([cur.promptId]);
    expect(promptOf(tabs.state.get('A')!)).not.toBe(cur.promptId);
    tabs.send('A', { type: 'undo' });
    tabs.send('A', { type: 'removed', ranking: w.ranking, now: 6 });
    const back = tabs.state.get('A')!.session!.current!;
    expect(back.order).toEqual(edited.order);
    expect([...back.tied]).toEqual([cur.order[0]]);
    expect(tabs.state.get('A')!.session!.ranked.size).toBe(0);
  });

  it('two tabs take different prompts, count each other’s rankings, and the refused one says so', () => {
    const tabs = rankTabs();
    openRank(tabs, 'A', dataset(2, 3), 1);
    openRank(tabs, 'B', dataset(2, 3), 2);
    expect(promptOf(tabs.state.get('A')!)).not.toBe(promptOf(tabs.state.get('B')!));
    tabs.send('A', { type: 'submit', id: 'ra', now: 3 });
    tabs.send('A', { type: 'stored', now: 3 }, 3);
    expect(tabs.state.get('B')!.session!.ranked.size).toBe(1);
    // Only B's prompt is left: both show it.
    expect(promptOf(tabs.state.get('A')!)).toBe(promptOf(tabs.state.get('B')!));
    tabs.send('A', { type: 'submit', id: 'ra2', now: 4 });
    tabs.send('B', { type: 'submit', id: 'rb', now: 4 });
    tabs.send('B', { type: 'stored', now: 5 }, 5);
    expect(promptOf(tabs.state.get('A')!)).not.toBeNull(); // A is writing: it stays
    const message =
      'This prompt was already ranked in another tab: the first ranking was kept and this one was not saved.';
    tabs.send('A', { type: 'refused', message, now: 6 }, 6);
    const a = tabs.state.get('A')!.session!;
    expect(a.refused).toBe(message);
    expect(a.current).toBeNull();
    expect(a.ranked.size).toBe(2);
  });
});
