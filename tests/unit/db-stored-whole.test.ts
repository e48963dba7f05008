// Stored data stays whole (issue 10): a bundle's runs are checked as strictly as the app reads them, and a
// damaged stored run is reported, not thrown; an import never makes a stored row poorer (raw labels
// export → import is a byte-identical no-op, a real conflict is shown with both values and applied only
// on "replace"); a cancelled write says truthfully whether it committed; a model whose weights would
// overflow is refused when loaded.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createGoodhartDb, type GoodhartDb } from '../../lib/db/db';
import { loadExportInput } from '../../lib/db/export';
import { batchFromResult, commitImport, planImport } from '../../lib/db/import';
import { mergeRow } from '../../lib/db/merge';
import { writeBatch } from '../../lib/db/repo';
import { getRun, listRuns } from '../../lib/db/runs';
import { exportLabelsJsonl } from '../../lib/core/formats/export';
import { exportSession } from '../../lib/core/formats/session';
import { parseFile } from '../../lib/core/formats/parse';
import { checkModelFile, parseModelFile } from '../../lib/core/reward-model/model-file';
import { parseRunRecord } from '../../lib/core/reward-model/run-record';
import type { Comparison, DatasetFile } from '../../lib/core/types';
import { validRun } from './run-fixture';
import { bundleWithModels } from './bundle-fixture';

let n = 0;
const fresh = () => createGoodhartDb(`whole-${Date.now()}-${n++}`);

/** Every table, as JSON text (byte-for-byte what is stored, key order included). */
async function dump(db: GoodhartDb): Promise<string> {
  const out: Record<string, unknown[]> = {};
  for (const t of db.tables.map((x) => x.name).sort()) out[t] = await db.table(t).orderBy(':id').toArray();
  return JSON.stringify(out);
}

/** A dataset with gold, style tags, categories, a real description and source; `k` prompts. */
function dataset(id: string, k: number): DatasetFile {
  return {
    format: 'goodhart-dataset',
    version: 1,
    dataset: { id, name: `Data ${id}`, description: 'hand written', source: 'builtin:test', created: 100 },
    prompts: Array.from({ length: k }, (_, i) => ({
      id: `${id}-p${i}`,
      datasetId: id,
      text: `Question ${i}?`,
      category: i % 2 ? 'science' : 'code',
    })),
    responses: Array.from({ length: k }, (_, i) => [
      {
        id: `${id}-p${i}-r1`,
        promptId: `${id}-p${i}`,
        datasetId: id,
        text: `Right ${i}.`,
        correct: true,
        goldScore: 0.9,
        source: 'model-x',
        tags: ['style:hedged'],
      },
      {
        id: `${id}-p${i}-r2`,
        promptId: `${id}-p${i}`,
        datasetId: id,
        text: `**Wrong ${i}.**`,
        correct: false,
        tags: ['style:fluent'],
      },
    ]).flat(),
  };
}

async function seed(db: GoodhartDb, k: number) {
  const ds = dataset('d1', k);
  const ann = { id: 'ann-ada', name: 'Ada', kind: 'human' as const, created: 3 };
  const comparisons: Comparison[] = ds.prompts.slice(0, 12).map((p, i) => ({
    id: `c${i}`,
    datasetId: 'd1',
    promptId: p.id,
    aId: `${p.id}-r2`,
    bId: `${p.id}-r1`,
    outcome: i % 3 ? 'a' : 'tie',
    ...(i % 2 ? { strength: 3 as const, rationale: 'confident' } : {}),
    ...(i === 5 ? { repeatOf: 'c4' } : {}),
    annotatorId: ann.id,
    createdAt: 10 + i,
    durationMs: 700 + i,
  }));
  await writeBatch(db, {
    datasets: [ds.dataset],
    prompts: ds.prompts,
    responses: ds.responses,
    comparisons,
    annotators: [ann],
  });
}

async function labelsText(db: GoodhartDb): Promise<string> {
  const input = await loadExportInput(db, 'd1');
  if (!input) throw new Error('no dataset');
  return exportLabelsJsonl(input);
}

