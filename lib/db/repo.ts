/**
 * Repository writes: every write the app and the importers make (and the annotator and run lookups that go
 * with them). Bulk writes go in chunks inside one transaction, so an import either lands whole or not at
 * all. Errors become StorageError. Datasets imported in bulk keep their rows in packs (lib/db/packs.ts);
 * the reads that return rows and packs together are in lib/db/queries.ts.
 */
import type Dexie from 'dexie';
import type {
  Annotator,
  Comparison,
  DatasetFile,
  Dataset,
  Prompt,
  Ranking,
  Response,
  Skip,
} from '../core/types';
import { pairKey } from '../core/types';
import type { GoodhartDb, RunRecord } from './db';
import { AlreadyDecidedError, CancelledError, guard } from './errors';
import { deletePacks, writeDatasetRows, type DatasetRows } from './packs';
import { annotatorRange } from './queries';
import { damagedRunLabel, parseRunRecord, type RunProblem } from '../core/reward-model/run-record';

/** Rows per bulk write: a few hundred keeps each IndexedDB request short (dexie#1058). */
export const CHUNK = 500;

/** Rows of one import or bundle, written in a single transaction. */
export interface WriteBatch {
  datasets?: Dataset[];
  prompts?: Prompt[];
  responses?: Response[];
  comparisons?: Comparison[];
  skips?: Skip[];
  annotators?: Annotator[];
  runs?: RunRecord[];
  rankings?: Ranking[];
}

/** Every table that holds a dataset or rows hanging off one (the scope of dataset-wide writes). */
const datasetTables = (db: GoodhartDb) => [
  db.datasets,
  db.prompts,
  db.responses,
  db.comparisons,
  db.skips,
  db.runs,
  db.rankings,
  db.packs,
  db.packHeads,
];

async function bulkPutChunked<T>(
  table: Dexie.Table<T, string>,
  rows: readonly T[],
  onRows?: (n: number) => void,
): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    await table.bulkPut(chunk);
    onRows?.(chunk.length);
  }
}

/** Options of {@link writeBatch}. */
export interface WriteOptions {
  /** Cancels the write: checked before each chunk and once more before the transaction commits. */
  signal?: AbortSignal;
  /**
   * Decides, inside the transaction and after annotators are matched by name, which rows are written
   * (an import's merge with what is stored, lib/db/import.ts).
   */
  resolve?: (batch: WriteBatch) => Promise<WriteBatch>;
}

const batchRows = (b: WriteBatch) =>
  (b.datasets?.length ?? 0) +
  (b.prompts?.length ?? 0) +
  (b.responses?.length ?? 0) +
  (b.comparisons?.length ?? 0) +
  (b.skips?.length ?? 0) +
  (b.runs?.length ?? 0) +
  (b.rankings?.length ?? 0);

/**
 * Write a batch atomically; resolves with the number of records written once the transaction has
 * committed. Annotators are matched by name (unique): a batch annotator whose name already exists under
 * another id is remapped to the existing id in the batch's comparisons, skips and rankings. A cancel
 * (`opts.signal`) rejects with CancelledError and writes nothing.
 */
