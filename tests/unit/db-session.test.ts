// Session bundles round-trip exactly through the database: export → wipe → import gives identical data,
// and importing a participant's file twice adds nothing twice.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createGoodhartDb, type GoodhartDb } from '../../lib/db/db';
import { buildSessionBundle } from '../../lib/db/export';
import { batchFromResult, commitImport, planImport } from '../../lib/db/import';
import { undoLast } from '../../lib/db/decisions';
import { getOrCreateAnnotator, writeBatch } from '../../lib/db/repo';
import { addRanking } from '../../lib/db/rankings';
import { exportSession } from '../../lib/core/formats/session';
import { parseFile } from '../../lib/core/formats/parse';
import type { DatasetFile } from '../../lib/core/types';
import { validRun } from './run-fixture';

let n = 0;
const fresh = () => createGoodhartDb(`session-${Date.now()}-${n++}`);

function dataset(id: string): DatasetFile {
  return {
    format: 'goodhart-dataset',
    version: 1,
    dataset: { id, name: `Data ${id}`, description: 'd', source: 'test', created: 100 },
    prompts: [{ id: `${id}-p`, datasetId: id, text: 'Why is the sky blue?', category: 'science' }],
    responses: [
      {
        id: `${id}-r1`,
        promptId: `${id}-p`,
        datasetId: id,
        text: 'Rayleigh scattering.',
        correct: true,
        tags: ['style:hedged'],
      },
      {
        id: `${id}-r2`,
        promptId: `${id}-p`,
        datasetId: id,
        text: '**Reflection of the ocean.**',
        correct: false,
        goldScore: 0.1,
        source: 'm',
        tags: ['style:fluent'],
      },
      {
        id: `${id}-r3`,
        promptId: `${id}-p`,
        datasetId: id,
        text: 'Nobody knows.',
        correct: false,
        tags: ['style:hedged'],
      },
    ],
  };
}

async function dump(db: GoodhartDb) {
  const out: Record<string, unknown[]> = {};
  for (const t of [
    'datasets',
    'prompts',
    'responses',
    'comparisons',
    'skips',
    'annotators',
    'runs',
  ] as const) {
    out[t] = await db.table(t).orderBy(':id').toArray();
  }
  return out;
}

async function seed(db: GoodhartDb) {
  const ds = dataset('d1');
  const ada = await getOrCreateAnnotator(db, 'Ada');
  await writeBatch(db, {
    datasets: [ds.dataset],
    prompts: ds.prompts,
    responses: ds.responses,
    comparisons: [
      {
        id: 'c1',
        datasetId: 'd1',
        promptId: 'd1-p',
        aId: 'd1-r2',
        bId: 'd1-r1',
        outcome: 'a',
        strength: 3,
        rationale: 'confident',
        annotatorId: ada.id,
        createdAt: 5,
        durationMs: 1500,
      },
      {
        id: 'c2',
        datasetId: 'd1',
        promptId: 'd1-p',
        aId: 'd1-r1',
        bId: 'd1-r2',
        outcome: 'tie',
        annotatorId: ada.id,
        createdAt: 6,
        durationMs: 700,
      },
    ],
    skips: [
      {
        id: 's1',
        datasetId: 'd1',
        promptId: 'd1-p',
        aId: 'd1-r1',
        bId: 'd1-r2',
        annotatorId: ada.id,
        createdAt: 7,
      },
    ],
    runs: [validRun('run1', 'd1')],
  });
  await addRanking(db, {
    id: 'rank1',
    datasetId: 'd1',
    promptId: 'd1-p',
    annotatorId: ada.id,
    tiers: [['d1-r1'], ['d1-r2', 'd1-r3']],
    createdAt: 4,
    durationMs: 3000,
  });
  return ada;
}

