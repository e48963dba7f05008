/**
 * The lab's database as the app uses it: every read and write a page needs, bound to the app's database
 * (`getDb()`), so components and app/ never touch the Dexie instance or its tables (an ESLint path rule
 * forbids importing lib/db/db.ts there). Reads meant for `useLiveQuery` do their Dexie reads inside the
 * function, so the live query tracks the tables they read. The record types pages need are re-exported.
 */
import type { SessionBundle } from '../core/formats/session';
import type { DecisionRef } from '../core/labeling/recent';
import type { Annotator, Comparison, Dataset, DatasetFile, Ranking, Skip } from '../core/types';
import { getDb, onStorageProblem, openAppDb, type RunRecord } from './db';
import * as decisions from './decisions';
import * as embeddings from './embeddings';
import type { StorageProblem } from './errors';
import { guard } from './errors';
import * as exp from './export';
import * as queries from './queries';
import * as rankings from './rankings';
import * as repo from './repo';
import * as runs from './runs';

export type { RunRecord } from './db';
export type { DatasetSummary } from './queries';
export type { WriteBatch } from './repo';
export type { DecisionRef } from '../core/labeling/recent';
export type { StoredRun } from './runs';
export { onStorageProblem };
export { newId } from './repo';

/** Open the app's database; a problem (no IndexedDB, blocked, quota) is returned, never thrown. */
export async function openLab(): Promise<{ ok: true } | { problem: StorageProblem }> {
  const opened = await openAppDb();
  return 'problem' in opened ? { problem: opened.problem } : { ok: true };
}

/**
 * Install a built-in dataset unless it was installed before (then `load` is not called, so a deleted
 * built-in stays deleted until reset). Resolves true when it was installed now.
 */
export async function installBuiltInDataset(
  datasetId: string,
  load: () => Promise<DatasetFile>,
): Promise<boolean> {
  const db = getDb();
  const installed = await guard(() => db.meta.get(`installed:${datasetId}`));
  if (installed) return false;
  const file = await load();
  if (file.dataset.id !== datasetId)
    throw new Error(
      `The built-in dataset "${datasetId}" was loaded as "${file.dataset.id}": nothing was installed.`,
    );
  return repo.ensureDataset(db, file);
}

/** Install a dataset file (a room's) unless this browser installed it before; resolves true when installed now. */
export function installDatasetFile(file: DatasetFile): Promise<boolean> {
  return repo.ensureDataset(getDb(), file);
}

// ── datasets ───────────────────────────────────────────────────────────────────────────────────────────

/** Every dataset, oldest first (live-query safe). */
export function listDatasets(): Promise<Dataset[]> {
  return guard(() => getDb().datasets.orderBy('created').toArray());
}

/** Every dataset with its prompt, response and label counts, per annotator (live-query safe). */
export function datasetSummaries(): Promise<queries.DatasetSummary[]> {
  return queries.datasetSummaries(getDb());
}

/** A stored dataset as a portable file, or undefined if it does not exist. */
export function loadDatasetFile(datasetId: string): Promise<DatasetFile | undefined> {
  return exp.loadDatasetFile(getDb(), datasetId);
}

/** Delete a dataset and everything that hangs off it. */
export function deleteDataset(datasetId: string): Promise<void> {
  return repo.deleteDataset(getDb(), datasetId);
}

/** Restore a built-in dataset to its shipped version (labels kept unless `deleteLabels`). */
export function resetDataset(file: DatasetFile, opts: { deleteLabels?: boolean } = {}): Promise<void> {
  return repo.resetDataset(getDb(), file, opts);
}

/** A dataset's prompts and responses (rows and packs). */
export function loadPool(datasetId: string): ReturnType<typeof queries.loadPool> {
  return queries.loadPool(getDb(), datasetId);
}

/** The meta key that remembers a dataset's content warning was acknowledged in this browser. */
const warningSeenKey = (datasetId: string) => `content-warning-seen:${datasetId}`;

/**
 * Whether this browser acknowledged the dataset's content warning `warning` (live-query safe); a dataset
 * whose warning changed since is asked again.
 */
export async function contentWarningSeen(datasetId: string, warning: string): Promise<boolean> {
  const row = await guard(() => getDb().meta.get(warningSeenKey(datasetId)));
  return row?.value === warning;
}

/** Remember that the dataset's content warning `warning` was acknowledged (the labeling page then shows pairs). */
export async function acknowledgeContentWarning(datasetId: string, warning: string): Promise<void> {
  await guard(() => getDb().meta.put({ key: warningSeenKey(datasetId), value: warning }));
}

// ── annotators ─────────────────────────────────────────────────────────────────────────────────────────

/** Every annotator, by name (live-query safe). */
export function listAnnotators(): Promise<Annotator[]> {
  return guard(() => getDb().annotators.orderBy('name').toArray());
}

/** One annotator, or undefined (live-query safe). */
export function getAnnotator(id: string): Promise<Annotator | undefined> {
  return guard(() => getDb().annotators.get(id));
}

/** Find an annotator by name, creating it if needed. */
export function getOrCreateAnnotator(name: string, kind: Annotator['kind'] = 'human'): Promise<Annotator> {
  return repo.getOrCreateAnnotator(getDb(), name, kind);
}

