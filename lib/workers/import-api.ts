/**
 * The import worker's API (called from the page through comlink). Parsing and writing both happen in the
 * worker, so a 200 MB file never reaches the main thread: the page only receives summaries and progress.
 */
import type { FormatId, ImportIssue, ImportReading } from '../core/formats/result';
import type { ColumnMapping } from '../core/formats/mapping';
import type { RankingPairsMode } from '../core/labeling/ranking';
import type { ImportPlan } from '../db/import';
import type { StorageProblem } from '../core/storage/storage-problem';

export interface ParseRequest {
  /** Force a format instead of detecting it. */
  format?: FormatId;
  mapping?: ColumnMapping;
  /** Which pairs a ranking expands into (default `all`; `adjacent` for long rankings). */
  rankingPairs?: RankingPairsMode;
  /** The dataset's content warning (lib/core/formats/parse.ts `withContentWarning`; absent: the importer's default). */
  contentWarning?: string;
}

/** A short preview of one prompt and its responses (texts truncated). */
export interface PreviewPrompt {
  text: string;
  category: string;
  responses: { text: string; correct?: boolean }[];
}

export interface ParseSummary {
  token: number;
  fileName: string;
  bytes: number;
  format: string;
  detectedFormat: string;
  /** Field names seen on the first record (for the column-mapping step). */
  fields: string[];
  totalRows: number;
  validRows: number;
  duplicates: number;
  errors: number;
  warnings: number;
  /** The first issues (up to 500), each with its line and field. */
  issues: ImportIssue[];
  /** How fields whose meaning had to be inferred were read (winner index base, winner values). */
  readings: ImportReading[];
  counts: Record<
    'datasets' | 'prompts' | 'responses' | 'comparisons' | 'skips' | 'annotators' | 'runs' | 'rankings',
    number
  >;
  datasetName: string;
  /** The content warning the imported dataset will carry, if any. */
  contentWarning?: string;
  preview: PreviewPrompt[];
  plan: ImportPlan | null;
  parseMs: number;
}

export interface CommitSummary {
  /** Records written (rows already stored unchanged are not rewritten). */
  written: number;
  /** Conflicting rows left as stored (the import was not told to replace them). */
  keptConflicts: number;
  /** A cancel arrived after the last moment it could stop the write: the import finished anyway. */
  cancelRequested: boolean;
  ms: number;
}

export type Progress = (done: number, total: number, phase: 'reading' | 'writing') => void;

export interface ImportWorkerApi {
  /** Parse (and detect) a file, keep the result in the worker under `token`, return a summary. */
  parse(file: Blob & { name: string }, req: ParseRequest, onProgress: Progress): Promise<ParseSummary>;
  /**
   * Write a parsed file (its valid rows) in one transaction, by the merge rule (lib/db/merge.ts);
   * `replace` also overwrites conflicting stored rows. `{cancelled: true}` only if nothing was written.
   */
  commit(
    token: number,
    onProgress: Progress,
    opts?: { replace?: boolean },
  ): Promise<CommitSummary | { cancelled: true } | { problem: StorageProblem }>;
  /** Cancel the write of `token` if it has not committed yet (its `commit` then says which happened). */
  cancel(token: number): Promise<void>;
  /** Forget a parsed file. */
  discard(token: number): Promise<void>;
}
