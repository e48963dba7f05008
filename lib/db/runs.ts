/**
 * Reward-model runs as stored: save, list, get and delete, each run read back checked against the run
 * schema so a damaged one is shown rather than breaking a page.
 */
import type { GoodhartDb, RunRecord } from './db';
import { guard } from './errors';
import { damagedRunLabel, parseRunRecord, type RunProblem } from '../core/reward-model/run-record';

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
