/**
 * Labeling decisions: saving one judgment or skip from the labeling page (first decision wins, checked in
 * the write's transaction, with the messages shown when one is refused) and undoing the annotator's most
 * recent one or a chosen earlier one. K-way rankings are in lib/db/rankings.ts.
 */
import type { Comparison, Skip } from '../core/types';
import { pairKey } from '../core/types';
import type { DecisionRef } from '../core/labeling/recent';
import type { GoodhartDb } from './db';
import { AlreadyDecidedError, guard } from './errors';
import { annotatorRange } from './queries';

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

/**
 * Undo one chosen decision of the annotator on a dataset (the labeling page's strip of recent decisions):
 * deletes that comparison or skip and returns it, or null when it is not stored (already undone, e.g. in
 * another tab), belongs to someone else or another dataset, or is a pair expanded from a K-way ranking
 * (undone with its ranking, lib/db/rankings.ts).
 */
export async function undoDecision(
  db: GoodhartDb,
  annotatorId: string,
  datasetId: string,
  ref: DecisionRef,
): Promise<{ kind: 'comparison'; record: Comparison } | { kind: 'skip'; record: Skip } | null> {
  const mine = (r: { annotatorId: string; datasetId: string }) =>
    r.annotatorId === annotatorId && r.datasetId === datasetId;
  return guard(() =>
    db.transaction('rw', [db.comparisons, db.skips], async () => {
      if (ref.kind === 'comparison') {
        const c = await db.comparisons.get(ref.id);
        if (!c || !mine(c) || c.rankingId) return null;
        await db.comparisons.delete(c.id);
        return { kind: 'comparison' as const, record: c };
      }
      const k = await db.skips.get(ref.id);
      if (!k || !mine(k)) return null;
      await db.skips.delete(k.id);
      return { kind: 'skip' as const, record: k };
    }),
  );
}
