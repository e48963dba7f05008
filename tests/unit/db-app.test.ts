// lib/db/app.ts on fake-indexeddb: the app's reads and writes bound to the app database, live queries
// that see later writes, simulated labels stored under the existing annotator, built-in installs.
import 'fake-indexeddb/auto';
import { liveQuery } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGoodhartDb, setDbForTests, type GoodhartDb } from '../../lib/db/db';
import {
  datasetSummaries,
  getAnnotator,
  getOrCreateAnnotator,
  installBuiltInDataset,
  listAnnotators,
  listDatasets,
  saveSimulatedLabels,
} from '../../lib/db/app';
import type { Annotator, Comparison, DatasetFile } from '../../lib/core/types';

let n = 0;
let db: GoodhartDb;

beforeEach(async () => {
  db = createGoodhartDb(`test-db-app-${Date.now()}-${n++}`);
  await db.open();
  setDbForTests(db);
});

afterEach(async () => {
  setDbForTests(null);
  await db.delete();
});

function dataset(id: string, created = 1): DatasetFile {
  return {
    format: 'goodhart-dataset',
    version: 1,
    dataset: { id, name: id, description: '', source: 'test', created },
    prompts: [{ id: `${id}-p`, datasetId: id, text: 'prompt', category: 'c' }],
    responses: [0, 1].map((r) => ({
      id: `${id}-r${r}`,
      promptId: `${id}-p`,
      datasetId: id,
      text: `r${r}`,
      tags: [],
    })),
  };
}

const comparison = (id: string, annotatorId: string): Comparison => ({
  id,
  datasetId: 'd',
  promptId: 'd-p',
  aId: 'd-r0',
  bId: 'd-r1',
  outcome: 'a',
  strength: 2,
  annotatorId,
  createdAt: 1,
  durationMs: 0,
});

/** Values a live query emits until `until` holds for one of them. */
function collect<T>(query: () => Promise<T>, until: (v: T) => boolean): Promise<T[]> {
  return new Promise((resolve, reject) => {
    const seen: T[] = [];
    const sub = liveQuery(query).subscribe({
      next: (v) => {
        seen.push(v);
        if (until(v)) {
          sub.unsubscribe();
          resolve(seen);
        }
      },
      error: reject,
    });
  });
}

describe('lib/db/app', () => {
  it('lists datasets oldest first and annotators by name, on the app database', async () => {
    await db.datasets.bulkPut([dataset('new', 5).dataset, dataset('old', 2).dataset]);
    await getOrCreateAnnotator('Zoe');
    await getOrCreateAnnotator('Ada');
    expect((await listDatasets()).map((d) => d.id)).toEqual(['old', 'new']);
    expect((await listAnnotators()).map((a) => a.name)).toEqual(['Ada', 'Zoe']);
    const ada = (await listAnnotators())[0];
    expect(await getAnnotator(ada.id)).toEqual(ada);
    expect(await getAnnotator('nobody')).toBeUndefined();
  });

  it('live queries over its reads see a later write', async () => {
    const seen = collect(listAnnotators, (as) => as.some((a) => a.name === 'Ada'));
    await new Promise((r) => setTimeout(r, 20));
    await getOrCreateAnnotator('Ada');
    const values = await seen;
    expect(values[0]).toEqual([]);
    expect(values.at(-1)!.map((a) => a.name)).toEqual(['Ada']);
  });

  it('a live dataset summary counts labels written after it started', async () => {
    await db.datasets.put(dataset('d').dataset);
    const seen = collect(datasetSummaries, (s) => s[0]?.labels === 1);
    await new Promise((r) => setTimeout(r, 20));
    await db.comparisons.put(comparison('c1', 'x'));
    const values = await seen;
    expect(values[0][0].labels).toBe(0);
    expect(values.at(-1)![0].byAnnotator).toEqual({ x: 1 });
  });

  it('stores simulated labels under the annotator already stored with that name', async () => {
    const stored = await getOrCreateAnnotator('sim: hurried rater', 'simulated');
    const fresh: Annotator = { id: 'fresh-id', name: 'sim: hurried rater', kind: 'simulated', created: 2 };
    const id = await saveSimulatedLabels(fresh, [comparison('c1', 'fresh-id'), comparison('c2', 'fresh-id')]);
    expect(id).toBe(stored.id);
    expect((await db.comparisons.toArray()).map((c) => c.annotatorId)).toEqual([stored.id, stored.id]);
    expect(await db.annotators.count()).toBe(1);
    const other: Annotator = { id: 'other-id', name: 'sim: careful rater', kind: 'simulated', created: 3 };
    expect(await saveSimulatedLabels(other, [comparison('c3', 'other-id')])).toBe('other-id');
  });

  it('installs a built-in dataset once, and never loads it again after that', async () => {
    let loads = 0;
    const load = async () => (loads++, dataset('demo'));
    expect(await installBuiltInDataset('demo', load)).toBe(true);
    expect(await db.prompts.where('datasetId').equals('demo').count()).toBe(1);
    await db.datasets.delete('demo');
    expect(await installBuiltInDataset('demo', load)).toBe(false);
    expect(loads).toBe(1);
    expect(await db.datasets.get('demo')).toBeUndefined();
  });

  it('refuses a built-in file that carries another dataset id, and writes nothing', async () => {
    await expect(installBuiltInDataset('demo', async () => dataset('other'))).rejects.toThrow(
      'The built-in dataset "demo" was loaded as "other": nothing was installed.',
    );
    expect(await db.datasets.count()).toBe(0);
    expect(await db.prompts.count()).toBe(0);
    expect(await db.meta.count()).toBe(0);
  });
});
