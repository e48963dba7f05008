/**
 * The import worker: streams a file (gzip too), parses it with the pure importers in lib/core/formats,
 * keeps the result here, and on confirmation writes it to IndexedDB in one transaction. The page sees
 * only progress and summaries, so it never freezes, whatever the file size. Cancel = terminate the worker.
 */
import * as Comlink from 'comlink';
import Papa from 'papaparse';
import { createGunzipDecoder, createImporter, isGzip } from '../core/formats/parse';
import { detectFormat } from '../core/formats/detect';
import type { ImportResult } from '../core/formats/result';
import { createGoodhartDb, type GoodhartDb } from './db';
import { batchFromResult, commitImport, planImport } from './import';
import type { WriteBatch } from './repo';
import { StorageError, toStorageProblem } from './errors';
import type { ImportWorkerApi, ParseSummary, PreviewPrompt, Progress } from './import-api';

const parsed = new Map<number, { batch: WriteBatch }>();
let nextToken = 1;
let db: GoodhartDb | null = null;
const getDb = () => (db ??= createGoodhartDb());

function fieldsOf(firstChunk: string): string[] {
  const line = firstChunk.split('\n').find((l) => l.trim()) ?? '';
  try {
    const v: unknown = JSON.parse(line);
    if (v && typeof v === 'object' && !Array.isArray(v)) return Object.keys(v);
  } catch {
    // Not JSONL: try a CSV header.
  }
  const row = Papa.parse<string[]>(line).data[0];
  return Array.isArray(row) && row.length > 1 ? row.map((s) => s.trim()) : [];
}

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
    const importer = createImporter(file.name, { format: req.format, mapping: req.mapping });
    const reader = file.stream().getReader();
    let read = 0;
    let first = '';
    const onText = (text: string) => {
      if (first.length < 64 * 1024) first += text.slice(0, 64 * 1024 - first.length);
      importer.push(text);
    };
    let gunzip: ReturnType<typeof createGunzipDecoder> | null = null;
    const utf8 = new TextDecoder('utf-8');
    let lastReport = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (read === 0 && isGzip(value)) gunzip = createGunzipDecoder(onText);
      read += value.length;
      if (gunzip) gunzip.push(value);
      else onText(utf8.decode(value, { stream: true }));
      const now = performance.now();
      if (now - lastReport > 100) {
        lastReport = now;
        onProgress(read, file.size, 'reading');
      }
    }
    if (gunzip) gunzip.push(new Uint8Array(0), true);
    else onText(utf8.decode());
    onProgress(file.size, file.size, 'reading');
    const result = importer.finish();
    const batch = batchFromResult(result);
    const token = nextToken++;
    parsed.set(token, { batch });
    let plan = null;
    try {
      plan = await planImport(getDb(), batch);
    } catch {
      plan = null; // The comparison with stored data is informative only.
    }
    const errors = result.issues.filter((i) => i.severity === 'error').length;
    const summary: ParseSummary = {
      token,
      fileName: file.name,
      bytes: file.size,
      format: result.format,
      detectedFormat: detectFormat(file.name, first).format,
      fields: fieldsOf(first),
      totalRows: result.totalRows,
      validRows: result.validRows,
      duplicates: result.duplicates,
      errors,
      warnings: result.issues.length - errors,
      issues: result.issues.slice(0, 500),
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
      preview: preview(result),
      plan,
      parseMs: performance.now() - t0,
    };
    return summary;
  },

  async commit(token, onProgress) {
    const entry = parsed.get(token);
    if (!entry) throw new Error('This file is no longer parsed; choose it again.');
    const t0 = performance.now();
    let last = 0;
    try {
      await commitImport(getDb(), entry.batch, (written, total) => {
        const now = performance.now();
        if (now - last > 100 || written === total) {
          last = now;
          onProgress(written, total, 'writing');
        }
      });
    } catch (e) {
      return { problem: e instanceof StorageError ? e.problem : toStorageProblem(e) };
    }
    const written = Object.values(entry.batch).reduce((s, rows) => s + (rows?.length ?? 0), 0);
    parsed.delete(token);
    return { written, ms: performance.now() - t0 };
  },

  async discard(token) {
    parsed.delete(token);
  },
};

Comlink.expose(api);
