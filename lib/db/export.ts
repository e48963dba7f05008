/**
 * Reading what an export needs from the database: one dataset as a file, the labels of chosen annotators,
 * and the whole session as a bundle that round-trips exactly (export → wipe → import gives identical data).
 */
import type { SessionBundle } from '../core/formats/session';
import type { Annotator, Comparison, DatasetFile } from '../core/types';
import type { GoodhartDb } from './db';
import { guard } from './errors';
import { allComparisons, byCreated, comparisonsFor, loadPool } from './queries';

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** A stored dataset as a portable file, or undefined if it does not exist. */
export async function loadDatasetFile(db: GoodhartDb, datasetId: string): Promise<DatasetFile | undefined> {
  return guard(async () => {
    const dataset = await db.datasets.get(datasetId);
    if (!dataset) return undefined;
    const pool = await loadPool(db, datasetId);
    const prompts = [...pool.prompts].sort(byId);
    const responses = [...pool.responses].sort(byId);
    return { format: 'goodhart-dataset', version: 1, dataset, prompts, responses };
  });
}

/** Everything an export of one dataset reads: the dataset, its labels (optionally some annotators'), the annotators. */
export async function loadExportInput(
  db: GoodhartDb,
  datasetId: string,
  annotatorIds?: readonly string[],
): Promise<{ dataset: DatasetFile; comparisons: Comparison[]; annotators: Annotator[] } | undefined> {
  const dataset = await loadDatasetFile(db, datasetId);
  if (!dataset) return undefined;
  return guard(async () => {
    const comparisons = (await comparisonsFor(db, datasetId, annotatorIds)).sort(byCreated);
    const annotators = await db.annotators.toArray();
    return { dataset, comparisons, annotators };
  });
}

/**
 * The session bundle: every dataset, label, skip, annotator and model (or, with `annotatorIds`, only those
 * annotators' labels and skips, the datasets they touched, and no models: a participant's hand-in file).
 */
export async function buildSessionBundle(
  db: GoodhartDb,
  opts: { annotatorIds?: readonly string[]; settings?: Record<string, unknown> } = {},
): Promise<SessionBundle> {
  return guard(async () => {
    const keep = opts.annotatorIds ? new Set(opts.annotatorIds) : null;
    const comparisons = (await allComparisons(db)).filter((c) => !keep || keep.has(c.annotatorId));
    const skips = (await db.skips.orderBy('createdAt').toArray()).filter(
      (s) => !keep || keep.has(s.annotatorId),
    );
    const rankings = (await db.rankings.orderBy('createdAt').toArray()).filter(
      (r) => !keep || keep.has(r.annotatorId),
    );
    const annotators = (await db.annotators.toArray())
      .filter((a) => !keep || keep.has(a.id))
      .sort((a, b) => a.created - b.created || (a.id < b.id ? -1 : 1));
    const touched = new Set([...comparisons, ...skips, ...rankings].map((c) => c.datasetId));
    const datasetIds = (await db.datasets.orderBy('created').primaryKeys()).filter(
      (id) => !keep || touched.has(id),
    );
    const datasets: DatasetFile[] = [];
    for (const id of datasetIds) {
      const file = await loadDatasetFile(db, id);
      if (file) datasets.push(file);
    }
    const models = keep ? [] : await db.runs.orderBy('createdAt').toArray();
    return {
      format: 'goodhart-session',
      version: 1,
      exportedAt: Date.now(),
      datasets,
      comparisons,
      skips,
      annotators,
      models,
      settings: opts.settings ?? {},
      rankings,
    };
  });
}
