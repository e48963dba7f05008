'use client';
/**
 * /data import: choose one or many files (JSONL, CSV, JSON, gzip), see what was detected, every problem
 * with its line and field, a preview and what is new versus already stored; then import (all or, when
 * there are errors, explicitly only the valid rows). Parsing and writing happen in a worker.
 */
import { useRef, useState } from 'react';
import { FORMATS, type FormatId } from '@/lib/core/formats/result';
import type { ColumnMapping } from '@/lib/core/formats/mapping';
import { MAX_ALL_PAIRS_K, type RankingPairsMode } from '@/lib/core/labeling/ranking';
import type { ParseSummary } from '@/lib/workers/import-api';
import { formatBytes } from '@/lib/core/storage/quota';
import { useLabStore } from '@/lib/store';
import { Button } from '@/components/ui/Button';
import { FileInput } from '@/components/ui/FileInput';
import { Name } from '@/components/ui/Name';
import { isolatedName } from '@/lib/core/display';
import * as Comlink from 'comlink';
import type { ImportWorkerApi } from '@/lib/workers/import-api';
import { useWorker } from '@/components/ui/useWorker';
import { ImportSummary } from './ImportSummary';

type Status =
  | { kind: 'idle' }
  | { kind: 'busy'; phase: 'reading' | 'writing'; file: string; done: number; total: number }
  | { kind: 'error'; message: string };

interface Entry {
  file: File;
  summary: ParseSummary;
  imported?: string;
}

const FORMAT_LABELS: Record<FormatId, string> = {
  'trl-jsonl': 'TRL preference JSONL (prompt, chosen, rejected)',
  'hh-rlhf-jsonl': 'HH-RLHF transcripts (chosen, rejected)',
  'goodhart-labels': 'Goodhart Lab labels JSONL',
  'ranked-jsonl': 'Ranked candidates JSONL (prompt, responses, ranking)',
  'truthfulqa-csv': 'TruthfulQA-style CSV',
  'mapped-jsonl': 'Other JSONL (map the columns)',
  'mapped-csv': 'Other CSV (map the columns)',
  'mapped-json': 'Other JSON (map the columns)',
  'goodhart-dataset': 'Goodhart Lab dataset file',
  'goodhart-session': 'Goodhart Lab session bundle',
  'arena-battles': 'Chatbot Arena battles (leaderboard only)',
};

