'use client';
/**
 * /train: choose the dataset and whose labels, optionally let a simulated rater label, set the model and
 * hyperparameters, train in a worker with live curves, then read the run's honest held-out figures.
 */
import { useEffect, useState } from 'react';
import { AppLink } from '@/components/ui/AppLink';
import { useLiveQuery } from 'dexie-react-hooks';
import { datasetSummaries, getRun, listAnnotators, type RunRecord } from '@/lib/db/app';
import { describeRunProblems } from '@/lib/core/reward-model/run-record';
import { backendPlanned } from '@/lib/core/reward-model/backend-names';
import { DEFAULT_TRAIN_CONFIG, type TrainConfig } from '@/lib/core/reward-model/model-file';
import { makeRunExperiment, parseRunExperiment } from '@/lib/core/reward-model/experiment';
import { useLabStore } from '@/lib/store';
import { useTrainingStore } from '@/lib/store/training';
import { TrainingCurves } from '@/components/charts/TrainingCurves';
import { Button } from '@/components/ui/Button';
import { ConfigForm } from './ConfigForm';
import { RunList } from './RunList';
import { RunResults } from './RunResults';
import { SIMULATE_ANCHOR, SimulatePanel } from './SimulatePanel';
import { MIN_LABELS } from '@/lib/core/sample-size';
import { cancelTraining, startTraining } from './trainer';
import { DatasetSelect } from '@/components/ui/DatasetSelect';
import { Name } from '@/components/ui/Name';
import { EmbeddingProgress } from '@/components/ui/EmbeddingProgress';

