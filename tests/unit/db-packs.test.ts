// Packed storage (lib/db/packs.ts): a bulk import stored in packs reads back exactly like the same data
// stored as rows, through every reader; re-imports, edits, labels made in the app, rankings, deletes and
// session round trips keep every id in exactly one place.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createGoodhartDb, type GoodhartDb } from '../../lib/db/db';
import { buildSessionBundle, loadDatasetFile, loadExportInput } from '../../lib/db/export';
import { batchFromResult, commitImport, planImport } from '../../lib/db/import';
import { PACK_MIN, PACK_ROWS } from '../../lib/db/packs';
import { addComparison, undoLast } from '../../lib/db/decisions';
import { deleteDataset, writeBatch, type WriteBatch } from '../../lib/db/repo';
import {
  annotatorHistory,
  comparisonsFor,
  countLabels,
  datasetSummaries,
  loadPool,
} from '../../lib/db/queries';
import { addRanking, deleteRanking } from '../../lib/db/rankings';
import { exportSession } from '../../lib/core/formats/session';
import { parseFile } from '../../lib/core/formats/parse';
import type { Comparison, Prompt, Response } from '../../lib/core/types';

let n = 0;
const fresh = () => createGoodhartDb(`packs-${Date.now()}-${n++}`);

/** A bulk batch: `prompts` prompts with 2 responses each and one comparison each by two annotators. */
function bulk(id: string, prompts: number): WriteBatch {
  const batch: Required<
    Pick<WriteBatch, 'datasets' | 'prompts' | 'responses' | 'comparisons' | 'annotators'>
  > = {
    datasets: [{ id, name: id, description: '', source: 'test', created: 1 }],
    prompts: [],
    responses: [],
    comparisons: [],
    annotators: [
      { id: 'ann-a', name: 'A', kind: 'human', created: 1 },
      { id: 'ann-b', name: 'B', kind: 'human', created: 1 },
    ],
  };
  for (let p = 0; p < prompts; p++) {
    const pid = `${id}-p${String(p).padStart(5, '0')}`;
    batch.prompts.push({ id: pid, datasetId: id, text: `prompt ${p}`, category: p % 2 ? 'odd' : 'even' });
    for (let r = 0; r < 2; r++)
      batch.responses.push({
        id: `${pid}-r${r}`,
        promptId: pid,
        datasetId: id,
        text: `answer ${p}.${r}`,
        tags: [],
      });
    batch.comparisons.push({
      id: `${pid}-c`,
      datasetId: id,
      promptId: pid,
      aId: `${pid}-r0`,
      bId: `${pid}-r1`,
      outcome: p % 3 ? 'a' : 'b',
      annotatorId: p % 4 ? 'ann-a' : 'ann-b',
      createdAt: 1000 + (p % 50), // many ties: order must still be deterministic
      durationMs: 0,
    });
  }
  return batch;
}

/** The same batch written as rows: small writes, so the dataset gets prompt rows first and never packs. */
async function writeAsRows(db: GoodhartDb, batch: WriteBatch): Promise<void> {
  await writeBatch(db, { datasets: batch.datasets, annotators: batch.annotators });
  const all = [
    ...(batch.prompts ?? []).map((r) => ['prompts', r] as const),
    ...(batch.responses ?? []).map((r) => ['responses', r] as const),
    ...(batch.comparisons ?? []).map((r) => ['comparisons', r] as const),
  ];
  for (let i = 0; i < all.length; i += 400) {
    const part = all.slice(i, i + 400);
    await writeBatch(db, {
      prompts: part.filter(([t]) => t === 'prompts').map(([, r]) => r as Prompt),
      responses: part.filter(([t]) => t === 'responses').map(([, r]) => r as Response),
      comparisons: part.filter(([t]) => t === 'comparisons').map(([, r]) => r as Comparison),
    });
  }
}

async function readers(db: GoodhartDb, id: string) {
  const pool = await loadPool(db, id);
  const bundle = await buildSessionBundle(db);
  return {
    summaries: await datasetSummaries(db),
    pool: {
      prompts: [...pool.prompts].sort((a, b) => (a.id < b.id ? -1 : 1)),
      responses: [...pool.responses].sort((a, b) => (a.id < b.id ? -1 : 1)),
    },
    all: await comparisonsFor(db, id).then((c) => c.map((x) => x.id).sort()),
    onlyB: await comparisonsFor(db, id, ['ann-b']).then((c) => c.map((x) => x.id).sort()),
    historyA: await annotatorHistory(db, 'ann-a', id),
    countA: await countLabels(db, 'ann-a', id),
    countB: await countLabels(db, 'ann-b', id),
    file: await loadDatasetFile(db, id),
    exportB: await loadExportInput(db, id, ['ann-b']),
    bundle: { ...bundle, exportedAt: 0 },
  };
}