/** Store an annotator under its own id unless one by that name exists (then nothing is written). */
export function saveAnnotator(annotator: Annotator): Promise<number> {
  return repo.writeBatch(getDb(), { annotators: [annotator] });
}

/**
 * Store a simulated rater's labels in one transaction and resolve with the id they were stored under: a
 * rater whose name is already stored keeps that annotator's id (writeBatch matches annotators by name).
 */
export async function saveSimulatedLabels(annotator: Annotator, comparisons: Comparison[]): Promise<string> {
  const db = getDb();
  await repo.writeBatch(db, { annotators: [annotator], comparisons });
  const stored = await guard(() => db.annotators.where('name').equals(annotator.name).first());
  return stored?.id ?? annotator.id;
}

// ── labels and exports ─────────────────────────────────────────────────────────────────────────────────

/** All comparisons on a dataset, optionally only some annotators'. */
export function comparisonsFor(datasetId: string, annotatorIds?: readonly string[]): Promise<Comparison[]> {
  return queries.comparisonsFor(getDb(), datasetId, annotatorIds);
}

/** Everything an export of one dataset reads (live-query safe). */
export function loadExportInput(
  datasetId: string,
  annotatorIds?: readonly string[],
): ReturnType<typeof exp.loadExportInput> {
  return exp.loadExportInput(getDb(), datasetId, annotatorIds);
}

/** Rankings on a dataset, oldest first, optionally only some annotators'. */
export function rankingsFor(datasetId: string, annotatorIds?: readonly string[]): Promise<Ranking[]> {
  return rankings.rankingsFor(getDb(), datasetId, annotatorIds);
}

/** The session bundle (everything, or only some annotators' hand-in). */
export function buildSessionBundle(
  opts: { annotatorIds?: readonly string[]; settings?: Record<string, unknown> } = {},
): Promise<SessionBundle> {
  return exp.buildSessionBundle(getDb(), opts);
}

// ── labeling sessions (components/label/useLabelingSession.ts, components/rank/useRankingSession.ts) ──

/** The annotator's comparisons (oldest first) and skips on a dataset. */
export function annotatorHistory(
  annotatorId: string,
  datasetId: string,
): ReturnType<typeof queries.annotatorHistory> {
  return queries.annotatorHistory(getDb(), annotatorId, datasetId);
}

/** Store a judgment unless this annotator already decided the pair (then AlreadyDecidedError). */
export function addJudgment(c: Comparison): Promise<void> {
  return decisions.addJudgment(getDb(), c);
}

/** Store a skip unless this annotator already decided the pair (then AlreadyDecidedError). */
export function addSkip(s: Skip, opts: { repeat?: boolean } = {}): Promise<void> {
  return decisions.addSkip(getDb(), s, opts);
}

/** Remove the annotator's most recent judgment or skip on a dataset; returns what was removed. */
export function undoLast(annotatorId: string, datasetId: string): ReturnType<typeof decisions.undoLast> {
  return decisions.undoLast(getDb(), annotatorId, datasetId);
}

/** Remove one chosen judgment or skip of the annotator on a dataset; returns it, or null if not stored. */
export function undoDecision(
  annotatorId: string,
  datasetId: string,
  ref: DecisionRef,
): ReturnType<typeof decisions.undoDecision> {
  return decisions.undoDecision(getDb(), annotatorId, datasetId, ref);
}

/** Ids of the prompts this annotator has ranked on a dataset. */
export function rankedPrompts(annotatorId: string, datasetId: string): Promise<Set<string>> {
  return rankings.rankedPrompts(getDb(), annotatorId, datasetId);
}

/** Store a ranking and its pairs unless this annotator already ranked the prompt (then AlreadyDecidedError). */
export function addRanking(r: Ranking, responseIds?: readonly string[]): Promise<void> {
  return rankings.addRanking(getDb(), r, responseIds);
}

/** Remove the annotator's most recent ranking on a dataset with its pairs; returns it, or null. */
export function undoLastRanking(annotatorId: string, datasetId: string): Promise<Ranking | null> {
  return rankings.undoLastRanking(getDb(), annotatorId, datasetId);
}

// ── runs ───────────────────────────────────────────────────────────────────────────────────────────────

/** Runs on a dataset (or all), newest first, each checked (live-query safe). */
export function listRuns(datasetId?: string): Promise<runs.StoredRun[]> {
  return runs.listRuns(getDb(), datasetId);
}

/** One stored run, checked (live-query safe). */
export function getRun(id: string): Promise<runs.StoredRun | undefined> {
  return runs.getRun(getDb(), id);
}

/** Save a reward-model run. */
export function saveRun(run: RunRecord): Promise<void> {
  return runs.saveRun(getDb(), run);
}

/** Delete one run. */
export function deleteRun(id: string): Promise<void> {
  return runs.deleteRun(getDb(), id);
}

// ── sentence-encoder embeddings (written by the encoder worker, lib/workers/encoder.worker.ts) ────────

/** Embeddings stored in this browser: in total, and of `encoder` (ENCODER_VERSION) (live-query safe). */
export function countStoredEmbeddings(encoder: string): Promise<{ total: number; current: number }> {
  return embeddings.countEmbeddings(getDb(), encoder);
}

/** Deletes stored embeddings of every encoder but `keep` (all when null), to free space; resolves the count. */
export function deleteStoredEmbeddings(keep: string | null): Promise<number> {
  return embeddings.dropEmbeddings(getDb(), keep);
}
