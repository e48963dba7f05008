/**
 * Packed storage for bulk imports (schema v4). IndexedDB costs tens of microseconds per record in
 * Chromium whatever the record's size, so a 160,000-pair HH-RLHF file written as 640,000 rows took a
 * minute. A dataset imported in bulk therefore keeps its prompts, responses and imported comparisons in
 * *packs*: records of up to {@link PACK_ROWS} rows of one kind (`packs`), each with a small head holding
 * its row count and comparisons per annotator (`packHeads`), so counts never read the rows.
 *
 * Rules that keep every id in exactly one place:
 * - A dataset is packed when one write brings at least {@link PACK_MIN} of its rows and it has no
 *   prompt or response rows yet; from then on every import into it goes to its packs (rows with an id
 *   already packed replace it in its pack, new ids go to new packs).
 * - Labels made in the app, comparisons expanded from a ranking, and imported comparisons whose id is
 *   already a row stay rows in `comparisons`. So undo, rankings and the labeling page's index queries
 *   work on rows exactly as before; readers (lib/db/repo.ts, export.ts) return rows and packs together.
 * Everything here runs inside the caller's transaction.
 */
import type { Comparison, Prompt, Response } from '../core/types';
import type { GoodhartDb } from './db';

/** The row type of each pack kind. */
export interface PackRowTypes {
  prompts: Prompt;
  responses: Response;
  comparisons: Comparison;
}

export type PackKind = keyof PackRowTypes;

export const PACK_KINDS: readonly PackKind[] = ['prompts', 'responses', 'comparisons'];

/** Rows of one kind in one pack (about 3 MB of HH-RLHF text: large enough that a 160k-pair import is ~160 records). */
export const PACK_ROWS = 4000;

/** Rows of one dataset in one write from which a new dataset is stored packed. */
export const PACK_MIN = 1000;

/** One pack: up to PACK_ROWS rows of one kind of one dataset. */
export interface PackRecord<K extends PackKind = PackKind> {
  id: string;
  datasetId: string;
  kind: K;
  seq: number;
  rows: PackRowTypes[K][];
}

/** What the counts need of a pack, without its rows. */
export interface PackHead {
  id: string;
  datasetId: string;
  kind: PackKind;
  seq: number;
  count: number;
  /** Comparisons per annotator id (comparison packs only; empty otherwise). */
  byAnnotator: Record<string, number>;
}

/** One dataset's share of a write. */
export interface DatasetRows {
  prompts: Prompt[];
  responses: Response[];
  comparisons: Comparison[];
}

const packId = (datasetId: string, kind: PackKind, seq: number) =>
  `${datasetId}/${kind}/${String(seq).padStart(6, '0')}`;

function headOf(p: PackRecord): PackHead {
  const byAnnotator: Record<string, number> = {};
  if (p.kind === 'comparisons')
    for (const c of p.rows as Comparison[])
      byAnnotator[c.annotatorId] = (byAnnotator[c.annotatorId] ?? 0) + 1;
  return { id: p.id, datasetId: p.datasetId, kind: p.kind, seq: p.seq, count: p.rows.length, byAnnotator };
}

/** JSON with object keys sorted: equal for records with the same content whatever their key order. */
export function stableJson(v: unknown): string {
  return JSON.stringify(v, (_k, val: unknown) =>
    val && typeof val === 'object' && !Array.isArray(val)
      ? Object.fromEntries(
          Object.entries(val as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)),
        )
      : val,
  );
}

/** The heads of a dataset's packs (of one kind, or all). */
export async function packHeads(db: GoodhartDb, datasetId: string, kind?: PackKind): Promise<PackHead[]> {
  const heads = await db.packHeads.where('datasetId').equals(datasetId).toArray();
  return kind ? heads.filter((h) => h.kind === kind) : heads;
}

