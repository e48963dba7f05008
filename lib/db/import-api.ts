/**
 * The import worker's API (called from the page through comlink). Parsing and writing both happen in the
 * worker, so a 200 MB file never reaches the main thread: the page only receives summaries and progress.
 */
import type { FormatId, ImportIssue } from '../core/formats/result';
import type { ColumnMapping } from '../core/formats/mapping';
import type { ImportPlan } from './import';
import type { StorageProblem } from '../core/storage-problem';

export interface ParseRequest {
  /** Force a format instead of detecting it. */
  format?: FormatId;
  mapping?: ColumnMapping;
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
  counts: Record<
    'datasets' | 'prompts' | 'responses' | 'comparisons' | 'skips' | 'annotators' | 'runs' | 'rankings',
    number
  >;
  datasetName: string;
  preview: PreviewPrompt[];
  plan: ImportPlan | null;
  parseMs: number;
}

export interface CommitSummary {
  written: number;
  ms: number;
}

export type Progress = (done: number, total: number, phase: 'reading' | 'writing') => void;

export interface ImportWorkerApi {
  /** Parse (and detect) a file, keep the result in the worker under `token`, return a summary. */
  parse(file: Blob & { name: string }, req: ParseRequest, onProgress: Progress): Promise<ParseSummary>;
  /** Write a parsed file (its valid rows) in one transaction. */
  commit(token: number, onProgress: Progress): Promise<CommitSummary | { problem: StorageProblem }>;
  /** Forget a parsed file. */
  discard(token: number): Promise<void>;
}
