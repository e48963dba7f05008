// lib/db/rankings.ts on fake-indexeddb: a ranking and its expanded pairs land together or not at all, undo
// removes both, and the ranked prompts are read back per annotator and dataset.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createGoodhartDb } from '../../lib/db/db';
import { StorageError } from '../../lib/db/errors';
import { addComparison } from '../../lib/db/decisions';
import {
  addRanking,
  deleteRanking,
  rankedPrompts,
  rankingsFor,
  undoLastRanking,
} from '../../lib/db/rankings';
import type { Comparison, Ranking } from '../../lib/core/types';

let n = 0;
async function freshDb() {
  const db = createGoodhartDb(`rank-db-${Date.now()}-${n++}`);
  await db.open();
  return db;
}

function ranking(id: string, promptId: string, createdAt: number, annotatorId = 'ann'): Ranking {
  return {
    id,
    datasetId: 'ds',
    promptId,
    annotatorId,
    // 4 candidates, the middle two tied: 6 comparisons, 1 tie.
    tiers: [[`${promptId}-r0`], [`${promptId}-r1`, `${promptId}-r2`], [`${promptId}-r3`]],
    createdAt,
    durationMs: 900,
  };
}

function pairwise(id: string, promptId: string, createdAt: number): Comparison {
  return {
    id,
    datasetId: 'ds',
    promptId,
    aId: `${promptId}-r0`,
    bId: `${promptId}-r3`,
    outcome: 'b',
    annotatorId: 'ann',
    createdAt,
    durationMs: 5,
  };
}

describe('addRanking', () => {
  it('stores the ranking and its 6 expanded comparisons (one tie), each carrying the ranking id', async () => {
    const db = await freshDb();
    await addRanking(db, ranking('rk1', 'p1', 10), ['p1-r0', 'p1-r1', 'p1-r2', 'p1-r3']);
    expect(await db.rankings.toArray()).toEqual([ranking('rk1', 'p1', 10)]);
    const cs = await db.comparisons.toArray();
    expect(cs).toHaveLength(6);
    expect(cs.filter((c) => c.outcome === 'tie')).toHaveLength(1);
    expect(cs.every((c) => c.rankingId === 'rk1' && c.annotatorId === 'ann' && c.createdAt === 10)).toBe(
      true,
    );
    db.close();
  });

  it('is all or nothing: a clash on one comparison id leaves neither the ranking nor any pair', async () => {
    const db = await freshDb();
    // A stored comparison that happens to have the id of the 4th expanded pair.
    await addComparison(db, { ...pairwise('rk1:p1-r1|p1-r2', 'p1', 1) });
    await expect(addRanking(db, ranking('rk1', 'p1', 10))).rejects.toBeInstanceOf(StorageError);
    expect(await db.rankings.count()).toBe(0);
    expect(await db.comparisons.count()).toBe(1);
    db.close();
  });

  it('refuses an invalid ranking without writing', async () => {
    const db = await freshDb();
    await expect(addRanking(db, ranking('rk1', 'p1', 10), ['p1-r0', 'p1-r1'])).rejects.toThrow(
      /not a candidate/,
    );
    await expect(addRanking(db, { ...ranking('rk2', 'p1', 10), tiers: [['x'], ['x']] })).rejects.toThrow(
      /twice/,
    );
    expect(await db.rankings.count()).toBe(0);
    expect(await db.comparisons.count()).toBe(0);
    db.close();
  });
});

describe('undoLastRanking', () => {
  it('removes the latest ranking of this annotator and dataset with its pairs, and nothing else', async () => {
    const db = await freshDb();
    await addRanking(db, ranking('rk1', 'p1', 10));
    await addComparison(db, pairwise('pw1', 'p2', 15));
    await addRanking(db, ranking('rk2', 'p2', 20));
    await addRanking(db, ranking('rk3', 'p3', 30, 'someone-else'));
    expect(await db.comparisons.count()).toBe(6 + 1 + 6 + 6);

    const removed = await undoLastRanking(db, 'ann', 'ds');
    expect(removed?.id).toBe('rk2');
    expect((await db.rankings.toArray()).map((r) => r.id).sort()).toEqual(['rk1', 'rk3']);
    const left = await db.comparisons.toArray();
    expect(left).toHaveLength(6 + 1 + 6);
    expect(left.some((c) => c.rankingId === 'rk2')).toBe(false);
    expect(left.find((c) => c.id === 'pw1')).toBeDefined();
    expect(await rankedPrompts(db, 'ann', 'ds')).toEqual(new Set(['p1']));

    expect((await undoLastRanking(db, 'ann', 'ds'))?.id).toBe('rk1');
    expect(await undoLastRanking(db, 'ann', 'ds')).toBeNull();
    expect(await db.comparisons.count()).toBe(1 + 6);
    db.close();
  });
});

describe('rankedPrompts, rankingsFor, deleteRanking', () => {
  it('reads per annotator and dataset, oldest first, and deletes a ranking with its pairs', async () => {
    const db = await freshDb();
    await addRanking(db, ranking('rk2', 'p2', 20));
    await addRanking(db, ranking('rk1', 'p1', 10));
    await addRanking(db, ranking('rk3', 'p3', 30, 'bob'));
    await addRanking(db, { ...ranking('rk4', 'p9', 5), datasetId: 'other' });
    expect(await rankedPrompts(db, 'ann', 'ds')).toEqual(new Set(['p1', 'p2']));
    expect(await rankedPrompts(db, 'bob', 'ds')).toEqual(new Set(['p3']));
    expect((await rankingsFor(db, 'ds')).map((r) => r.id)).toEqual(['rk1', 'rk2', 'rk3']);
    expect((await rankingsFor(db, 'ds', ['bob'])).map((r) => r.id)).toEqual(['rk3']);
    expect(await deleteRanking(db, 'rk3')).toBe(true);
    expect(await deleteRanking(db, 'rk3')).toBe(false);
    expect(await db.comparisons.where('promptId').equals('p3').count()).toBe(0);
    db.close();
  });
});