export async function writeBatch(
  db: GoodhartDb,
  batch: WriteBatch,
  onProgress?: (written: number, total: number) => void,
  opts: WriteOptions = {},
): Promise<number> {
  const checkCancel = () => {
    if (opts.signal?.aborted) throw new CancelledError();
  };
  return guard(() =>
    db.transaction('rw', [...datasetTables(db), db.annotators], async () => {
      checkCancel();
      const remap = new Map<string, string>();
      let newAnnotators = 0;
      for (const a of batch.annotators ?? []) {
        const existing = await db.annotators.where('name').equals(a.name).first();
        if (existing && existing.id !== a.id) remap.set(a.id, existing.id);
        else if (!existing) {
          await db.annotators.put(a);
          newAnnotators++;
        }
      }
      const fix = <T extends { annotatorId: string }>(rows: readonly T[] | undefined): T[] =>
        (rows ?? []).map((r) =>
          remap.has(r.annotatorId) ? { ...r, annotatorId: remap.get(r.annotatorId)! } : r,
        );
      const fixed: WriteBatch = {
        ...batch,
        comparisons: fix(batch.comparisons),
        skips: fix(batch.skips),
        rankings: fix(batch.rankings),
      };
      const rows = opts.resolve ? await opts.resolve(fixed) : fixed;
      const total = batchRows(rows) + newAnnotators;
      let written = newAnnotators;
      const tick = (n: number) => {
        checkCancel();
        written += n;
        onProgress?.(written, total);
      };
      await bulkPutChunked(db.datasets, rows.datasets ?? [], tick);
      // Prompts, responses and comparisons per dataset: rows, or packs for a bulk import.
      const comparisons = rows.comparisons ?? [];
      const groups = new Map<string, DatasetRows>();
      const group = (id: string) => {
        let g = groups.get(id);
        if (!g) groups.set(id, (g = { prompts: [], responses: [], comparisons: [] }));
        return g;
      };
      for (const p of rows.prompts ?? []) group(p.datasetId).prompts.push(p);
      for (const r of rows.responses ?? []) group(r.datasetId).responses.push(r);
      // A ranking's expanded pairs are written and removed with the ranking: always rows.
      for (const c of comparisons) if (!c.rankingId) group(c.datasetId).comparisons.push(c);
      const putRows = <T>(table: 'prompts' | 'responses' | 'comparisons', rows: readonly T[]) =>
        bulkPutChunked(db.table<T, string>(table), rows, tick);
      for (const [datasetId, g] of groups) await writeDatasetRows(db, datasetId, g, putRows, tick);
      await bulkPutChunked(
        db.comparisons,
        comparisons.filter((c) => c.rankingId),
        tick,
      );
      await bulkPutChunked(db.skips, rows.skips ?? [], tick);
      await bulkPutChunked(db.runs, rows.runs ?? [], tick);
      await bulkPutChunked(db.rankings, rows.rankings ?? [], tick);
      checkCancel();
      return written;
    }),
  );
}

/** Insert or replace a whole dataset file in one transaction. */
export async function putDatasetFile(db: GoodhartDb, file: DatasetFile): Promise<void> {
  await writeBatch(db, { datasets: [file.dataset], prompts: file.prompts, responses: file.responses });
}

/** Delete a dataset and everything that hangs off it (prompts, responses, labels, skips, runs). */
export async function deleteDataset(db: GoodhartDb, datasetId: string): Promise<void> {
  await guard(() =>
    db.transaction('rw', datasetTables(db), async () => {
      await deletePacks(db, datasetId);
      await db.rankings.where('datasetId').equals(datasetId).delete();
      await db.prompts.where('datasetId').equals(datasetId).delete();
      await db.responses.where('datasetId').equals(datasetId).delete();
      await db.comparisons.where('datasetId').equals(datasetId).delete();
      await db.skips.where('datasetId').equals(datasetId).delete();
      await db.runs.where('datasetId').equals(datasetId).delete();
      await db.datasets.delete(datasetId);
    }),
  );
}

/** Install a built-in dataset if it is absent. Safe when two tabs race: the check and write share a transaction. */
export async function ensureDataset(db: GoodhartDb, file: DatasetFile): Promise<boolean> {
  return guard(() =>
    db.transaction('rw', [db.datasets, db.prompts, db.responses, db.meta], async () => {
      const marker = `installed:${file.dataset.id}`;
      if (await db.meta.get(marker)) return false;
      if (!(await db.datasets.get(file.dataset.id))) {
        await db.datasets.put(file.dataset);
        await bulkPutChunked(db.prompts, file.prompts);
        await bulkPutChunked(db.responses, file.responses);
      }
      await db.meta.put({ key: marker, value: Date.now() });
      return true;
    }),
  );
}

/**
 * Restore a built-in dataset's prompts and responses to the shipped version, leaving every other dataset
 * untouched. Labels on it are kept unless `deleteLabels` is set.
 */
export async function resetDataset(
  db: GoodhartDb,
  file: DatasetFile,
  opts: { deleteLabels?: boolean } = {},
): Promise<void> {
  const id = file.dataset.id;
  await guard(() =>
    db.transaction('rw', [...datasetTables(db), db.meta], async () => {
      await db.prompts.where('datasetId').equals(id).delete();
      await db.responses.where('datasetId').equals(id).delete();
      await deletePacks(db, id, opts.deleteLabels ? undefined : ['prompts', 'responses']);
      if (opts.deleteLabels) {
        await db.comparisons.where('datasetId').equals(id).delete();
        await db.skips.where('datasetId').equals(id).delete();
        await db.rankings.where('datasetId').equals(id).delete();
      }
      await db.datasets.put(file.dataset);
      await bulkPutChunked(db.prompts, file.prompts);
      await bulkPutChunked(db.responses, file.responses);
      await db.meta.put({ key: `installed:${id}`, value: Date.now() });
    }),
  );
}