export function TrainWorkbench() {
  const datasetId = useLabStore((s) => s.datasetId);
  const setDataset = useLabStore((s) => s.setDataset);
  const summaries = useLiveQuery(datasetSummaries, []);
  const annotators = useLiveQuery(listAnnotators, []);
  const training = useTrainingStore();
  const [chosen, setChosen] = useState<string[]>([]);
  const [config, setConfig] = useState<TrainConfig>({ ...DEFAULT_TRAIN_CONFIG });
  const [viewRunId, setViewRunId] = useState<string | null>(null);
  const shownRunId = viewRunId ?? training.runId ?? training.activeRunId;
  const shown = useLiveQuery(() => (shownRunId ? getRun(shownRunId) : undefined), [shownRunId]);
  const summary = summaries?.find((s) => s.dataset.id === datasetId);
  const counts = summary?.byAnnotator ?? {};
  const labelled = (annotators ?? []).filter((a) => counts[a.id]);
  const selectedLabels = chosen.length
    ? chosen.reduce((s, id) => s + (counts[id] ?? 0), 0)
    : (summary?.labels ?? 0);
  const busy = training.status === 'training' || training.status === 'preparing';

  useEffect(() => {
    if (summaries?.length && !summary) setDataset(summaries[0].dataset.id);
  }, [summaries, summary, setDataset]);

  async function train(exp = makeRunExperiment(datasetId, chosen, config)) {
    const who = exp.annotatorIds.length
      ? exp.annotatorIds.map((id) => annotators?.find((a) => a.id === id)?.name ?? id).join(' + ')
      : 'everyone';
    setViewRunId(null);
    await startTraining(exp, `${exp.train.model} · ${exp.train.features} · ${who} · seed ${exp.train.seed}`);
  }

  function retrain(r: RunRecord) {
    const exp = parseRunExperiment(r.config);
    if (!exp) return;
    setChosen(exp.annotatorIds);
    setConfig(exp.train);
    void train(exp);
  }

  return (
    <div className="min-w-0 space-y-8">
      <h1 className="text-2xl font-semibold">Train a reward model</h1>
      <section aria-labelledby="labels-h" className="space-y-3">
        <h2 id="labels-h" className="text-xl font-semibold">
          Labels
        </h2>
        <div className="flex flex-wrap items-end gap-6">
          <DatasetSelect
            id="train-dataset"
            value={datasetId}
            onChange={(id) => {
              setDataset(id);
              setChosen([]);
            }}
            describe={(d) => `(${summaries?.find((x) => x.dataset.id === d.id)?.labels ?? 0} labels)`}
          />
          <fieldset>
            <legend className="text-sm font-medium">Whose labels (none ticked = everyone&apos;s)</legend>
            <div className="mt-1 flex flex-wrap gap-3">
              {labelled.length === 0 && (
                <span className="text-sm">
                  No labels yet:{' '}
                  <AppLink href="/label" className="underline">
                    label some pairs
                  </AppLink>{' '}
                  or let a simulated rater label below.
                </span>
              )}
              {labelled.map((a) => (
                <label key={a.id} className="flex items-center gap-1 text-sm">
                  <input
                    type="checkbox"
                    checked={chosen.includes(a.id)}
                    onChange={(e) =>
                      setChosen((c) => (e.target.checked ? [...c, a.id] : c.filter((x) => x !== a.id)))
                    }
                  />
                  <Name name={a.name} /> ({counts[a.id]})
                </label>
              ))}
            </div>
          </fieldset>
        </div>
        <SimulatePanel datasetId={datasetId} onDone={(id) => setChosen([id])} />
      </section>

      <section aria-labelledby="model-h" className="space-y-3">
        <h2 id="model-h" className="text-xl font-semibold">
          Model and hyperparameters
        </h2>
        <ConfigForm value={config} onChange={setConfig} disabled={busy} />
        <div className="flex flex-wrap items-center gap-3">
          <Button variant="primary" onClick={() => train()} disabled={busy || selectedLabels < 2}>
            Train on {selectedLabels} labels
          </Button>
          {busy && (
            <Button variant="danger" onClick={() => void cancelTraining()}>
              Cancel
            </Button>
          )}
          <Button onClick={() => setConfig({ ...DEFAULT_TRAIN_CONFIG })} disabled={busy}>
            Reset to defaults
          </Button>
          <span className="min-w-0 text-sm" data-testid="backend">
            Backend: {backendPlanned(config, training.backend)}
          </span>
        </div>
        {selectedLabels >= 2 && selectedLabels < MIN_LABELS && !busy && (
          <p className="text-sm" data-testid="few-labels-hint">
            {selectedLabels} labels is fewer than {MIN_LABELS}: the model will train, but its figures will be
            a sketch.{' '}
            <a href={`#${SIMULATE_ANCHOR}`} className="underline">
              A simulated rater
            </a>{' '}
            can add 500.
          </p>
        )}
        <p aria-live="polite" data-testid="training-status" className="text-sm">
          {training.status === 'preparing' && !training.embedding && 'Preparing features…'}
          {training.status === 'training' &&
            (training.history.at(-1)?.gradNorm !== undefined
              ? `Training: solver iteration ${training.history.length}`
              : `Training: epoch ${training.history.length} of ${training.totalEpochs}`)}
          {training.status === 'done' && 'Done. The run is saved and is now the active model for Inspect.'}
          {training.status === 'cancelled' && 'Cancelled; nothing was saved.'}
        </p>
        {training.status === 'preparing' && training.embedding && (
          <EmbeddingProgress value={training.embedding} />
        )}
        {training.notes.length > 0 && (
          <ul
            data-testid="training-notes"
            className="list-disc pl-5 text-sm text-amber-900 dark:text-amber-200"
          >
            {training.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        )}
        {training.status === 'error' && training.message && (
          <p role="alert" className="rounded-md border border-red-700 p-3 text-red-800 dark:text-red-200">
            {training.message}
          </p>
        )}
        {busy && training.history.length > 0 && (
          <TrainingCurves
            points={training.history}
            title="Live: loss and accuracy per epoch"
            fileName="live-curves"
          />
        )}
      </section>

      {shown && !shown.ok && !busy && (
        <p
          role="alert"
          className="rounded-md border border-red-700 p-3 text-sm"
          data-testid="damaged-run-notice"
        >
          Run “<Name name={shown.name} />” is damaged and cannot be shown:{' '}
          {describeRunProblems(shown.problems)}. Delete it below, or train a new one.
        </p>
      )}
      {shown?.ok && !busy && (
        <>
          <RunResults run={shown.run} />
          <p>
            Next:{' '}
            <AppLink href="/inspect" className="font-medium underline">
              inspect what this reward model pays for →
            </AppLink>
          </p>
        </>
      )}
      <RunList datasetId={datasetId} selected={shownRunId} onSelect={setViewRunId} onRetrain={retrain} />
    </div>
  );
}
