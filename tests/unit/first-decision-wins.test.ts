// Two tabs as one annotator deciding the same thing at once (issue 10 §8): the check that the decision is
// not already stored runs inside the write's IndexedDB transaction, so exactly one is stored, the other is
// refused with a message, and the refused write leaves the stored data as it was.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createGoodhartDb } from '../../lib/db/db';
import { AlreadyDecidedError } from '../../lib/db/errors';
import {
  ALREADY_JUDGED,
  ALREADY_JUDGED_NOT_SKIPPED,
  ALREADY_SKIPPED,
  ALREADY_SKIPPED_NOT_JUDGED,
  addJudgment,
  addSkip,
} from '../../lib/db/decisions';
import { ALREADY_RANKED, addRanking } from '../../lib/db/rankings';
import type { Comparison, Ranking, Skip } from '../../lib/core/types';

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

function skip(id: string, over: Partial<Skip> = {}): Skip {
  return {
    id,
    datasetId: 'ds',
    promptId: 'p1',
    aId: 'r0',
    bId: 'r1',
    annotatorId: 'ann',
    createdAt: 10,
    ...over,
  };
}

/** Everything a refused decision must leave as it was. */
async function stored(db: Awaited<ReturnType<typeof freshDb>>) {
  return { comparisons: await db.comparisons.toArray(), skips: await db.skips.toArray() };
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

describe('a skip is a decision: whichever of skip and judgment is stored first wins', () => {
  it('a judgment of a pair this annotator skipped (either side order) is refused, saying the skip was kept', async () => {
    const db = await freshDb();
    await addSkip(db, skip('s1'));
    const before = await stored(db);
    await expect(addJudgment(db, judgment('c1', { aId: 'r1', bId: 'r0' }))).rejects.toThrow(
      ALREADY_SKIPPED_NOT_JUDGED,
    );
    expect(ALREADY_SKIPPED_NOT_JUDGED).toMatch(/already skipped in another tab: the skip was kept/);
    expect(await stored(db)).toEqual(before);
    db.close();
  });

  it('a skip of a pair this annotator judged is refused, saying the judgment was kept; a second skip too', async () => {
    const db = await freshDb();
    await addJudgment(db, judgment('c1'));
    await addSkip(db, skip('s-other', { bId: 'r2' }));
    const before = await stored(db);
    const refused = addSkip(db, skip('s1', { aId: 'r1', bId: 'r0' }));
    await expect(refused).rejects.toBeInstanceOf(AlreadyDecidedError);
    await expect(addSkip(db, skip('s1'))).rejects.toThrow(ALREADY_JUDGED_NOT_SKIPPED);
    expect(ALREADY_JUDGED_NOT_SKIPPED).toMatch(/already judged in another tab: the judgment was kept/);
    await expect(addSkip(db, skip('s2', { bId: 'r2', createdAt: 12 }))).rejects.toThrow(ALREADY_SKIPPED);
    expect(await stored(db)).toEqual(before);
    db.close();
  });

  it('a skip and a judgment of the same pair in the same instant: exactly one is stored', async () => {
    for (let round = 0; round < 4; round++) {
      const db = await freshDb();
      const writes =
        round % 2 === 0
          ? [addSkip(db, skip('s1')), addJudgment(db, judgment('c1'))]
          : [addJudgment(db, judgment('c1')), addSkip(db, skip('s1'))];
      const results = await Promise.allSettled(writes);
      expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
      const refused = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')!;
      expect(refused.reason).toBeInstanceOf(AlreadyDecidedError);
      const { comparisons, skips } = await stored(db);
      expect(comparisons.length + skips.length).toBe(1);
      expect((refused.reason as Error).message).toBe(
        skips.length === 1 ? ALREADY_SKIPPED_NOT_JUDGED : ALREADY_JUDGED_NOT_SKIPPED,
      );
      db.close();
    }
  });

  it('other annotators, pairs and datasets, and the skip of a self-audit repeat, are still stored', async () => {
    const db = await freshDb();
    await addJudgment(db, judgment('c1'));
    await addSkip(db, skip('s-repeat', { aId: 'r1', bId: 'r0' }), { repeat: true });
    await addSkip(db, skip('s-bob', { annotatorId: 'bob' }));
    await addSkip(db, skip('s-pair', { bId: 'r2' }));
    await addSkip(db, skip('s-ds', { datasetId: 'other' }));
    await addJudgment(db, judgment('c-bob', { annotatorId: 'bob', bId: 'r2' }));
    expect((await db.skips.toArray()).map((s) => s.id).sort()).toEqual([
      's-bob',
      's-ds',
      's-pair',
      's-repeat',
    ]);
    expect((await db.comparisons.toArray()).map((c) => c.id).sort()).toEqual(['c-bob', 'c1']);
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
