'use client';
/**
 * /data export: TRL preference JSONL (ties dropped or split), HH-RLHF transcripts, raw labels JSONL for one,
 * several or all annotators; the full session bundle; and a participant's one-click hand-in file.
 */
import { useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { buildSessionBundle, listAnnotators, loadExportInput, rankingsFor } from '@/lib/db/app';
import { StorageError, toStorageProblem } from '@/lib/db/errors';
import {
  exportHhJsonl,
  exportLabelsJsonl,
  exportRankingsJsonl,
  exportTrlJsonl,
} from '@/lib/core/formats/export';
import { exportSession } from '@/lib/core/formats/session';
import { useLabStore } from '@/lib/store';
import { downloadBlob, safeFileName } from '@/components/charts/download';
import { Button } from '@/components/ui/Button';
import { DatasetSelect, useDatasets } from '@/components/ui/DatasetSelect';
import { Name } from '@/components/ui/Name';
import { stripBidiControls } from '@/lib/core/display';

type Kind = 'trl' | 'hh' | 'labels' | 'rankings';
const today = () => new Date().toISOString().slice(0, 10);

export function ExportPanel() {
  const datasets = useDatasets();
  const annotators = useLiveQuery(listAnnotators, []);
  const currentId = useLabStore((s) => s.annotatorId);
  const setProblem = useLabStore((s) => s.setStorageProblem);
  const [datasetId, setDatasetId] = useState('');
  const [kind, setKind] = useState<Kind>('trl');
  const [ties, setTies] = useState<'drop' | 'split'>('drop');
  const [only, setOnly] = useState<string[]>([]);
  const [message, setMessage] = useState('');
  const chosenDataset = datasetId || datasets?.[0]?.id || '';
  const me = annotators?.find((a) => a.id === currentId);

  async function run<T>(what: () => Promise<T>) {
    try {
      return await what();
    } catch (e) {
      setProblem(e instanceof StorageError ? e.problem : toStorageProblem(e));
      return undefined;
    }
  }

  async function exportPairs() {
    await run(async () => {
      const input = await loadExportInput(chosenDataset);
      if (!input) return;
      const opts = { annotatorIds: only.length ? only : undefined, ties };
      const text =
        kind === 'trl'
          ? exportTrlJsonl(input, opts)
          : kind === 'hh'
            ? exportHhJsonl(input, opts)
            : kind === 'labels'
              ? exportLabelsJsonl(input, opts)
              : exportRankingsJsonl(
                  input.dataset,
                  await rankingsFor(chosenDataset, opts.annotatorIds),
                  input.annotators,
                );
      const lines = text ? text.trimEnd().split('\n').length : 0;
      const name = safeFileName(
        `${input.dataset.dataset.name}-${kind === 'labels' ? 'labels' : kind}-${today()}.jsonl`,
      );
      downloadBlob(name, new Blob([text], { type: 'application/jsonl' }));
      setMessage(`Exported ${lines} lines to ${name}.`);
    });
  }

  async function exportBundle(annotatorIds?: string[], who?: string) {
    await run(async () => {
      const bundle = await buildSessionBundle({ annotatorIds });
      const name = safeFileName(`goodhart-session-${who ?? 'all'}-${today()}.json`);
      downloadBlob(name, new Blob([exportSession(bundle)], { type: 'application/json' }));
      setMessage(
        `Exported ${bundle.comparisons.length} labels, ${bundle.datasets.length} datasets and ${bundle.models.length} models to ${name}.`,
      );
    });
  }

  return (
    <section aria-labelledby="export-h" className="space-y-4">
      <h2 id="export-h" className="text-xl font-semibold">
        Export
      </h2>
      {me && (
        <div className="rounded-lg border border-blue-700 p-4">
          <p className="text-sm">
            Workshop participant? Hand in one file: it holds your labels, skips and the datasets you labeled.
          </p>
          <Button
            variant="primary"
            className="mt-2"
            aria-label={`Export my labels (${stripBidiControls(me.name)})`}
            onClick={() => exportBundle([me.id], me.name)}
          >
            <span className="min-w-0">
              Export my labels (<Name name={me.name} />)
            </span>
          </Button>
        </div>
      )}
      <div className="flex flex-wrap items-end gap-4">
        <DatasetSelect id="export-dataset" value={chosenDataset} onChange={setDatasetId} />
        <div>
          <label htmlFor="export-kind" className="block text-sm font-medium">
            Export format
          </label>
          <select
            id="export-kind"
            value={kind}
            onChange={(e) => setKind(e.target.value as Kind)}
            className="mt-1 rounded-md border border-slate-400 bg-white px-2 py-1.5 text-sm dark:bg-slate-900"
          >
            <option value="trl">TRL preference JSONL (prompt, chosen, rejected, margin)</option>
            <option value="hh">HH-RLHF transcripts (chosen, rejected)</option>
            <option value="labels">Raw labels JSONL (every field)</option>
            <option value="rankings">K-way rankings JSONL (prompt, responses, ranking, ties)</option>
          </select>
        </div>
        {(kind === 'trl' || kind === 'hh') && (
          <div>
            <label htmlFor="export-ties" className="block text-sm font-medium">
              Ties
            </label>
            <select
              id="export-ties"
              value={ties}
              onChange={(e) => setTies(e.target.value as 'drop' | 'split')}
              className="mt-1 rounded-md border border-slate-400 bg-white px-2 py-1.5 text-sm dark:bg-slate-900"
            >
              <option value="drop">drop ties</option>
              <option value="split">split: both orders, margin 0</option>
            </select>
          </div>
        )}
        <Button variant="primary" onClick={exportPairs} disabled={!chosenDataset}>
          Download
        </Button>
        <Button onClick={() => exportBundle()}>Download full session bundle</Button>
      </div>
      {annotators && annotators.length > 0 && (
        <fieldset>
          <legend className="text-sm font-medium">Annotators (none ticked = everyone)</legend>
          <div className="mt-1 flex flex-wrap gap-3">
            {annotators.map((a) => (
              <label key={a.id} className="flex items-center gap-1 text-sm">
                <input
                  type="checkbox"
                  checked={only.includes(a.id)}
                  onChange={(e) =>
                    setOnly((o) => (e.target.checked ? [...o, a.id] : o.filter((x) => x !== a.id)))
                  }
                />
                <Name name={a.name} />
              </label>
            ))}
          </div>
        </fieldset>
      )}
      <p aria-live="polite" className="text-sm" data-testid="export-message">
        {message}
      </p>
    </section>
  );
}
