'use client';
/** Saved runs of a dataset: view, make active for /inspect, retrain with today's labels, export/import the model, delete. */
import { useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { deleteRun, listRuns, newId, saveRun, type RunRecord } from '@/lib/db/app';
import { StorageError } from '@/lib/db/errors';
import { featureSetDim } from '@/lib/core/reward-model/feature-sets';
import { parseModelFile } from '@/lib/core/reward-model/model-file';
import { makeRunExperiment, parseRunExperiment } from '@/lib/core/reward-model/experiment';
import { useLabStore } from '@/lib/store';
import { useTrainingStore } from '@/lib/store/training';
import { downloadBlob, safeFileName } from '@/components/charts/download';
import { Button } from '@/components/ui/Button';
import { FileInput } from '@/components/ui/FileInput';
import { percent } from '@/components/ui/format';
import { describeRunProblems } from '@/lib/core/reward-model/run-record';
import { Name } from '@/components/ui/Name';
import { isolatedName } from '@/lib/core/display';

const acc = (run: RunRecord) => percent(run.metrics.heldOut.accuracy, 1);

/*
 * Below md (768 px) each row is a card: the cells stack (name, when, labels, accuracy, then the actions,
 * which wrap), so every action is on screen without scrolling the table sideways. From md up it is a table.
 * The table keeps its roles (Chromium keeps table semantics under display changes) and its header row for
 * screen readers (sr-only below md); each stacked figure carries a visible label that is aria-hidden.
 */
const CARD_TABLE = 'max-md:block';
const ROW =
  'border-b border-slate-200 align-top dark:border-slate-800 max-md:block max-md:rounded-lg max-md:border max-md:px-3 max-md:py-2';
const CELL = 'py-1.5 max-md:block max-md:py-0.5';

/** The column's name shown beside a stacked cell's value on narrow screens (screen readers get the header). */
function CardLabel({ children }: { children: string }) {
  return (
    <span aria-hidden="true" className="mr-1 text-slate-700 md:hidden dark:text-slate-300">
      {children}:
    </span>
  );
}

export function RunList({
  datasetId,
  selected,
  onSelect,
  onRetrain,
}: {
  datasetId: string;
  selected: string | null;
  onSelect: (id: string) => void;
  onRetrain: (run: RunRecord) => void;
}) {
  const runs = useLiveQuery(() => listRuns(datasetId), [datasetId]);
  const activeRunId = useTrainingStore((s) => s.activeRunId);
  const setActiveRun = useTrainingStore((s) => s.setActiveRun);
  const setProblem = useLabStore((s) => s.setStorageProblem);
  const busy = useTrainingStore((s) => s.status === 'training' || s.status === 'preparing');
  const [message, setMessage] = useState('');

  function exportModel(run: RunRecord) {
    const text = JSON.stringify(run.model, null, 1) + '\n';
    downloadBlob(safeFileName(`${run.name}.model.json`), new Blob([text], { type: 'application/json' }));
  }

  async function importModel(files: FileList | null) {
    const file = files?.[0];
    if (!file) return;
    const parsed = parseModelFile(await file.text(), featureSetDim);
    if (!parsed.ok) {
      setMessage(`${isolatedName(file.name)}: ${parsed.errors.join('; ')}`);
      return;
    }
    const model = parsed.file;
    const id = newId();
    try {
      await saveRun({
        id,
        datasetId,
        createdAt: Date.now(),
        name: file.name.replace(/\.json$/i, ''),
        config: makeRunExperiment(datasetId, [], model.config),
        metrics: {
          imported: true,
          heldOut: { n: model.metrics.val.n, accuracy: model.metrics.val.accuracy },
        },
        labelIds: [],
        model,
      });
      setActiveRun(id);
      onSelect(id);
      setMessage(`Imported ${isolatedName(file.name)}.`);
    } catch (e) {
      if (e instanceof StorageError) setProblem(e.problem);
    }
  }

  return (
    <section aria-labelledby="runs-h" className="min-w-0 space-y-3">
      <h2 id="runs-h" className="text-xl font-semibold">
        Runs
      </h2>
      {!runs?.length ? (
        <p className="text-sm">No runs on this dataset yet.</p>
      ) : (
        <div className="relative md:overflow-x-auto">
          <table
            className={`${CARD_TABLE} w-full text-left text-sm md:min-w-[36rem]`}
            data-testid="runs-table"
          >
            <thead className="max-md:sr-only">
              <tr className="border-b border-slate-300 dark:border-slate-700">
                <th scope="col">Run</th>
                <th scope="col">When</th>
                <th scope="col" className="text-right">
                  Labels
                </th>
                <th scope="col" className="text-right">
                  Held-out acc.
                </th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="max-md:block max-md:space-y-2">
              {runs.map((entry) => {
                if (!entry.ok)
                  return (
                    <tr key={entry.id} className={ROW} data-testid="damaged-run">
                      <td className={CELL}>
                        <Name name={entry.name} />
                        <span className="ml-2 rounded bg-red-700 px-1.5 text-xs text-white">damaged</span>
                      </td>
                      <td className={CELL} colSpan={3}>
                        This run was stored in a shape this app cannot read, so it cannot be viewed or used:{' '}
                        {describeRunProblems(entry.problems)}.
                      </td>
                      <td className={CELL}>
                        <Button
                          variant="danger"
                          onClick={() =>
                            window.confirm(`Delete the damaged run “${isolatedName(entry.name)}”?`) &&
                            void deleteRun(entry.id)
                          }
                        >
                          Delete
                        </Button>
                      </td>
                    </tr>
                  );
                const run = entry.run;
                return (
                  <tr
                    key={run.id}
                    className={`${ROW} ${selected === run.id ? 'bg-blue-50 dark:bg-slate-800' : ''}`}
                  >
                    <td className={`${CELL} max-md:font-medium`}>
                      <Name name={run.name} />
                      {activeRunId === run.id && (
                        <span className="ml-2 rounded bg-blue-700 px-1.5 text-xs text-white">active</span>
                      )}
                    </td>
                    <td className={CELL}>
                      <CardLabel>When</CardLabel>
                      {new Date(run.createdAt).toLocaleString()}
                    </td>
                    <td className={`${CELL} tabular-nums md:text-right`}>
                      <CardLabel>Labels</CardLabel>
                      {run.labelIds.length || '—'}
                    </td>
                    <td className={`${CELL} tabular-nums md:text-right`}>
                      <CardLabel>Held-out acc.</CardLabel>
                      {acc(run)}
                    </td>
                    <td className={`${CELL} max-md:pt-1.5 md:pl-3`}>
                      <div className="flex flex-wrap gap-1">
                        <Button onClick={() => onSelect(run.id)}>View</Button>
                        <Button onClick={() => setActiveRun(run.id)} disabled={activeRunId === run.id}>
                          Use in Inspect
                        </Button>
                        <Button
                          onClick={() => onRetrain(run)}
                          disabled={busy || !parseRunExperiment(run.config)}
                        >
                          Retrain with current labels
                        </Button>
                        <Button onClick={() => exportModel(run)}>Export model</Button>
                        <Button
                          variant="danger"
                          onClick={() =>
                            window.confirm(`Delete run “${isolatedName(run.name)}”?`) &&
                            void deleteRun(run.id)
                          }
                        >
                          Delete
                        </Button>
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <FileInput
        id="import-model"
        label="Import a model file (.json)"
        accept=".json,application/json"
        onFiles={(files) => void importModel(files)}
      />
      <p aria-live="polite" className="text-sm">
        {message}
      </p>
    </section>
  );
}
