// The strip of recent decisions on /label (lib/core/labeling/recent.ts, kept by session.ts): newest first,
// filled from the loaded history, by this tab's writes and by the other tabs' messages; undo of a chosen
// earlier decision removes exactly that one (and lib/db/decisions.ts undoDecision deletes exactly it).
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import {
  initialPairState,
  step,
  type PairEffect,
  type PairEvent,
  type PairState,
} from '../../lib/core/labeling/session';
import { RECENT_MAX, recentFromHistory } from '../../lib/core/labeling/recent';
import { createGoodhartDb } from '../../lib/db/db';
import { addJudgment, addSkip, undoDecision } from '../../lib/db/decisions';
import type { Comparison, Skip } from '../../lib/core/types';
import { sessionDataset } from './session-fixture';

/** Two tabs whose posts reach each other (as BroadcastChannel would carry them). */
function twoTabs() {
  const state = new Map<string, PairState>();
  const send = (tab: string, e: PairEvent): PairEffect[] => {
    const r = step(state.get(tab)!, e);
    state.set(tab, r.state);
    for (const f of r.effects)
      if (f.type === 'post')
        for (const other of state.keys())
          if (other !== tab) send(other, { type: 'message', message: f.message, now: 0 });
    return r.effects;
  };
  const open = (tab: string, comparisons: Comparison[] = [], skips: Skip[] = []) => {
    state.set(tab, initialPairState(tab));
    send(tab, { type: 'opened', annotatorId: 'ann', datasetId: 'd', tab });
    send(tab, { type: 'loaded', key: 'ann|d', ...sessionDataset(4, 3), comparisons, skips, now: 1 });
  };
  return { state, send, open };
}

function judge(t: ReturnType<typeof twoTabs>, tab: string, id: string, now: number): Comparison {
  const fx = t.send(tab, { type: 'judge', id, outcome: 'b', now });
  t.send(tab, { type: 'stored', now });
  return (fx.find((f) => f.type === 'write-judgment') as Extract<PairEffect, { type: 'write-judgment' }>)
    .comparison;
}

function skip(t: ReturnType<typeof twoTabs>, tab: string, id: string, now: number): Skip {
  const fx = t.send(tab, { type: 'skip', id, now });
  t.send(tab, { type: 'stored', now });
  return (fx.find((f) => f.type === 'write-skip') as Extract<PairEffect, { type: 'write-skip' }>).skip;
}

const ids = (s: PairState) => s.session!.recent.map((d) => d.id);