/** Find an annotator by name, creating it if needed. */
export async function getOrCreateAnnotator(
  db: GoodhartDb,
  name: string,
  kind: Annotator['kind'] = 'human',
): Promise<Annotator> {
  const clean = name.trim();
  if (!clean) throw new Error('An annotator needs a name.');
  return guard(() =>
    db.transaction('rw', db.annotators, async () => {
      const existing = await db.annotators.where('name').equals(clean).first();
      if (existing) return existing;
      const annotator: Annotator = { id: newId(), name: clean, kind, created: Date.now() };
      await db.annotators.add(annotator);
      return annotator;
    }),
  );
}

/** Save one judgment; resolves once it is durable in IndexedDB. */
export async function addComparison(db: GoodhartDb, c: Comparison): Promise<void> {
  await guard(() => db.comparisons.add(c));
}

/** Shown when a judgment is refused because this annotator's judgment of the pair is already stored. */
export const ALREADY_JUDGED =
  'This pair was already judged in another tab: the first judgment was kept and this one was not saved.';

/** Shown when a judgment is refused because this annotator's skip of the pair is already stored. */
export const ALREADY_SKIPPED_NOT_JUDGED =
  'This pair was already skipped in another tab: the skip was kept and this judgment was not saved.';

/** Shown when a skip is refused because this annotator's judgment of the pair is already stored. */
export const ALREADY_JUDGED_NOT_SKIPPED =
  'This pair was already judged in another tab: the judgment was kept and this skip was not saved.';

/** Shown when a skip is refused because this annotator's skip of the pair is already stored. */
export const ALREADY_SKIPPED =
  'This pair was already skipped in another tab: the first skip was kept and this one was not saved.';

/**
 * The decision (judgment or skip) this annotator already stored for the pair of `d` on its prompt and
 * dataset, either side order; self-audit repeats are not first decisions. Call inside a transaction
 * over both tables.
 */
async function firstDecision(
  db: GoodhartDb,
  d: Pick<Skip, 'datasetId' | 'promptId' | 'aId' | 'bId' | 'annotatorId'>,
): Promise<'judged' | 'skipped' | null> {
  const key = pairKey(d.aId, d.bId);
  const same = (o: Pick<Skip, 'datasetId' | 'aId' | 'bId' | 'annotatorId'>) =>
    o.annotatorId === d.annotatorId && o.datasetId === d.datasetId && pairKey(o.aId, o.bId) === key;
  const judged = await db.comparisons
    .where('promptId')
    .equals(d.promptId)
    .filter((o) => !o.repeatOf && same(o))
    .first();
  if (judged) return 'judged';
  const skipped = await db.skips.where('promptId').equals(d.promptId).filter(same).first();
  return skipped ? 'skipped' : null;
}

/**
 * Save one judgment from the labeling page, first decision wins: in the same transaction as the write,
 * checks that this annotator has neither judged nor skipped this pair (either side order) on this prompt,
 * and otherwise writes nothing and throws {@link AlreadyDecidedError} saying which decision was kept. A
 * self-audit repeat (`repeatOf`) is meant to judge a pair again and is always saved. Resolves once the
 * judgment is durable.
 */
export async function addJudgment(db: GoodhartDb, c: Comparison): Promise<void> {
  const earlier = await guard(() =>
    db.transaction('rw', [db.comparisons, db.skips], async () => {
      const first = c.repeatOf ? null : await firstDecision(db, c);
      if (!first) await db.comparisons.add(c);
      return first;
    }),
  );
  if (earlier === 'judged') throw new AlreadyDecidedError(ALREADY_JUDGED);
  if (earlier === 'skipped') throw new AlreadyDecidedError(ALREADY_SKIPPED_NOT_JUDGED);
}

