/**
 * Repository writes for datasets and imports: the batch write every import and bundle goes through, a
 * dataset's install, reset and delete, and the annotator lookup that goes with them. Bulk writes go in
 * chunks inside one transaction, so an import either lands whole or not at all. Errors become StorageError.
 * Datasets imported in bulk keep their rows in packs (lib/db/packs.ts); the reads that return rows and
 * packs together are in lib/db/queries.ts. Labeling decisions are written in lib/db/decisions.ts, runs in
 * lib/db/runs.ts.
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
import type { GoodhartDb, RunRecord } from './db';
import { CancelledError, guard } from './errors';
import { deletePacks, writeDatasetRows, type DatasetRows } from './packs';

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

/** A random id (crypto.randomUUID where available). */
export function newId(): string {
  const c = globalThis.crypto;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}
