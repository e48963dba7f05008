// lib/db on fake-indexeddb: migrations keep data, imports are atomic, undo is durable, quota errors map.
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { createGoodhartDb } from '../../lib/db/db';
import { LATEST_VERSION, SCHEMA } from '../../lib/db/schema';
import { addComparison, addSkip, undoLast } from '../../lib/db/decisions';
import {
  deleteDataset,
  ensureDataset,
  getOrCreateAnnotator,
  resetDataset,
  writeBatch,
} from '../../lib/db/repo';
import { annotatorHistory, countLabels, datasetSummaries, loadPool } from '../../lib/db/queries';
import { isQuotaError, toStorageProblem } from '../../lib/db/errors';
import type { Comparison, DatasetFile, Skip } from '../../lib/core/types';

let n = 0;
const freshName = () => `test-db-${Date.now()}-${n++}`;

function smallDataset(id: string, prompts = 3): DatasetFile {
  const file: DatasetFile = {
    format: 'goodhart-dataset',
    version: 1,
    dataset: { id, name: id, description: '', source: 'test', created: 1 },
    prompts: [],
    responses: [],
  };
  for (let p = 0; p < prompts; p++) {
    file.prompts.push({ id: `${id}-p${p}`, datasetId: id, text: `prompt ${p}`, category: 'c' });
    for (let r = 0; r < 4; r++) {
      file.responses.push({
        id: `${id}-p${p}-r${r}`,
        promptId: `${id}-p${p}`,
        datasetId: id,
        text: `response ${r}`,
        correct: r % 2 === 0,
        tags: [r < 2 ? 'style:fluent' : 'style:hedged'],
      });
    }
  }
  return file;
}

function cmp(id: string, datasetId: string, annotatorId: string, createdAt: number): Comparison {
  return {
    id,
    datasetId,
    promptId: `${datasetId}-p0`,
    aId: `${datasetId}-p0-r0`,
    bId: `${datasetId}-p0-r1`,
    outcome: 'a',
    strength: 2,
    rationale: 'because',
    annotatorId,
    createdAt,
    durationMs: 1234,
  };
}