describe('raw labels export → import is loss-free', () => {
  for (const [what, k] of [
    ['rows', 20],
    ['packs (a bulk-imported dataset)', 600],
  ] as const)
    it(`re-importing the app's own labels export leaves every table byte-identical (${what})`, async () => {
      const db = fresh();
      await seed(db, k);
      if (k > 100) expect(await db.packs.count()).toBeGreaterThan(0);
      const before = await dump(db);
      const text = await labelsText(db);
      const result = parseFile('ada-labels.jsonl', text, { now: 999 });
      expect(result.issues).toEqual([]);
      const batch = batchFromResult(result);
      const plan = await planImport(db, batch);
      for (const t of ['datasets', 'prompts', 'responses', 'comparisons'] as const)
        expect(plan.tables[t], t).toMatchObject({ added: 0, filled: 0, conflicts: 0 });
      expect(plan.conflictExamples).toEqual([]);
      const res = await commitImport(db, batch);
      expect(res).toMatchObject({ committed: true, keptConflicts: 0 });
      expect(await dump(db)).toBe(before);
    });

  it('a labels file into a dataset not stored yet still creates it (defaults apply to new rows)', async () => {
    const db = fresh();
    await seed(db, 5);
    const text = await labelsText(db);
    const other = fresh();
    await commitImport(other, batchFromResult(parseFile('ada.jsonl', text, { now: 999 })));
    expect(await other.datasets.get('d1')).toMatchObject({
      name: 'Data d1',
      description: 'Labels imported from ada.jsonl',
    });
    expect(await other.comparisons.count()).toBe(5);
  });
});

describe('the merge rule', () => {
  it('keeps stored fields the incoming row lacks, adds new ones, reports differing ones with both values', () => {
    type Row = { id: string; text: string; tags?: string[]; correct?: boolean };
    const stored: Row = { id: 'r', text: 't', tags: ['style:fluent'], correct: true };
    expect(mergeRow<Row>(stored, { id: 'r', text: 't', tags: ['style:fluent'] })).toEqual({
      kind: 'unchanged',
    });
    expect(mergeRow<Row>(stored, { id: 'r', text: 't', tags: [] }, { tags: [] })).toEqual({
      kind: 'unchanged',
    });
    expect(mergeRow<Row>({ id: 'r', text: 't' }, { id: 'r', text: 't', correct: false })).toEqual({
      kind: 'filled',
      merged: { id: 'r', text: 't', correct: false },
      fields: ['correct'],
    });
    expect(mergeRow<Row>(stored, { id: 'r', text: 'other', tags: [] })).toEqual({
      kind: 'conflict',
      conflicts: [
        { field: 'text', stored: 't', incoming: 'other' },
        { field: 'tags', stored: ['style:fluent'], incoming: [] },
      ],
      replaced: { id: 'r', text: 'other', tags: [], correct: true },
    });
  });

  it('an edited labels file is a conflict: shown with both values, not applied unless replaced', async () => {
    const db = fresh();
    await seed(db, 5);
    const text = (await labelsText(db)).replace('"response_a":"**Wrong 0.**"', '"response_a":"Edited."');
    const batch = batchFromResult(parseFile('edited.jsonl', text, { now: 999 }));
    const plan = await planImport(db, batch);
    expect(plan.tables.responses).toMatchObject({ conflicts: 1 });
    expect(plan.conflictExamples).toEqual([
      {
        table: 'responses',
        id: 'd1-p0-r2',
        fields: [{ field: 'text', stored: '"**Wrong 0.**"', incoming: '"Edited."' }],
      },
    ]);
    const before = await dump(db);
    expect(await commitImport(db, batch)).toMatchObject({ committed: true, keptConflicts: 1 });
    expect(await dump(db)).toBe(before);
    await commitImport(db, batch, undefined, { replace: true });
    // Replaced, and the gold and tags the file lacks are kept.
    expect(await db.responses.get('d1-p0-r2')).toEqual({
      id: 'd1-p0-r2',
      promptId: 'd1-p0',
      datasetId: 'd1',
      text: 'Edited.',
      correct: false,
      tags: ['style:fluent'],
    });
  });
});