export function ImportPanel() {
  // Cancel terminates the worker (parsing stops, a pending write's transaction rolls back); the next use
  // makes a fresh one.
  const { get, terminate: cancel } = useWorker<ImportWorkerApi>(
    () => new Worker(new URL('../../lib/workers/import.worker.ts', import.meta.url)),
  );
  const setProblem = useLabStore((s) => s.setStorageProblem);
  const [format, setFormat] = useState<FormatId | ''>('');
  const [rankingPairs, setRankingPairs] = useState<RankingPairsMode>('all');
  /** The content warning the next files get (blank: each importer's default, e.g. HH-RLHF's). */
  const [contentWarning, setContentWarning] = useState('');
  const [entries, setEntries] = useState<Entry[]>([]);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  /** The token whose write is in progress (a cancel then asks the worker instead of terminating it). */
  const writingToken = useRef<number | null>(null);

  // Comlink delivers progress on its own MessagePort, so a last progress message can arrive after the
  // operation's result: each operation's callback is switched off when the operation ends.
  const progress = (file: string) => {
    let live = true;
    const cb = Comlink.proxy((done: number, total: number, phase: 'reading' | 'writing') => {
      if (live) setStatus({ kind: 'busy', phase, file, done, total });
    });
    return { cb, stop: () => void (live = false) };
  };

  async function parseOne(file: File, mapping?: ColumnMapping): Promise<Entry | null> {
    const p = progress(file.name);
    try {
      const summary = await get().parse(
        file,
        {
          format: format || undefined,
          mapping,
          rankingPairs,
          contentWarning: contentWarning.trim() || undefined,
        },
        p.cb,
      );
      return { file, summary };
    } catch (e) {
      setStatus({
        kind: 'error',
        message: `${isolatedName(file.name)}: ${e instanceof Error ? e.message : String(e)}`,
      });
      return null;
    } finally {
      p.stop();
    }
  }

  async function choose(files: FileList | null) {
    if (!files?.length) return;
    const list = [...files];
    setEntries([]);
    const out: Entry[] = [];
    for (const file of list) {
      const entry = await parseOne(file);
      if (!entry) return;
      out.push(entry);
      setEntries([...out]);
    }
    setStatus({ kind: 'idle' });
  }

  async function remap(index: number, mapping: ColumnMapping) {
    const old = entries[index];
    await get().discard(old.summary.token);
    const entry = await parseOne(old.file, mapping);
    if (entry) setEntries((es) => es.map((e, i) => (i === index ? entry : e)));
    setStatus({ kind: 'idle' });
  }

  async function commit(index: number, replace = false) {
    const entry = entries[index];
    const p = progress(entry.file.name);
    writingToken.current = entry.summary.token;
    const res = await get()
      .commit(entry.summary.token, p.cb, { replace })
      .finally(() => {
        p.stop();
        writingToken.current = null;
      });
    if ('problem' in res) {
      setProblem(res.problem);
      setStatus({
        kind: 'error',
        message: `${isolatedName(entry.file.name)}: nothing was imported. ${res.problem.message}`,
      });
      return false;
    }
    if ('cancelled' in res) {
      setStatus({
        kind: 'error',
        message: `Cancelled: nothing was written (${isolatedName(entry.file.name)}).`,
      });
      return false;
    }
    const kept = res.keptConflicts
      ? ` ${res.keptConflicts.toLocaleString()} conflicting records were left as stored.`
      : '';
    const note = res.cancelRequested
      ? `Too late to cancel: the import finished (${res.written.toLocaleString()} rows written).${kept}`
      : `Imported ${res.written.toLocaleString()} records in ${(res.ms / 1000).toFixed(1)} s.${kept}`;
    setEntries((es) => es.map((e, i) => (i === index ? { ...e, imported: note } : e)));
    if (res.cancelRequested) {
      setStatus({ kind: 'error', message: `${isolatedName(entry.file.name)}: ${note}` });
      return false;
    }
    return true;
  }

  async function commitAll() {
    for (let i = 0; i < entries.length; i++) {
      if (entries[i].imported || entries[i].summary.errors > 0 || entries[i].summary.validRows === 0)
        continue;
      if (!(await commit(i))) return;
    }
    setStatus({ kind: 'idle' });
  }

  function doCancel() {
    const token = writingToken.current;
    if (token !== null) {
      // Writing: only the worker knows whether the transaction has committed; commit() reports which.
      void get().cancel(token);
      return;
    }
    cancel();
    setEntries([]);
    setStatus({ kind: 'error', message: 'Cancelled while reading: nothing was written.' });
  }

  const cleanPending = entries.filter(
    (e) => !e.imported && e.summary.errors === 0 && e.summary.validRows > 0,
  );

  return (
    <section aria-labelledby="import-h" className="space-y-4">
      <h2 id="import-h" className="text-xl font-semibold">
        Import
      </h2>
      <p className="text-sm text-slate-700 dark:text-slate-300">
        TRL preference JSONL, HH-RLHF transcripts, ranked candidates, TruthfulQA-style CSV, any other
        JSONL/CSV/JSON (with a column mapping), and Goodhart Lab dataset, labels and session files;{' '}
        <code>.gz</code> too. Nothing is written until you confirm, and a file with errors is imported only if
        you choose its valid rows.
      </p>
      <div className="flex flex-wrap items-end gap-4">
        <FileInput
          id="import-file"
          label="Files to import"
          multiple
          block
          accept=".jsonl,.json,.csv,.gz,.ndjson,.txt"
          onFiles={(files) => void choose(files)}
          disabled={status.kind === 'busy'}
        />
        <div>
          <label htmlFor="import-format" className="block text-sm font-medium">
            Import format
          </label>
          <select
            id="import-format"
            value={format}
            onChange={(e) => setFormat(e.target.value as FormatId | '')}
            className="mt-1 rounded-md border border-slate-400 bg-white px-2 py-1.5 text-sm dark:border-slate-500 dark:bg-slate-900"
          >
            <option value="">Detect automatically</option>
            {FORMATS.map((f) => (
              <option key={f} value={f}>
                {FORMAT_LABELS[f]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="import-ranking-pairs" className="block text-sm font-medium">
            A ranking gives
          </label>
          <select
            id="import-ranking-pairs"
            value={rankingPairs}
            onChange={(e) => setRankingPairs(e.target.value === 'adjacent' ? 'adjacent' : 'all')}
            className="mt-1 rounded-md border border-slate-400 bg-white px-2 py-1.5 text-sm dark:border-slate-500 dark:bg-slate-900"
          >
            <option value="all">every pair (at most {MAX_ALL_PAIRS_K} ranked)</option>
            <option value="adjacent">adjacent pairs only (K − 1)</option>
          </select>
        </div>
        <div className="min-w-0 max-w-md flex-1 basis-full sm:basis-64">
          <label htmlFor="import-content-warning" className="block text-sm font-medium">
            Content warning (optional)
          </label>
          <input
            id="import-content-warning"
            value={contentWarning}
            onChange={(e) => setContentWarning(e.target.value)}
            maxLength={2000}
            placeholder="Shown before the first pair; HH-RLHF gets one by default"
            className="mt-1 w-full rounded-md border border-slate-400 bg-white px-2 py-1.5 text-sm dark:border-slate-500 dark:bg-slate-900"
          />
        </div>
      </div>
      {status.kind === 'busy' && (
        <div className="space-y-1" data-testid="import-progress">
          <p className="text-sm">
            {status.phase === 'reading' ? 'Reading' : 'Writing'} <Name name={status.file} />:{' '}
            {status.phase === 'reading'
              ? `${formatBytes(status.done)} of ${formatBytes(status.total)}`
              : `${status.done.toLocaleString()} of ${status.total.toLocaleString()} records`}
          </p>
          <progress
            className="h-2 w-full"
            max={status.total || 1}
            value={status.done}
            aria-label={`Import progress for ${isolatedName(status.file)}`}
          />
          <Button variant="danger" onClick={doCancel}>
            Cancel import
          </Button>
        </div>
      )}
      {status.kind === 'error' && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {status.message}
        </p>
      )}
      {entries.map((entry, i) => (
        <div key={entry.summary.token} className="space-y-1">
          {entry.summary.contentWarning && (
            <p className="text-sm" data-testid="import-content-warning-note">
              <span className="font-medium">Content warning</span> (shown before the first pair):{' '}
              {entry.summary.contentWarning}
            </p>
          )}
          <ImportSummary
            summary={entry.summary}
            imported={entry.imported}
            busy={status.kind === 'busy'}
            onImport={async (replace) => {
              if (await commit(i, replace)) setStatus({ kind: 'idle' });
            }}
            onRemap={(m) => remap(i, m)}
          />
        </div>
      ))}
      {cleanPending.length > 1 && (
        <Button variant="primary" onClick={commitAll} disabled={status.kind === 'busy'}>
          Import all {cleanPending.length} valid files
        </Button>
      )}
    </section>
  );
}