describe('schema migrations', () => {
  it('has strictly increasing versions', () => {
    const versions = SCHEMA.map((s) => s.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
  });

  // For every version N, a database written by N opens under N+1 with nothing lost.
  for (const v of SCHEMA.slice(0, -1)) {
    it(`opens a version ${v.version} database under version ${v.version + 1} with every row intact`, async () => {
      const name = freshName();
      const old = createGoodhartDb(name, v.version);
      await old.open();
      const file = smallDataset('mig', 5);
      await old.transaction(
        'rw',
        [old.datasets, old.prompts, old.responses, old.comparisons, old.skips, old.annotators],
        async () => {
          await old.datasets.put(file.dataset);
          await old.prompts.bulkPut(file.prompts);
          await old.responses.bulkPut(file.responses);
          await old.annotators.put({ id: 'ann1', name: 'Ada', kind: 'human', created: 5 });
          await old.comparisons.bulkPut([cmp('c1', 'mig', 'ann1', 10), cmp('c2', 'mig', 'ann1', 11)]);
          await old.skips.put({
            id: 's1',
            datasetId: 'mig',
            promptId: 'mig-p1',
            aId: 'mig-p1-r0',
            bId: 'mig-p1-r1',
            annotatorId: 'ann1',
            createdAt: 12,
          });
        },
      );
      const before = {
        datasets: await old.datasets.toArray(),
        prompts: await old.prompts.toArray(),
        responses: await old.responses.toArray(),
        comparisons: await old.comparisons.toArray(),
        skips: await old.skips.toArray(),
        annotators: await old.annotators.toArray(),
      };
      old.close();

      const next = createGoodhartDb(name, v.version + 1);
      await next.open();
      expect(next.verno).toBe(v.version + 1);
      expect(await next.datasets.toArray()).toEqual(before.datasets);
      expect(await next.prompts.toArray()).toEqual(before.prompts);
      expect(await next.responses.toArray()).toEqual(before.responses);
      expect(await next.comparisons.toArray()).toEqual(before.comparisons);
      expect(await next.skips.toArray()).toEqual(before.skips);
      expect(await next.annotators.toArray()).toEqual(before.annotators);
      // Indexes of the new version work on the old rows (the repository functions need the latest schema).
      const byAnnotator = next.comparisons
        .where('[annotatorId+datasetId+createdAt]')
        .between(['ann1', 'mig', Dexie.minKey], ['ann1', 'mig', Dexie.maxKey]);
      expect(await byAnnotator.count()).toBe(2);
      if (v.version + 1 === LATEST_VERSION) expect(await countLabels(next, 'ann1', 'mig')).toBe(2);
      next.close();
    });
  }

  it('latest version has a runs table', async () => {
    const db = createGoodhartDb(freshName());
    await db.open();
    expect(db.verno).toBe(LATEST_VERSION);
    expect(db.tables.map((t) => t.name)).toContain('runs');
    db.close();
  });
});

describe('repository', () => {
  it('installs a built-in dataset once, and reset restores it without touching other datasets', async () => {
    const db = createGoodhartDb(freshName());
    const demo = smallDataset('demo', 4);
    expect(await ensureDataset(db, demo)).toBe(true);
    expect(await ensureDataset(db, demo)).toBe(false);
    await writeBatch(db, {
      datasets: [smallDataset('other').dataset],
      prompts: smallDataset('other').prompts,
    });
    // The user deletes part of the demo and labels it.
    await db.prompts.delete('demo-p0');
    await addComparison(db, cmp('c1', 'demo', 'a1', 1));
    await resetDataset(db, demo);
    expect(await db.prompts.where('datasetId').equals('demo').count()).toBe(4);
    expect(await db.prompts.where('datasetId').equals('other').count()).toBe(3);
    expect(await db.comparisons.count()).toBe(1); // labels kept by default
    await resetDataset(db, demo, { deleteLabels: true });
    expect(await db.comparisons.count()).toBe(0);
    // Deleting the dataset does not bring it back: installation is remembered.
    await deleteDataset(db, 'demo');
    expect(await ensureDataset(db, demo)).toBe(false);
    expect(await db.datasets.get('demo')).toBeUndefined();
    db.close();
  });

  it('undo removes the most recent decision, comparison or skip, durably', async () => {
    const db = createGoodhartDb(freshName());
    const ann = await getOrCreateAnnotator(db, '  Grace ');
    expect(ann.name).toBe('Grace');
    expect((await getOrCreateAnnotator(db, 'Grace')).id).toBe(ann.id);
    await addComparison(db, cmp('c1', 'd', ann.id, 1));
    await addComparison(db, cmp('c2', 'd', ann.id, 2));
    await addSkip(db, {
      id: 's1',
      datasetId: 'd',
      promptId: 'p',
      aId: 'x',
      bId: 'y',
      annotatorId: ann.id,
      createdAt: 3,
    });
    await addComparison(db, cmp('c3', 'd', 'someone-else', 4));
    expect((await undoLast(db, ann.id, 'd'))?.kind).toBe('skip');
    const undone = await undoLast(db, ann.id, 'd');
    expect(undone?.kind === 'comparison' && undone.record.id).toBe('c2');
    const hist = await annotatorHistory(db, ann.id, 'd');
    expect(hist.comparisons.map((c) => c.id)).toEqual(['c1']);
    expect(hist.skips).toEqual([]);
    expect(await countLabels(db, 'someone-else', 'd')).toBe(1);
    expect((await undoLast(db, ann.id, 'd'))?.kind).toBe('comparison');
    expect(await undoLast(db, ann.id, 'd')).toBeNull();
    db.close();
  });

  it('writes a batch atomically: a failing row leaves nothing half-written', async () => {
    const db = createGoodhartDb(freshName());
    await writeBatch(db, { datasets: [smallDataset('keep').dataset] });
    const file = smallDataset('bad', 150); // 750 rows: stored as rows, not packs
    const broken = [...file.responses];
    // An invalid key (an object) makes IndexedDB reject the row deep inside the batch.
    (broken[550] as unknown as { id: unknown }).id = { not: 'a key' };
    await expect(
      writeBatch(db, { datasets: [file.dataset], prompts: file.prompts, responses: broken }),
    ).rejects.toThrow();
    expect(await db.datasets.toArray()).toHaveLength(1);
    expect(await db.prompts.count()).toBe(0);
    expect(await db.responses.count()).toBe(0);
    db.close();
  });

  it('writes a packed (bulk) import atomically too: a failure after the packs rolls them back', async () => {
    const db = createGoodhartDb(freshName());
    await writeBatch(db, { datasets: [smallDataset('keep').dataset] });
    const file = smallDataset('big', 600); // 3,000 rows: packed
    const badSkip = {
      id: { not: 'a key' },
      datasetId: 'big',
      promptId: 'big-p0',
      aId: 'big-p0-r0',
      bId: 'big-p0-r1',
      annotatorId: 'x',
      createdAt: 1,
    } as unknown as Skip;
    await expect(
      writeBatch(db, {
        datasets: [file.dataset],
        prompts: file.prompts,
        responses: file.responses,
        skips: [badSkip],
      }),
    ).rejects.toThrow();
    expect(await db.datasets.toArray()).toHaveLength(1);
    expect(await db.packs.count()).toBe(0);
    expect(await db.packHeads.count()).toBe(0);
    // The same batch without the bad row lands whole, in packs.
    await writeBatch(db, { datasets: [file.dataset], prompts: file.prompts, responses: file.responses });
    expect(await db.prompts.count()).toBe(0);
    expect(await db.packs.count()).toBe(2); // 600 prompts in one pack, 2,400 responses in one
    expect((await loadPool(db, 'big')).responses).toHaveLength(2400);
    db.close();
  });

  it('merges annotators by name when a batch brings a known name under another id', async () => {
    const db = createGoodhartDb(freshName());
    const ann = await getOrCreateAnnotator(db, 'Lin');
    await writeBatch(db, {
      annotators: [{ id: 'other-id', name: 'Lin', kind: 'human', created: 9 }],
      comparisons: [cmp('c9', 'd', 'other-id', 5)],
    });
    expect(await db.annotators.count()).toBe(1);
    expect((await db.comparisons.get('c9'))?.annotatorId).toBe(ann.id);
    db.close();
  });

  it('summarises datasets with counts per annotator', async () => {
    const db = createGoodhartDb(freshName());
    await ensureDataset(db, smallDataset('demo', 2));
    await addComparison(db, cmp('c1', 'demo', 'a', 1));
    await addComparison(db, cmp('c2', 'demo', 'a', 2));
    await addComparison(db, cmp('c3', 'demo', 'b', 3));
    const [s] = await datasetSummaries(db);
    expect(s).toMatchObject({ prompts: 2, responses: 8, labels: 3, byAnnotator: { a: 2, b: 1 } });
    db.close();
  });
});

describe('storage errors', () => {
  it('finds a QuotaExceededError wrapped as the inner of an AbortError', () => {
    const wrapped = {
      name: 'AbortError',
      message: 'aborted',
      inner: { name: 'QuotaExceededError', message: 'full' },
    };
    expect(isQuotaError(wrapped)).toBe(true);
    expect(toStorageProblem(wrapped).kind).toBe('quota');
    expect(toStorageProblem({ name: 'MissingAPIError', message: 'IndexedDB API missing' }).kind).toBe(
      'unavailable',
    );
    expect(toStorageProblem(new Error('boom')).kind).toBe('unknown');
  });
});