/**
 * Save one skip from the labeling page, first decision wins (a skip is a decision): in the same
 * transaction as the write, checks that this annotator has neither judged nor skipped this pair, and
 * otherwise writes nothing and throws {@link AlreadyDecidedError} saying which decision was kept. A skip
 * of a self-audit repeat (`repeat`: the pair was judged before, on purpose) is always saved. Resolves once
 * the skip is durable.
 */
export async function addSkip(db: GoodhartDb, s: Skip, opts: { repeat?: boolean } = {}): Promise<void> {
  const earlier = await guard(() =>
    db.transaction('rw', [db.comparisons, db.skips], async () => {
      const first = opts.repeat ? null : await firstDecision(db, s);
      if (!first) await db.skips.add(s);
      return first;
    }),
  );
  if (earlier === 'judged') throw new AlreadyDecidedError(ALREADY_JUDGED_NOT_SKIPPED);
  if (earlier === 'skipped') throw new AlreadyDecidedError(ALREADY_SKIPPED);
}

/** Undo the annotator's most recent decision (comparison or skip) on a dataset; returns what was removed. */
export async function undoLast(
  db: GoodhartDb,
  annotatorId: string,
  datasetId: string,
): Promise<{ kind: 'comparison'; record: Comparison } | { kind: 'skip'; record: Skip } | null> {
  return guard(() =>
    db.transaction('rw', [db.comparisons, db.skips], async () => {
      const [lo, hi] = annotatorRange(annotatorId, datasetId);
      // Pairs expanded from a K-way ranking are undone with the ranking (lib/db/rankings.ts), never one by one.
      const lastC = await db.comparisons
        .where('[annotatorId+datasetId+createdAt]')
        .between(lo, hi)
        .filter((c) => !c.rankingId)
        .last();
      const lastS = await db.skips.where('[annotatorId+datasetId+createdAt]').between(lo, hi).last();
      if (lastC && (!lastS || lastC.createdAt >= lastS.createdAt)) {
        await db.comparisons.delete(lastC.id);
        return { kind: 'comparison' as const, record: lastC };
      }
      if (lastS) {
        await db.skips.delete(lastS.id);
        return { kind: 'skip' as const, record: lastS };
      }
      return null;
    }),
  );
}

/** Save a reward-model run. */
export async function saveRun(db: GoodhartDb, run: RunRecord): Promise<void> {
  await guard(() => db.runs.put(run));
}

/**
 * A stored run as read: checked against the run schema (lib/core/reward-model/run-record.ts). A run an older app stored
 * in another shape is `damaged`, with its problems by field, so a page can show it and go on working.
 */
export type StoredRun =
  | { ok: true; id: string; createdAt: number; run: RunRecord }
  | { ok: false; id: string; createdAt: number; name: string; problems: RunProblem[] };

function checkStoredRun(value: unknown, key: string): StoredRun {
  const r = parseRunRecord(value);
  if (r.ok) return { ok: true, id: r.run.id, createdAt: r.run.createdAt, run: r.run };
  const rec = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const createdAt = typeof rec.createdAt === 'number' && Number.isFinite(rec.createdAt) ? rec.createdAt : 0;
  return { ok: false, id: key, createdAt, name: damagedRunLabel(value, key), problems: r.problems };
}

/** Runs on a dataset (or all), newest first, each checked (see {@link StoredRun}). */
export async function listRuns(db: GoodhartDb, datasetId?: string): Promise<StoredRun[]> {
  return guard(async () => {
    // Rows are unchecked until parsed; the table's key path is `id`, so every stored row has one.
    const rows: { id: string }[] = datasetId
      ? await db.runs.where('datasetId').equals(datasetId).toArray()
      : await db.runs.toArray();
    return rows.map((row) => checkStoredRun(row, String(row.id))).sort((a, b) => b.createdAt - a.createdAt);
  });
}

/** One stored run, checked; undefined if there is none with this id. */
export async function getRun(db: GoodhartDb, id: string): Promise<StoredRun | undefined> {
  return guard(async () => {
    const row: unknown = await db.runs.get(id);
    return row === undefined ? undefined : checkStoredRun(row, id);
  });
}

/** Delete one run. */
export async function deleteRun(db: GoodhartDb, id: string): Promise<void> {
  await guard(() => db.runs.delete(id));
}

/** A random id (crypto.randomUUID where available). */
export function newId(): string {
  const c = globalThis.crypto;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}
