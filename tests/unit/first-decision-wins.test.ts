// Two tabs as one annotator deciding the same thing at once (issue 10 §8): the check that the decision is
// not already stored runs inside the write's IndexedDB transaction, so exactly one is stored, the other is
// refused with a message, and the refused write leaves the stored data as it was.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createGoodhartDb } from '../../lib/db/db';
import { AlreadyDecidedError } from '../../lib/db/errors';
import { ALREADY_JUDGED, addJudgment } from '../../lib/db/repo';
import { ALREADY_RANKED, addRanking } from '../../lib/db/rankings';
import type { Comparison, Ranking } from '../../lib/core/types';

let n = 0;
async function freshDb() {
  const db = createGoodhartDb(`first-wins-${Date.now()}-${n++}`);
  await db.open();
  return db;
}

function judgment(id: string, over: Partial<Comparison> = {}): Comparison {
  return {
    id,
    datasetId: 'ds',
    promptId: 'p1',
    aId: 'r0',
    bId: 'r1',
    outcome: 'a',
    annotatorId: 'ann',
    createdAt: 10,
    durationMs: 5,
    ...over,
  };
}

function ranking(id: string, over: Partial<Ranking> = {}): Ranking {
  return {
    id,
    datasetId: 'ds',
    promptId: 'p1',
    annotatorId: 'ann',
    tiers: [['r0'], ['r1'], ['r2']],
    createdAt: 10,
    durationMs: 5,
    ...over,
  };
}

describe('addJudgment: first judgment wins', () => {
  it('stores one of two simultaneous judgments of the same pair (either side order) and refuses the other', async () => {
    const db = await freshDb();
    const results = await Promise.allSettled([
      addJudgment(db, judgment('tab-1')),
      addJudgment(db, judgment('tab-2', { aId: 'r1', bId: 'r0', outcome: 'b', createdAt: 11 })),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')!;
    expect(refused.reason).toBeInstanceOf(AlreadyDecidedError);
    expect((refused.reason as Error).message).toBe(ALREADY_JUDGED);
    expect(ALREADY_JUDGED).toMatch(/already judged in another tab/);
    expect(await db.comparisons.toArray()).toHaveLength(1);
    db.close();
  });

  it('a refused judgment leaves the stored data unchanged', async () => {
    const db = await freshDb();
    await addJudgment(db, judgment('first', { rationale: 'kept' }));
    const before = await db.comparisons.toArray();
    await expect(addJudgment(db, judgment('second', { outcome: 'tie' }))).rejects.toThrow(ALREADY_JUDGED);
    expect(await db.comparisons.toArray()).toEqual(before);
    db.close();
  });

  it('still stores other pairs, other annotators, other datasets and self-audit repeats', async () => {
    const db = await freshDb();
    await addJudgment(db, judgment('c1'));
    await addJudgment(db, judgment('c2', { bId: 'r2' }));
    await addJudgment(db, judgment('c3', { annotatorId: 'bob' }));
    await addJudgment(db, judgment('c4', { datasetId: 'other' }));
    await addJudgment(db, judgment('c5', { aId: 'r1', bId: 'r0', repeatOf: 'c1' }));
    expect((await db.comparisons.toArray()).map((c) => c.id).sort()).toEqual(['c1', 'c2', 'c3', 'c4', 'c5']);
    db.close();
  });
});

describe('addRanking: first ranking wins', () => {
  it('stores one of two simultaneous rankings of the same prompt, with its pairs, and refuses the other', async () => {
    const db = await freshDb();
    const results = await Promise.allSettled([
      addRanking(db, ranking('rk-tab-1')),
      addRanking(db, ranking('rk-tab-2', { tiers: [['r2'], ['r1', 'r0']], createdAt: 11 })),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')!;
    expect(refused.reason).toBeInstanceOf(AlreadyDecidedError);
    expect((refused.reason as Error).message).toBe(ALREADY_RANKED);
    expect(await db.rankings.count()).toBe(1);
    const kept = (await db.rankings.toArray())[0].id;
    const pairs = await db.comparisons.toArray();
    expect(pairs).toHaveLength(3);
    expect(pairs.every((c) => c.rankingId === kept)).toBe(true);
    db.close();
  });

  it('a refused ranking leaves the stored data unchanged; other prompts and annotators are stored', async () => {
    const db = await freshDb();
    await addRanking(db, ranking('rk1'));
    const before = { rankings: await db.rankings.toArray(), comparisons: await db.comparisons.toArray() };
    await expect(addRanking(db, ranking('rk2', { createdAt: 20 }))).rejects.toThrow(ALREADY_RANKED);
    expect({ rankings: await db.rankings.toArray(), comparisons: await db.comparisons.toArray() }).toEqual(
      before,
    );
    await addRanking(db, ranking('rk3', { promptId: 'p2', tiers: [['s0'], ['s1'], ['s2']] }));
    await addRanking(db, ranking('rk4', { annotatorId: 'bob' }));
    expect((await db.rankings.toArray()).map((r) => r.id).sort()).toEqual(['rk1', 'rk3', 'rk4']);
    db.close();
  });
});