/** Every packed row of one kind of a dataset (pack order, then row order). */
export async function packedRows<K extends PackKind>(
  db: GoodhartDb,
  datasetId: string,
  kind: K,
): Promise<PackRowTypes[K][]> {
  // A few packs per request: each result is deserialised in its own task on the calling thread, so reading a
  // 160k-pair dataset on the page never blocks it for long (one getAll of every pack took ~0.5 s).
  const ids = (await packHeads(db, datasetId, kind)).sort((a, b) => a.seq - b.seq).map((h) => h.id);
  const out: PackRowTypes[K][] = [];
  for (let i = 0; i < ids.length; i += READ_GROUP) {
    const packs = await db.packs.bulkGet(ids.slice(i, i + READ_GROUP));
    // The heads name packs of this kind; the table is typed with the union of row types.
    for (const p of packs) if (p) for (const r of p.rows as PackRowTypes[K][]) out.push(r);
  }
  return out;
}

/** Packs read per request (see packedRows). */
const READ_GROUP = 2;

/**
 * A dataset's packed comparisons, optionally only some annotators': packs whose head shows none of them
 * are not read.
 */
export async function packedComparisons(
  db: GoodhartDb,
  datasetId: string,
  annotatorIds?: readonly string[],
): Promise<Comparison[]> {
  if (!annotatorIds) return packedRows(db, datasetId, 'comparisons');
  const keep = new Set(annotatorIds);
  const heads = (await packHeads(db, datasetId, 'comparisons')).filter((h) =>
    Object.keys(h.byAnnotator).some((a) => keep.has(a)),
  );
  if (!heads.length) return [];
  const packs = (await db.packs.bulkGet(heads.map((h) => h.id))) as (PackRecord<'comparisons'> | undefined)[];
  return packs
    .filter((p): p is PackRecord<'comparisons'> => !!p)
    .sort((a, b) => a.seq - b.seq)
    .flatMap((p) => p.rows.filter((c) => keep.has(c.annotatorId)));
}

/** Every packed comparison of every dataset. */
export async function allPackedComparisons(db: GoodhartDb): Promise<Comparison[]> {
  const heads = (await db.packHeads.toArray()).filter((h) => h.kind === 'comparisons');
  const packs = (await db.packs.bulkGet(heads.map((h) => h.id))) as (PackRecord<'comparisons'> | undefined)[];
  return packs.flatMap((p) => p?.rows ?? []);
}

/** Delete a dataset's packs (of some kinds, default all) and their heads. */
export async function deletePacks(
  db: GoodhartDb,
  datasetId: string,
  kinds: readonly PackKind[] = PACK_KINDS,
): Promise<void> {
  // Pack and head ids are the same (`dataset/kind/seq`); keys only, so no pack's rows are read.
  const ids = (await db.packs.where('datasetId').equals(datasetId).primaryKeys()).filter((id) =>
    kinds.some((k) => id.startsWith(`${datasetId}/${k}/`)),
  );
  const headIds = (await packHeads(db, datasetId)).filter((h) => kinds.includes(h.kind)).map((h) => h.id);
  await db.packs.bulkDelete(ids);
  await db.packHeads.bulkDelete(headIds);
}

/** Whether one write of `rows` to `datasetId` should go to packs (see the rules at the top). */
async function shouldPack(db: GoodhartDb, datasetId: string, rows: DatasetRows, heads: PackHead[]) {
  if (heads.length) return true;
  if (rows.prompts.length + rows.responses.length + rows.comparisons.length < PACK_MIN) return false;
  const [prompts, responses] = await Promise.all([
    db.prompts.where('datasetId').equals(datasetId).count(),
    db.responses.where('datasetId').equals(datasetId).count(),
  ]);
  return prompts === 0 && responses === 0;
}