describe('packed storage', () => {
  it('a bulk import is packed and reads back exactly like the same data stored as rows', async () => {
    const batch = bulk('hh', 3000); // 12,000 rows → packs of PACK_ROWS
    const packed = fresh();
    await writeBatch(packed, batch);
    expect(await packed.prompts.count()).toBe(0);
    expect(await packed.responses.count()).toBe(0);
    expect(await packed.comparisons.count()).toBe(0);
    expect(await packed.packs.count()).toBe(1 + Math.ceil(6000 / PACK_ROWS) + 1);

    const rows = fresh();
    await writeAsRows(rows, batch);
    expect(await rows.packs.count()).toBe(0);
    expect(await rows.prompts.count()).toBe(3000);

    const a = await readers(packed, 'hh');
    const b = await readers(rows, 'hh');
    expect(a).toEqual(b);
    expect(a.summaries[0]).toMatchObject({ prompts: 3000, responses: 6000, labels: 3000 });
    expect(a.summaries[0].byAnnotator).toEqual({ 'ann-a': 2250, 'ann-b': 750 });
    expect(a.countA).toBe(2250);
    expect(a.historyA.comparisons.map((c) => c.createdAt)).toEqual(
      [...a.historyA.comparisons.map((c) => c.createdAt)].sort((x, y) => x - y),
    );
    packed.close();
    rows.close();
  });

  it('small writes stay rows; the threshold is PACK_MIN rows of one dataset in one write', async () => {
    const db = fresh();
    await writeBatch(db, bulk('small', Math.floor((PACK_MIN - 1) / 4)));
    expect(await db.packs.count()).toBe(0);
    await writeBatch(db, bulk('big', Math.ceil(PACK_MIN / 4)));
    expect(await db.packHeads.where('datasetId').equals('big').count()).toBe(3);
    db.close();
  });

  it('re-importing the same bulk file is a no-op, and the plan says every row is unchanged', async () => {
    const db = fresh();
    const batch = bulk('hh', 1500);
    await writeBatch(db, batch);
    const before = await readers(db, 'hh');
    const packsBefore = await db.packs.toArray();
    const plan = await planImport(db, batch);
    expect(plan.tables.prompts).toEqual({
      incoming: 1500,
      added: 0,
      unchanged: 1500,
      filled: 0,
      conflicts: 0,
    });
    expect(plan.tables.responses).toMatchObject({ added: 0, unchanged: 3000, conflicts: 0 });
    expect(plan.tables.comparisons).toMatchObject({ added: 0, unchanged: 1500, conflicts: 0 });
    await writeBatch(db, batch);
    expect(await db.packs.toArray()).toEqual(packsBefore);
    expect(await readers(db, 'hh')).toEqual(before);
    db.close();
  });

  it('a changed row replaces its packed copy (reported as a conflict first); new rows join new packs', async () => {
    const db = fresh();
    const batch = bulk('hh', 1500);
    await writeBatch(db, batch);
    const edited: Response = { ...batch.responses![7], text: 'edited', correct: true };
    const added: Prompt = { id: 'hh-new', datasetId: 'hh', text: 'new prompt', category: 'x' };
    const plan = await planImport(db, { responses: [edited], prompts: [added] });
    expect(plan.tables.responses).toEqual({ incoming: 1, added: 0, unchanged: 0, filled: 0, conflicts: 1 });
    expect(plan.tables.prompts).toEqual({ incoming: 1, added: 1, unchanged: 0, filled: 0, conflicts: 0 });
    expect(plan.conflictExamples).toEqual([
      {
        table: 'responses',
        id: edited.id,
        fields: [{ field: 'text', stored: JSON.stringify(batch.responses![7].text), incoming: '"edited"' }],
      },
    ]);
    await writeBatch(db, { responses: [edited], prompts: [added] });
    const pool = await loadPool(db, 'hh');
    expect(pool.responses).toHaveLength(3000);
    expect(pool.responses.filter((r) => r.id === edited.id)).toEqual([edited]);
    expect(pool.prompts).toHaveLength(1501);
    expect(await db.prompts.count()).toBe(0); // still packed: a packed dataset never gets prompt rows
    const [s] = await datasetSummaries(db);
    expect(s).toMatchObject({ prompts: 1501, responses: 3000, labels: 1500 });
    db.close();
  });

  it('labels made in the app are rows beside the packs; undo removes only them', async () => {
    const db = fresh();
    await writeBatch(db, bulk('hh', 1500));
    const mine: Comparison = {
      id: 'mine-1',
      datasetId: 'hh',
      promptId: 'hh-p00000',
      aId: 'hh-p00000-r0',
      bId: 'hh-p00000-r1',
      outcome: 'tie',
      annotatorId: 'ann-a',
      createdAt: 5000,
      durationMs: 900,
    };
    await addComparison(db, mine);
    expect(await countLabels(db, 'ann-a', 'hh')).toBe(1125 + 1);
    const history = await annotatorHistory(db, 'ann-a', 'hh');
    expect(history.comparisons.at(-1)).toEqual(mine);
    expect(await undoLast(db, 'ann-a', 'hh')).toEqual({ kind: 'comparison', record: mine });
    // Imported labels are not undone from the labeling page.
    expect(await undoLast(db, 'ann-a', 'hh')).toBeNull();
    expect(await countLabels(db, 'ann-a', 'hh')).toBe(1125);
    db.close();
  });

  it('an imported comparison already stored as a row stays a row (no duplicate in a pack)', async () => {
    const db = fresh();
    const batch = bulk('hh', 1500);
    await writeBatch(db, { datasets: batch.datasets, annotators: batch.annotators });
    await addComparison(db, batch.comparisons![0]);
    await writeBatch(db, batch);
    expect(await db.comparisons.count()).toBe(1);
    expect(await comparisonsFor(db, 'hh')).toHaveLength(1500);
    expect((await datasetSummaries(db))[0].labels).toBe(1500);
    db.close();
  });

  it("a ranking's expanded pairs stay rows even in a packed dataset, and its deletion removes them", async () => {
    const db = fresh();
    await writeBatch(db, bulk('hh', 1500));
    await addRanking(db, {
      id: 'rank-1',
      datasetId: 'hh',
      promptId: 'hh-p00001',
      annotatorId: 'ann-b',
      createdAt: 9000,
      durationMs: 1,
      tiers: [['hh-p00001-r0'], ['hh-p00001-r1']],
    });
    expect(await db.comparisons.count()).toBe(1);
    expect(await countLabels(db, 'ann-b', 'hh')).toBe(376);
    expect(await deleteRanking(db, 'rank-1')).toBe(true);
    expect(await countLabels(db, 'ann-b', 'hh')).toBe(375);
    expect(await comparisonsFor(db, 'hh')).toHaveLength(1500);
    db.close();
  });

  it('deleting a packed dataset removes its packs and heads and nothing else', async () => {
    const db = fresh();
    await writeBatch(db, bulk('one', 1500));
    await writeBatch(db, bulk('two', 1500));
    const two = await readers(db, 'two');
    await deleteDataset(db, 'one');
    expect(await db.packs.where('datasetId').equals('one').count()).toBe(0);
    expect(await db.packHeads.where('datasetId').equals('one').count()).toBe(0);
    expect(await loadPool(db, 'one')).toEqual({ prompts: [], responses: [] });
    const after = await readers(db, 'two');
    expect(after.pool).toEqual(two.pool);
    expect(after.all).toEqual(two.all);
    db.close();
  });

  it('a session with a packed dataset round-trips exactly: export → wipe → import → export', async () => {
    const db = fresh();
    await writeBatch(db, bulk('hh', 1500));
    const first = await buildSessionBundle(db);
    const text = exportSession(first);
    const wiped = fresh();
    const result = parseFile('session.goodhart.json', text);
    expect(result.issues.filter((i) => i.severity === 'error')).toEqual([]);
    await commitImport(wiped, batchFromResult(result));
    expect(await wiped.packs.count()).toBeGreaterThan(0);
    const second = await buildSessionBundle(wiped);
    expect({ ...second, exportedAt: 0 }).toEqual({ ...first, exportedAt: 0 });
    db.close();
    wiped.close();
  });
});
