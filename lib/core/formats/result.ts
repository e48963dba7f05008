/**
 * The shape every importer returns: plain records ready for the database layer to write in one
 * transaction, plus every problem found, each with its 1-based line (or CSV row) and field.
 */
import type { Annotator, Comparison, DatasetFile } from '../types';
import type { SessionBundle } from './session';
import type { RankingPairsMode } from '../labeling/ranking';

/** The formats the importers understand (`detectFormat` picks one; a user can force one). */
export const FORMATS = [
  'trl-jsonl',
  'hh-rlhf-jsonl',
  'goodhart-labels',
  'ranked-jsonl',
  'truthfulqa-csv',
  'mapped-jsonl',
  'mapped-csv',
  'mapped-json',
  'goodhart-dataset',
  'goodhart-session',
  'arena-battles',
] as const;

/** One of {@link FORMATS}. */
export type FormatId = (typeof FORMATS)[number];

/** Whether `s` names a known format. */
export function isFormatId(s: string): s is FormatId {
  return (FORMATS as readonly string[]).includes(s);
}

/**
 * A problem in an input file. `line` is 1-based (the CSV header is line 1). When an importer stops
 * listing problems (`maxIssues`), its last issue says so and counts the rest in `unlisted`.
 */
export interface ImportIssue {
  line: number;
  field?: string;
  message: string;
  severity: 'error' | 'warning';
  unlisted?: { errors: number; warnings: number };
}

/**
 * The exact numbers of errors and warnings in `issues`, counting the problems a capped list left out
 * (`capped`: the list is not all of them) instead of counting its summary line as one more error.
 */
export function issueCounts(issues: readonly ImportIssue[]): {
  errors: number;
  warnings: number;
  capped: boolean;
} {
  let errors = 0;
  let warnings = 0;
  let capped = false;
  for (const i of issues) {
    if (i.unlisted) {
      errors += i.unlisted.errors;
      warnings += i.unlisted.warnings;
      capped = true;
    } else if (i.severity === 'error') errors++;
    else warnings++;
  }
  return { errors, warnings, capped };
}

/**
 * What an import produced. `validRows` rows were free of errors out of `totalRows`; `duplicates` counts
 * records merged into an earlier identical one (each also reported as a warning). A session bundle also
 * fills `session` (all its datasets, skips, models and settings); `dataset` is then its first dataset.
 */
export interface ImportResult {
  format: string;
  dataset: DatasetFile;
  comparisons: Comparison[];
  annotators: Annotator[];
  issues: ImportIssue[];
  validRows: number;
  totalRows: number;
  duplicates: number;
  session?: SessionBundle;
  /** How columns whose meaning had to be inferred or looked up were read (shown in every preview). */
  readings?: ImportReading[];
}

/**
 * How an importer read a field whose meaning is not spelled out in the file: which base a winner index
 * uses, how each winner value was understood. Shown before anything is written; `guessed` marks an
 * inference (as opposed to a reading the user chose in the mapping).
 */
export interface ImportReading {
  field: string;
  /** What the field means, e.g. `winner` or `gold`. */
  what: string;
  /** How it was read, in words. */
  reading: string;
  guessed: boolean;
}

/** Options shared by the importers. */
export interface ImportOptions {
  /** Timestamp for created records (default `Date.now()`); ids never depend on it. */
  now?: number;
  /** Stop recording issues after this many (default 1000); the count of the rest is added as one issue. */
  maxIssues?: number;
  /** Which pairs a ranking expands into (ranking.ts `RankingPairsMode`; default `all`, C(K,2)). */
  rankingPairs?: RankingPairsMode;
  /**
   * The content warning the imported dataset carries (shown before its first pair on /label). Not given:
   * the importer's default (HH-RLHF transcripts get {@link HH_CONTENT_WARNING}) or the file's own; blank:
   * none. See parse.ts `withContentWarning`.
   */
  contentWarning?: string;
}

/** True when the result has at least one error (warnings alone do not count). */
export function hasErrors(result: Pick<ImportResult, 'issues'>): boolean {
  return result.issues.some((i) => i.severity === 'error');
}

/**
 * The consumer side of an importer: raw text for the content hash, then one parsed record per row
 * (a JSONL line, a CSV row as an object, an element of a JSON array), then `finish`.
 */
export interface RowSink {
  /** Raw input text, in order (any chunking). */
  content(text: string): void;
  /** One record found at 1-based `line`. */
  row(line: number, value: unknown): void;
  /** A row that could not even be parsed (bad JSON, bad CSV quoting). */
  invalid(line: number, message: string): void;
  /** Produce the result. Call once. */
  finish(): ImportResult;
}