describe('session bundle through the database', () => {
  it('export → wipe → import gives identical data', async () => {
    const db = fresh();
    await seed(db);
    const before = await dump(db);
    const text = exportSession(await buildSessionBundle(db));
    await db.delete();

    const result = parseFile('session.json', text);
    expect(result.issues.filter((i) => i.severity === 'error')).toEqual([]);
    const again = fresh();
    await commitImport(again, batchFromResult(result));
    expect(await dump(again)).toEqual(before);
  });

  it("a participant's file imported twice adds nothing twice, and is recognised as already stored", async () => {
    const laptop = fresh();
    const ada = await seed(laptop);
    const text = exportSession(await buildSessionBundle(laptop, { annotatorIds: [ada.id] }));

    const facilitator = fresh();
    const batch = batchFromResult(parseFile('ada.json', text));
    expect(batch.runs).toEqual([]); // participant files carry labels, not models
    await commitImport(facilitator, batch);
    const once = await dump(facilitator);
    const plan = await planImport(facilitator, batchFromResult(parseFile('ada.json', text)));
    expect(plan.tables.comparisons).toMatchObject({ incoming: 5, added: 0, unchanged: 5, conflicts: 0 });
    expect(plan.tables.rankings).toMatchObject({ incoming: 1, added: 0, unchanged: 1 });
    expect(plan.mergedAnnotators).toEqual(['Ada']);
    await commitImport(facilitator, batchFromResult(parseFile('ada.json', text)));
    expect(await dump(facilitator)).toEqual(once);
  });

  it('reports a conflict when a stored row has the same id but other content', async () => {
    const db = fresh();
    await seed(db);
    const text = exportSession(await buildSessionBundle(db));
    await db.comparisons.update('c1', { outcome: 'b' });
    const plan = await planImport(db, batchFromResult(parseFile('s.json', text)));
    expect(plan.tables.comparisons).toMatchObject({ conflicts: 1, unchanged: 4 });
    expect(plan.conflictExamples).toEqual([
      { table: 'comparisons', id: 'c1', fields: [{ field: 'outcome', stored: '"b"', incoming: '"a"' }] },
    ]);
    // Not applied unless the user chooses to replace it; then it is.
    const kept = await commitImport(db, batchFromResult(parseFile('s.json', text)));
    expect(kept).toMatchObject({ committed: true, keptConflicts: 1 });
    expect((await db.comparisons.get('c1'))?.outcome).toBe('b');
    await commitImport(db, batchFromResult(parseFile('s.json', text)), undefined, { replace: true });
    expect((await db.comparisons.get('c1'))?.outcome).toBe('a');
  });
});

describe('rankings and pairwise undo', () => {
  it('undo on /label never removes one pair out of a saved ranking', async () => {
    const db = fresh();
    const ada = await seed(db);
    await db.comparisons.where('id').anyOf(['c1', 'c2']).delete();
    // Only ranking pairs remain for Ada: pairwise undo has nothing to remove.
    expect(await undoLast(db, ada.id, 'd1')).toMatchObject({ kind: 'skip' });
    expect(await undoLast(db, ada.id, 'd1')).toBeNull();
    expect((await db.comparisons.toArray()).filter((c) => c.rankingId === 'rank1')).toHaveLength(3);
  });
});

describe('bad files never touch the database', () => {
  it('random and mutated bundle files: parsing and planning never throw and never change stored data', async () => {
    const fc = await import('fast-check');
    const db = fresh();
    await seed(db);
    const before = await dump(db);
    const valid = exportSession(await buildSessionBundle(db));
    const mutated = fc.oneof(
      fc.string(),
      fc.nat(valid.length).map((n) => valid.slice(0, n)),
      fc
        .tuple(fc.nat(valid.length - 1), fc.string({ minLength: 1, maxLength: 3 }))
        .map(([i, t]) => valid.slice(0, i) + t + valid.slice(i + 1)),
      fc
        .constantFrom('"outcome": "a"', '"createdAt": 5', '"annotatorId"')
        .map((f) => valid.replace(f, '"x": {}')),
    );
    await fc.assert(
      fc.asyncProperty(mutated, async (text) => {
        const result = parseFile('mutated.json', text);
        const plan = await planImport(db, batchFromResult(result));
        expect(plan).toBeDefined();
        for (const issue of result.issues) expect(issue.line).toBeGreaterThan(0);
      }),
      { numRuns: 150 },
    );
    expect(await dump(db)).toEqual(before);
  });
});