describe('recent decisions', () => {
  it('from history: newest first, at most RECENT_MAX, ranking pairs left out', () => {
    const c = (id: string, createdAt: number, rankingId?: string): Comparison => ({
      id,
      datasetId: 'd',
      promptId: 'p0',
      aId: 'p0r0',
      bId: 'p0r1',
      outcome: 'a',
      annotatorId: 'ann',
      createdAt,
      durationMs: 0,
      ...(rankingId ? { rankingId } : {}),
    });
    const comparisons = [c('c1', 10), c('c2', 30), c('r1', 40, 'rank1')];
    const skips = [{ id: 's1', promptId: 'p1', aId: 'p1r0', bId: 'p1r1', createdAt: 20 }];
    expect(recentFromHistory(comparisons, skips).map((d) => d.id)).toEqual(['c2', 's1', 'c1']);
    const many = Array.from({ length: 20 }, (_, i) => c(`m${i}`, i));
    const got = recentFromHistory(many, []).map((d) => d.id);
    expect(got).toHaveLength(RECENT_MAX);
    expect(got[0]).toBe('m19');
    expect(got[RECENT_MAX - 1]).toBe(`m${20 - RECENT_MAX}`);
  });

  it('this tab’s judgments and skips, newest first; the other tab sees the same strip', () => {
    const t = twoTabs();
    t.open('A');
    t.open('B');
    judge(t, 'A', 'c1', 10);
    skip(t, 'A', 's1', 11);
    judge(t, 'B', 'c2', 12);
    expect(ids(t.state.get('A')!)).toEqual(['c2', 's1', 'c1']);
    expect(ids(t.state.get('B')!)).toEqual(['c2', 's1', 'c1']);
    expect(t.state.get('A')!.session!.recent[1]).toMatchObject({ kind: 'skip', id: 's1' });
    expect(t.state.get('A')!.session!.recent[2]).toMatchObject({ kind: 'comparison', outcome: 'b' });
  });

  it('undo of a chosen earlier decision asks to remove exactly it, shows its pair again, and both tabs drop it', () => {
    const t = twoTabs();
    t.open('A');
    t.open('B');
    const c1 = judge(t, 'A', 'c1', 10);
    judge(t, 'A', 'c2', 11);
    judge(t, 'A', 'c3', 12);
    const fx = t.send('A', { type: 'undo', target: { kind: 'comparison', id: 'c1' } });
    expect(fx).toEqual([{ type: 'remove-decision', target: { kind: 'comparison', id: 'c1' } }]);
    t.send('A', { type: 'removed', removed: { kind: 'comparison', record: c1 }, now: 13 });
    const a = t.state.get('A')!.session!;
    expect(ids(t.state.get('A')!)).toEqual(['c3', 'c2']);
    expect(ids(t.state.get('B')!)).toEqual(['c3', 'c2']);
    expect(a.current).toEqual({ promptId: c1.promptId, leftId: c1.aId, rightId: c1.bId });
    expect(a.own.map((c) => c.id)).toEqual(['c2', 'c3']);
    expect(t.state.get('B')!.session!.own.map((c) => c.id)).toEqual(['c2', 'c3']);
    expect(a.last).toBeNull();
    expect(a.undone).toMatchObject({ id: 'c1', kind: 'comparison' });
  });

  it('a skip undone in one tab leaves the other tab’s strip and reveal', () => {
    const t = twoTabs();
    t.open('A');
    t.open('B');
    const s1 = skip(t, 'B', 's1', 10);
    expect(t.state.get('B')!.session!.last?.id).toBe('s1');
    t.send('A', { type: 'undo', target: { kind: 'skip', id: 's1' } });
    t.send('A', { type: 'removed', removed: { kind: 'skip', record: s1 }, now: 11 });
    expect(ids(t.state.get('B')!)).toEqual([]);
    expect(t.state.get('B')!.session!.last).toBeNull();
  });

  it('the reveal (last) is the pair just judged, not the pair now shown', () => {
    const t = twoTabs();
    t.open('A');
    const before = t.state.get('A')!.session!.current!;
    judge(t, 'A', 'c1', 10);
    const s = t.state.get('A')!.session!;
    expect(s.last).toMatchObject({
      promptId: before.promptId,
      leftId: before.leftId,
      rightId: before.rightId,
    });
    expect(s.current!.promptId).not.toBe(before.promptId);
  });
});

describe('undoDecision in IndexedDB', () => {
  it('deletes exactly the chosen judgment or skip of this annotator, nothing else; a second undo finds nothing', async () => {
    const db = createGoodhartDb(`undo-decision-${Date.now()}`);
    await db.open();
    const c = (id: string, promptId: string, over: Partial<Comparison> = {}): Comparison => ({
      id,
      datasetId: 'ds',
      promptId,
      aId: `${promptId}a`,
      bId: `${promptId}b`,
      outcome: 'a',
      annotatorId: 'ann',
      createdAt: 1,
      durationMs: 0,
      ...over,
    });
    await addJudgment(db, c('c1', 'p1'));
    await addJudgment(db, c('c2', 'p2'));
    await addJudgment(db, c('other', 'p3', { annotatorId: 'someone-else' }));
    await addJudgment(db, c('ranked', 'p4', { rankingId: 'r1' }));
    await addSkip(db, {
      id: 's1',
      datasetId: 'ds',
      promptId: 'p5',
      aId: 'x',
      bId: 'y',
      annotatorId: 'ann',
      createdAt: 2,
    });

    expect(await undoDecision(db, 'ann', 'ds', { kind: 'comparison', id: 'c1' })).toMatchObject({
      kind: 'comparison',
      record: { id: 'c1' },
    });
    expect(await undoDecision(db, 'ann', 'ds', { kind: 'comparison', id: 'c1' })).toBeNull();
    expect(await undoDecision(db, 'ann', 'ds', { kind: 'comparison', id: 'other' })).toBeNull();
    expect(await undoDecision(db, 'ann', 'ds', { kind: 'comparison', id: 'ranked' })).toBeNull();
    expect(await undoDecision(db, 'ann', 'other-ds', { kind: 'skip', id: 's1' })).toBeNull();
    expect(await undoDecision(db, 'ann', 'ds', { kind: 'skip', id: 's1' })).toMatchObject({ kind: 'skip' });
    expect((await db.comparisons.toArray()).map((x) => x.id).sort()).toEqual(['c2', 'other', 'ranked']);
    expect(await db.skips.count()).toBe(0);
    db.close();
  });
});
