'use client';
/** /data: every stored dataset with prompt, response and label counts per annotator; reset the demo. */
import { useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { datasetSummaries, deleteDataset, listAnnotators, resetDataset } from '@/lib/db/app';
import { StorageError, toStorageProblem } from '@/lib/db/errors';
import { DEMO_DATASET_ID, DEMO_URL } from '@/lib/core/demo';
import type { DatasetFile } from '@/lib/core/types';
import { useLabStore } from '@/lib/store';
import { Button } from '@/components/ui/Button';
import { Name } from '@/components/ui/Name';
import { isolatedName } from '@/lib/core/display';
import { TableScroll } from '@/components/ui/TableScroll';

export function DatasetList() {
  const summaries = useLiveQuery(datasetSummaries, []);
  const annotators = useLiveQuery(listAnnotators, []);
  const setProblem = useLabStore((s) => s.setStorageProblem);
  const [message, setMessage] = useState('');
  const [deleteLabels, setDeleteLabels] = useState(false);
  const names = new Map((annotators ?? []).map((a) => [a.id, a.name]));
  const hasDemo = summaries?.some((s) => s.dataset.id === DEMO_DATASET_ID);

  async function resetDemo() {
    try {
      const res = await fetch(DEMO_URL);
      if (!res.ok) throw new Error(`could not load ${DEMO_URL} (${res.status})`);
      await resetDataset((await res.json()) as DatasetFile, { deleteLabels });
      setMessage(deleteLabels ? 'Demo restored and its labels deleted.' : 'Demo restored; labels kept.');
    } catch (e) {
      setProblem(e instanceof StorageError ? e.problem : toStorageProblem(e));
    }
  }

  async function remove(id: string, name: string) {
    if (
      !window.confirm(`Delete “${isolatedName(name)}” with all its labels and models? This cannot be undone.`)
    )
      return;
    try {
      await deleteDataset(id);
      setMessage(`Deleted ${isolatedName(name)}.`);
    } catch (e) {
      setProblem(e instanceof StorageError ? e.problem : toStorageProblem(e));
    }
  }

  return (
    <section aria-labelledby="datasets-h" className="space-y-4">
      <h2 id="datasets-h" className="text-xl font-semibold">
        Datasets
      </h2>
      {!summaries ? (
        <p>Loading…</p>
      ) : summaries.length === 0 ? (
        <p>No datasets stored. Restore the demo below or import a file.</p>
      ) : (
        <TableScroll label="Datasets" className="relative">
          <table className="w-full border-collapse text-left text-sm" data-testid="datasets-table">
            <thead>
              <tr className="border-b border-slate-300 dark:border-slate-700">
                <th scope="col" className="py-2 pr-4">
                  Dataset
                </th>
                <th scope="col" className="py-2 pr-4 text-right">
                  Prompts
                </th>
                <th scope="col" className="py-2 pr-4 text-right">
                  Responses
                </th>
                <th scope="col" className="py-2 pr-4 text-right">
                  Labels
                </th>
                <th scope="col" className="py-2 pr-4">
                  Labels per annotator
                </th>
                <th scope="col" className="py-2">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {summaries.map((s) => (
                <tr key={s.dataset.id} className="border-b border-slate-200 align-top dark:border-slate-800">
                  <td className="py-2 pr-4">
                    <div className="font-medium">
                      <Name name={s.dataset.name} />
                    </div>
                    <div className="text-xs text-slate-600 dark:text-slate-400">
                      <Name name={s.dataset.source} />
                    </div>
                  </td>
                  <td className="py-2 pr-4 text-right tabular-nums">{s.prompts}</td>
                  <td className="py-2 pr-4 text-right tabular-nums">{s.responses}</td>
                  <td className="py-2 pr-4 text-right tabular-nums">{s.labels}</td>
                  <td className="py-2 pr-4">
                    {Object.keys(s.byAnnotator).length === 0
                      ? '—'
                      : Object.entries(s.byAnnotator)
                          .sort((a, b) => b[1] - a[1])
                          .map(([id, n], i) => (
                            <span key={id} data-testid="annotator-count">
                              {i > 0 ? ', ' : ''}
                              <Name name={names.get(id) ?? id} />: {n}
                            </span>
                          ))}
                  </td>
                  <td className="py-2">
                    <Button variant="danger" onClick={() => remove(s.dataset.id, s.dataset.name)}>
                      Delete
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <div className="flex flex-wrap items-center gap-3 rounded-lg border border-slate-300 p-4 dark:border-slate-700">
        <Button variant="primary" onClick={resetDemo}>
          {hasDemo ? 'Reset demo' : 'Restore demo'}
        </Button>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={deleteLabels} onChange={(e) => setDeleteLabels(e.target.checked)} />
          also delete the labels on the demo
        </label>
        <p className="text-sm text-slate-700 dark:text-slate-300">
          Restores the demo&apos;s prompts and responses as shipped. Other datasets are not touched.
        </p>
      </div>
      <p aria-live="polite" className="text-sm">
        {message}
      </p>
    </section>
  );
}