/** Rows of one kind into a dataset's packs: known ids replaced in place (if changed), new ids appended. */
async function mergeIntoPacks<K extends PackKind>(
  db: GoodhartDb,
  datasetId: string,
  kind: K,
  rows: readonly PackRowTypes[K][],
  heads: readonly PackHead[],
  tick: (n: number) => void,
): Promise<void> {
  if (!rows.length) return;
  const mine = heads.filter((h) => h.kind === kind);
  let fresh: PackRowTypes[K][] = [...rows];
  let seq = mine.reduce((m, h) => Math.max(m, h.seq + 1), 0);
  if (mine.length) {
    const packs = (await db.packs
      .where('[datasetId+kind]')
      .equals([datasetId, kind])
      .toArray()) as PackRecord<K>[];
    const where = new Map<string, { pack: PackRecord<K>; at: number }>();
    for (const pack of packs) pack.rows.forEach((r, at) => where.set(r.id, { pack, at }));
    const dirty = new Set<PackRecord<K>>();
    fresh = [];
    for (const row of rows) {
      const found = where.get(row.id);
      if (!found) fresh.push(row);
      else if (stableJson(found.pack.rows[found.at]) !== stableJson(row)) {
        found.pack.rows[found.at] = row;
        dirty.add(found.pack);
      }
    }
    if (dirty.size) {
      await db.packs.bulkPut([...dirty]);
      await db.packHeads.bulkPut([...dirty].map(headOf));
    }
    tick(rows.length - fresh.length);
  }
  const GROUP = 4; // packs per request: progress every ~16k rows, a few MB of structured clone at a time
  for (let i = 0; i < fresh.length; i += PACK_ROWS * GROUP) {
    const group: PackRecord<K>[] = [];
    for (let j = i; j < Math.min(fresh.length, i + PACK_ROWS * GROUP); j += PACK_ROWS, seq++)
      group.push({
        id: packId(datasetId, kind, seq),
        datasetId,
        kind,
        seq,
        rows: fresh.slice(j, j + PACK_ROWS),
      });
    await db.packs.bulkAdd(group);
    await db.packHeads.bulkAdd(group.map(headOf));
    tick(group.reduce((s, p) => s + p.rows.length, 0));
  }
}

/**
 * Write one dataset's prompts, responses and (non-ranking) comparisons, as rows or into packs by the
 * rules above. Must run inside a rw transaction over prompts, responses, comparisons, packs and packHeads.
 */
export async function writeDatasetRows(
  db: GoodhartDb,
  datasetId: string,
  rows: DatasetRows,
  putRows: <T>(table: 'prompts' | 'responses' | 'comparisons', rows: readonly T[]) => Promise<void>,
  tick: (n: number) => void,
): Promise<void> {
  const heads = await packHeads(db, datasetId);
  if (!(await shouldPack(db, datasetId, rows, heads))) {
    await putRows('prompts', rows.prompts);
    await putRows('responses', rows.responses);
    await putRows('comparisons', rows.comparisons);
    return;
  }
  const rowIds = new Set(await db.comparisons.where('datasetId').equals(datasetId).primaryKeys());
  const asRows = rows.comparisons.filter((c) => rowIds.has(c.id));
  await putRows('comparisons', asRows);
  await mergeIntoPacks(db, datasetId, 'prompts', rows.prompts, heads, tick);
  await mergeIntoPacks(db, datasetId, 'responses', rows.responses, heads, tick);
  await mergeIntoPacks(
    db,
    datasetId,
    'comparisons',
    asRows.length ? rows.comparisons.filter((c) => !rowIds.has(c.id)) : rows.comparisons,
    heads,
    tick,
  );
}

/**
 * Packed rows of one kind, by id, for the datasets given that have packs (planImport compares an import
 * with what is stored). Datasets without packs cost one index lookup.
 */
export async function packedById<K extends PackKind>(
  db: GoodhartDb,
  datasetIds: Iterable<string>,
  kind: K,
): Promise<Map<string, PackRowTypes[K]>> {
  const out = new Map<string, PackRowTypes[K]>();
  for (const d of new Set(datasetIds)) {
    if (!(await db.packHeads.where('datasetId').equals(d).count())) continue;
    for (const r of await packedRows(db, d, kind)) out.set(r.id, r);
  }
  return out;
}
