/**
 * The import worker: streams a file (decode.ts), parses it with the pure importers in lib/core/formats,
 * keeps the result here, and on confirmation writes it to IndexedDB in one transaction. The page sees
 * only progress and summaries, so it never freezes, whatever the file size. Cancel = terminate the worker.
 */
import * as Comlink from 'comlink';
import { createFileImporter } from '../core/formats/parse';
import { detectFormat, recordFields } from '../core/formats/detect';
import { issueCounts, type ImportResult } from '../core/formats/result';
import { createGoodhartDb, type GoodhartDb } from '../db/db';
import { batchFromResult, commitImport, planImport, type CommitResult, type ImportBatch } from '../db/import';
import { StorageError, toStorageProblem } from '../db/errors';
import type { ImportWorkerApi, ParseSummary, PreviewPrompt, Progress } from './import-api';

const parsed = new Map<number, { batch: ImportBatch }>();
/** The write in progress per token, so a cancel can stop it before its transaction commits. */
const writing = new Map<number, AbortController>();
let nextToken = 1;
let db: GoodhartDb | null = null;
const getDb = () => (db ??= createGoodhartDb());

function truncate(s: string, n = 280): string {
  return s.length > n ? `${s.slice(0, n)}…` : s;
}

function preview(result: ImportResult): PreviewPrompt[] {
  const ds = result.session?.datasets[0] ?? result.dataset;
  return ds.prompts.slice(0, 5).map((p) => ({
    text: truncate(p.text),
    category: p.category,
    responses: ds.responses
      .filter((r) => r.promptId === p.id)
      .slice(0, 4)
      .map((r) => ({ text: truncate(r.text, 200), correct: r.correct })),
  }));
}

const api: ImportWorkerApi = {
  async parse(file, req, onProgress: Progress) {
    const t0 = performance.now();
    const importer = createFileImporter(file.name, {
      format: req.format,
      mapping: req.mapping,
      rankingPairs: req.rankingPairs,
      contentWarning: req.contentWarning,
    });
    const reader = file.stream().getReader();
    let read = 0;
    let lastReport = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      read += value.length;
      if (!importer.push(value)) {
        // Refused (truncated or corrupt gzip, too large, bad encoding): the rest is not read.
        await reader.cancel();
        break;
      }
      const now = performance.now();
      if (now - lastReport > 100) {
        lastReport = now;
        onProgress(read, file.size, 'reading');
      }
    }
    onProgress(file.size, file.size, 'reading');
    const result = importer.finish();
    const first = importer.head;
    const batch = batchFromResult(result);
    const token = nextToken++;
    parsed.set(token, { batch });
    let plan = null;
    try {
      plan = await planImport(getDb(), batch);
    } catch {
      plan = null; // The comparison with stored data is informative only.
    }
    const { errors, warnings } = issueCounts(result.issues); // exact, past the listed 1,000 too
    const summary: ParseSummary = {
      token,
      fileName: file.name,
      bytes: file.size,
      format: result.format,
      detectedFormat: detectFormat(file.name, first).format,
      fields: recordFields(first),
      totalRows: result.totalRows,
      validRows: result.validRows,
      duplicates: result.duplicates,
      errors,
      warnings,
      issues: result.issues.slice(0, 500),
      readings: result.readings ?? [],
      counts: {
        datasets: batch.datasets?.length ?? 0,
        prompts: batch.prompts?.length ?? 0,
        responses: batch.responses?.length ?? 0,
        comparisons: batch.comparisons?.length ?? 0,
        skips: batch.skips?.length ?? 0,
        annotators: batch.annotators?.length ?? 0,
        runs: batch.runs?.length ?? 0,
        rankings: batch.rankings?.length ?? 0,
      },
      datasetName: result.session?.datasets[0]?.dataset.name ?? result.dataset.dataset.name,
      contentWarning: (result.session?.datasets[0] ?? result.dataset).dataset.contentWarning,
      preview: preview(result),
      plan,
      parseMs: performance.now() - t0,
    };
    return summary;
  },

  async commit(token, onProgress, opts = {}) {
    const entry = parsed.get(token);
    if (!entry) throw new Error('This file is no longer parsed; choose it again.');
    const t0 = performance.now();
    let last = 0;
    const abort = new AbortController();
    writing.set(token, abort);
    let result: CommitResult;
    try {
      result = await commitImport(
        getDb(),
        entry.batch,
        (written, total) => {
          const now = performance.now();
          if (now - last > 100 || written === total) {
            last = now;
            onProgress(written, total, 'writing');
          }
        },
        { replace: opts.replace, signal: abort.signal },
      );
    } catch (e) {
      return { problem: e instanceof StorageError ? e.problem : toStorageProblem(e) };
    } finally {
      writing.delete(token);
    }
    if (!result.committed) return { cancelled: true as const };
    parsed.delete(token);
    return {
      written: result.written,
      keptConflicts: result.keptConflicts,
      cancelRequested: abort.signal.aborted,
      ms: performance.now() - t0,
    };
  },

  async cancel(token) {
    writing.get(token)?.abort();
  },

  async discard(token) {
    parsed.delete(token);
  },
};

Comlink.expose(api);