describe('runs are checked as the app reads them', () => {
  const hostile = bundleWithModels;

  it('a bundle run with empty metrics and nonsense weights is refused, naming the run and the field', async () => {
    const bad = {
      ...validRun('evil', 'd1', { name: 'Evil run' }),
      metrics: {},
      model: { weights: 'nonsense' },
    };
    const text = hostile([validRun('good', 'd1'), bad]);
    const r = parseFile('hostile.json', text);
    const errors = r.issues.filter((i) => i.severity === 'error');
    expect(errors).toContainEqual(
      expect.objectContaining({
        field: 'models.1.metrics.heldOut',
        message: 'run "Evil run": missing "heldOut"',
      }),
    );
    expect(
      errors.some((i) => i.field?.startsWith('models.1.model.') && i.message.startsWith('run "Evil run"')),
    ).toBe(true);
    for (const e of errors) expect(e.line).toBeGreaterThan(1);
    expect(r.session?.models.map((m) => m.id)).toEqual(['good']);
    // The valid rows alone may be imported: the damaged run never reaches the database.
    const db = fresh();
    await commitImport(db, batchFromResult(r));
    expect((await db.runs.toArray()).map((x) => x.id)).toEqual(['good']);
  });

  it('a model with a 1e308 weight, or an unknown feature layout, is refused in a bundle', () => {
    const huge = validRun('huge', 'd1', {}, 1e308);
    const r = parseFile('huge.json', hostile([huge]));
    expect(r.issues).toContainEqual(
      expect.objectContaining({
        field: 'models.0.model.weights.w.0',
        message: expect.stringContaining('1e+308 is beyond ±1000000'),
      }),
    );
    expect(r.session?.models).toEqual([]);
  });

  it('a damaged run stored by an older app is listed as damaged with its problems; good runs still read', async () => {
    const db = fresh();
    await db.runs.put(validRun('good', 'd1', { createdAt: 5 }));
    // What the old app let in: any metrics, an unchecked model.
    await (db.runs as unknown as { put: (x: unknown) => Promise<unknown> }).put({
      id: 'old',
      datasetId: 'd1',
      createdAt: 7,
      name: 'Old run',
      config: {},
      metrics: {},
      labelIds: [],
      model: { weights: 'nonsense' },
    });
    const runs = await listRuns(db, 'd1');
    expect(runs.map((r) => [r.id, r.ok])).toEqual([
      ['old', false],
      ['good', true],
    ]);
    const old = await getRun(db, 'old');
    expect(old?.ok).toBe(false);
    if (old && !old.ok) {
      expect(old.name).toBe('Old run');
      expect(old.problems).toContainEqual({ field: 'metrics.heldOut', message: 'missing "heldOut"' });
      expect(old.problems.some((p) => p.field.startsWith('model.'))).toBe(true);
    }
    expect((await getRun(db, 'good'))?.ok).toBe(true);
  });

  it('an imported model file run (metrics: imported) is valid', () => {
    const run = validRun('imp', 'd1', { metrics: { imported: true, heldOut: { n: 3, accuracy: 0.6 } } });
    expect(parseRunRecord(run).ok).toBe(true);
    const round = parseFile('s.json', hostile([run]));
    expect(round.issues).toEqual([]);
    expect(round.session?.models).toEqual([run]);
    expect(exportSession(round.session!)).toContain('"imported": true');
  });
});

describe('model files whose rewards would overflow', () => {
  it('a 1e308 weight is refused with its field; an infinite one is refused by the schema', () => {
    const model = validRun('m', 'd1', {}, 1e308).model;
    const r = checkModelFile(model);
    expect(r).toEqual({
      ok: false,
      errors: ['weights.w.0: 1e+308 is beyond ±1000000: the weights are damaged (rewards would overflow)'],
    });
    const text = JSON.stringify(validRun('m', 'd1').model).replace('"b":0', '"b":1e309');
    const parsed = parseModelFile(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors.join(' ')).toContain('weights.b');
    expect(checkModelFile(validRun('m', 'd1', {}, 3).model).ok).toBe(true);
  });
});

describe('cancelling an import write', () => {
  it('a cancel before the transaction commits writes nothing and says so', async () => {
    const db = fresh();
    await seed(db, 5);
    const before = await dump(db);
    const batch = batchFromResult(parseFile('s.json', exportSession(await bundleOf(dataset('d2', 30)))));
    const abort = new AbortController();
    // Cancel at the very last progress report: every row has been put, the transaction has not committed.
    const res = await commitImport(
      db,
      batch,
      (written, total) => {
        if (written === total) abort.abort();
      },
      { signal: abort.signal },
    );
    expect(res).toEqual({ committed: false });
    expect(await dump(db)).toBe(before);
  });

  it('a cancel that comes after the commit is reported as committed, with the rows written', async () => {
    const db = fresh();
    const batch = batchFromResult(parseFile('s.json', exportSession(await bundleOf(dataset('d2', 30)))));
    const abort = new AbortController();
    const res = await commitImport(db, batch, undefined, { signal: abort.signal });
    abort.abort();
    expect(res).toEqual({ committed: true, written: 1 + 30 + 60, keptConflicts: 0 });
    expect(await db.responses.count()).toBe(60);
  });
});

async function bundleOf(file: DatasetFile) {
  return {
    format: 'goodhart-session' as const,
    version: 1 as const,
    exportedAt: 1,
    datasets: [file],
    comparisons: [],
    skips: [],
    annotators: [],
    models: [],
    settings: {},
  };
}
