/**
 * Repository reads: a dataset's pool, an annotator's history and label count, dataset summaries and
 * comparisons. Datasets imported in bulk keep their rows in packs (lib/db/packs.ts); every read here returns
 * rows and packed rows together (counts come from the pack heads, never from the rows).
 */
import Dexie from 'dexie';
import type { Comparison, Dataset, Prompt, Response, Skip } from '../core/types';
import type { GoodhartDb } from './db';
import { guard } from './errors';
import { allPackedComparisons, packedComparisons, packedRows, packHeads } from './packs';

/** Key range of one annotator's rows on one dataset in the [annotatorId+datasetId+createdAt] indexes. */
export const annotatorRange = (annotatorId: string, datasetId: string) =>
  [
    [annotatorId, datasetId, Dexie.minKey],
    [annotatorId, datasetId, Dexie.maxKey],
  ] as const;

/** A dataset's prompts and responses, grouped for the labeling page. */
export async function loadPool(
  db: GoodhartDb,
  datasetId: string,
): Promise<{ prompts: Prompt[]; responses: Response[] }> {
  return guard(() =>
    db.transaction('r', [db.prompts, db.responses, db.packs, db.packHeads], async () => {
      const [prompts, responses, packedPrompts, packedResponses] = await Promise.all([
        db.prompts.where('datasetId').equals(datasetId).toArray(),
        db.responses.where('datasetId').equals(datasetId).toArray(),
        packedRows(db, datasetId, 'prompts'),
        packedRows(db, datasetId, 'responses'),
      ]);
      return {
        prompts: packedPrompts.length ? [...prompts, ...packedPrompts] : prompts,
        responses: packedResponses.length ? [...responses, ...packedResponses] : responses,
      };
    }),
  );
}

/** Oldest first, ties by id: the order of the createdAt indexes. */
export const byCreated = (
  a: { createdAt: number; id: string },
  b: { createdAt: number; id: string },
): number => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The annotator's comparisons (oldest first) and skips on a dataset (for the next-pair policy and progress). */
export async function annotatorHistory(
  db: GoodhartDb,
  annotatorId: string,
  datasetId: string,
): Promise<{ comparisons: Comparison[]; skips: Skip[] }> {
  return guard(() =>
    db.transaction('r', [db.comparisons, db.skips, db.packs, db.packHeads], async () => {
      const [lo, hi] = annotatorRange(annotatorId, datasetId);
      const [comparisons, skips, packed] = await Promise.all([
        db.comparisons.where('[annotatorId+datasetId+createdAt]').between(lo, hi).toArray(),
        db.skips.where('[annotatorId+datasetId+createdAt]').between(lo, hi).toArray(),
        packedComparisons(db, datasetId, [annotatorId]),
      ]);
      return {
        comparisons: packed.length ? [...packed, ...comparisons].sort(byCreated) : comparisons,
        skips,
      };
    }),
  );
}

/** Number of the annotator's stored comparisons on a dataset (index count plus pack heads: fast at any size). */
export async function countLabels(db: GoodhartDb, annotatorId: string, datasetId: string): Promise<number> {
  const [lo, hi] = annotatorRange(annotatorId, datasetId);
  return guard(() =>
    db.transaction('r', [db.comparisons, db.packHeads], async () => {
      const rows = await db.comparisons.where('[annotatorId+datasetId+createdAt]').between(lo, hi).count();
      const heads = await packHeads(db, datasetId, 'comparisons');
      return heads.reduce((n, h) => n + (h.byAnnotator[annotatorId] ?? 0), rows);
    }),
  );
}

export interface DatasetSummary {
  dataset: Dataset;
  prompts: number;
  responses: number;
  labels: number;
  skips: number;
  /** Comparisons per annotator id. */
  byAnnotator: Record<string, number>;
}

/** Every dataset with its prompt, response and label counts, per annotator. */
export async function datasetSummaries(db: GoodhartDb): Promise<DatasetSummary[]> {
  return guard(async () => {
    const datasets = await db.datasets.orderBy('created').toArray();
    return Promise.all(
      datasets.map(async (dataset) => {
        const [promptRows, responseRows, skips, heads] = await Promise.all([
          db.prompts.where('datasetId').equals(dataset.id).count(),
          db.responses.where('datasetId').equals(dataset.id).count(),
          db.skips.where('datasetId').equals(dataset.id).count(),
          packHeads(db, dataset.id),
        ]);
        const byAnnotator: Record<string, number> = {};
        let labels = 0;
        let prompts = promptRows;
        let responses = responseRows;
        for (const h of heads) {
          if (h.kind === 'prompts') prompts += h.count;
          else if (h.kind === 'responses') responses += h.count;
          else {
            labels += h.count;
            for (const [a, n] of Object.entries(h.byAnnotator)) byAnnotator[a] = (byAnnotator[a] ?? 0) + n;
          }
        }
        await db.comparisons
          .where('datasetId')
          .equals(dataset.id)
          .each((c) => {
            byAnnotator[c.annotatorId] = (byAnnotator[c.annotatorId] ?? 0) + 1;
            labels++;
          });
        return { dataset, prompts, responses, labels, skips, byAnnotator };
      }),
    );
  });
}

/** All comparisons on a dataset, optionally only those of some annotators. */
export async function comparisonsFor(
  db: GoodhartDb,
  datasetId: string,
  annotatorIds?: readonly string[],
): Promise<Comparison[]> {
  return guard(() =>
    db.transaction('r', [db.comparisons, db.packs, db.packHeads], async () => {
      const [rows, packed] = await Promise.all([
        db.comparisons.where('datasetId').equals(datasetId).toArray(),
        packedComparisons(db, datasetId, annotatorIds),
      ]);
      const keep = annotatorIds ? new Set(annotatorIds) : null;
      const mine = keep ? rows.filter((c) => keep.has(c.annotatorId)) : rows;
      return packed.length ? [...packed, ...mine].sort(byCreated) : mine;
    }),
  );
}

/** Every comparison of every dataset, rows and packed, oldest first (ties by id, as the createdAt index). */
export async function allComparisons(db: GoodhartDb): Promise<Comparison[]> {
  return guard(() =>
    db.transaction('r', [db.comparisons, db.packs, db.packHeads], async () => {
      const [rows, packed] = await Promise.all([
        db.comparisons.orderBy('createdAt').toArray(),
        allPackedComparisons(db),
      ]);
      return packed.length ? [...packed, ...rows].sort(byCreated) : rows;
    }),
  );
}
