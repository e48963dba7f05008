/**
 * Repository functions for K-way rankings (schema v3). A ranking is stored as itself AND as its expanded
 * C(K,2) comparisons (each with `rankingId`), written and removed together in one transaction, so the
 * pairwise training and export paths see a ranking's pairs and never half of them.
 */
import { expandRanking, rankingProblems } from '../core/labeling/ranking';
import type { Ranking } from '../core/types';
import type { GoodhartDb } from './db';
import { AlreadyDecidedError, guard } from './errors';
import { annotatorRange } from './queries';

/** Shown when a ranking is refused because this annotator's ranking of the prompt is already stored. */
export const ALREADY_RANKED =
  'This prompt was already ranked in another tab: the first ranking was kept and this one was not saved.';

/**
 * Save a ranking and its expanded comparisons in one transaction (all or nothing); resolves once both are
 * durable. First ranking wins: if this annotator already has a ranking of the prompt on the dataset
 * (checked inside the same transaction, so two tabs submitting at once store one), nothing is written and
 * {@link AlreadyDecidedError} is thrown. Throws a plain Error for an invalid ranking (nothing is written;
 * with `responseIds`, every ranked id must be one of them) and a StorageError when IndexedDB refuses, e.g.
 * an id already stored.
 */
export async function addRanking(db: GoodhartDb, r: Ranking, responseIds?: readonly string[]): Promise<void> {
  const problems = rankingProblems(r, responseIds);
  if (problems.length) throw new Error(`Invalid ranking: ${problems.join('; ')}`);
  const comparisons = expandRanking(r);
  const stored = await guard(() =>
    db.transaction('rw', [db.rankings, db.comparisons], async () => {
      const [lo, hi] = annotatorRange(r.annotatorId, r.datasetId);
      const earlier = await db.rankings
        .where('[annotatorId+datasetId+createdAt]')
        .between(lo, hi)
        .filter((o) => o.promptId === r.promptId)
        .first();
      if (earlier) return false;
      await db.rankings.add(r);
      await db.comparisons.bulkAdd(comparisons);
      return true;
    }),
  );
  if (!stored) throw new AlreadyDecidedError(ALREADY_RANKED);
}

/**
 * Remove the annotator's most recent ranking on a dataset and every comparison expanded from it, in one
 * transaction. Returns the removed ranking, or null if there was none.
 */
export async function undoLastRanking(
  db: GoodhartDb,
  annotatorId: string,
  datasetId: string,
): Promise<Ranking | null> {
  return guard(() =>
    db.transaction('rw', [db.rankings, db.comparisons], async () => {
      const [lo, hi] = annotatorRange(annotatorId, datasetId);
      const last = await db.rankings.where('[annotatorId+datasetId+createdAt]').between(lo, hi).last();
      if (!last) return null;
      await deleteRankingRows(db, last);
      return last;
    }),
  );
}

/** Delete one ranking and its comparisons in one transaction; false if it did not exist. */
export async function deleteRanking(db: GoodhartDb, id: string): Promise<boolean> {
  return guard(() =>
    db.transaction('rw', [db.rankings, db.comparisons], async () => {
      const r = await db.rankings.get(id);
      if (!r) return false;
      await deleteRankingRows(db, r);
      return true;
    }),
  );
}

/** Inside a transaction: the ranking row and the comparisons that carry its id. */
async function deleteRankingRows(db: GoodhartDb, r: Ranking): Promise<void> {
  const ids = await db.comparisons
    .where('promptId')
    .equals(r.promptId)
    .filter((c) => c.rankingId === r.id)
    .primaryKeys();
  await db.comparisons.bulkDelete(ids);
  await db.rankings.delete(r.id);
}

/** Ids of the prompts this annotator has already ranked on a dataset. */
export async function rankedPrompts(
  db: GoodhartDb,
  annotatorId: string,
  datasetId: string,
): Promise<Set<string>> {
  return guard(async () => {
    const [lo, hi] = annotatorRange(annotatorId, datasetId);
    const rows = await db.rankings.where('[annotatorId+datasetId+createdAt]').between(lo, hi).toArray();
    return new Set(rows.map((r) => r.promptId));
  });
}

/** Rankings on a dataset, oldest first, optionally only those of some annotators (for exports). */
export async function rankingsFor(
  db: GoodhartDb,
  datasetId: string,
  annotatorIds?: readonly string[],
): Promise<Ranking[]> {
  return guard(async () => {
    const all = await db.rankings.where('datasetId').equals(datasetId).sortBy('createdAt');
    if (!annotatorIds) return all;
    const keep = new Set(annotatorIds);
    return all.filter((r) => keep.has(r.annotatorId));
  });
}
