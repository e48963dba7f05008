'use client';
/**
 * /inspect: pick a trained model (the active run by default) and a dataset, build the Goodhart report in a
 * worker, and show it; or bring your own scores from any external reward model (JSONL). A model of an encoder
 * feature set first embeds the dataset's responses (shipped for the demo, else the browser's encoder, with
 * progress and cancel); its per-response "why" is left out, since its embedding's weights have no names.
 */
import { useEffect, useMemo, useState } from 'react';
import { AppLink } from '@/components/ui/AppLink';
import { useLiveQuery } from 'dexie-react-hooks';
import { listRuns, loadExportInput } from '@/lib/db/app';
import { describeRunProblems, isImportedMetrics } from '@/lib/core/reward-model/run-record';
import { checkModelFile, modelFeatures, type RewardModelFile } from '@/lib/core/reward-model/model-file';
import { featureSetDim, usesEncoder } from '@/lib/core/reward-model/feature-sets';
import type { ResponseEmbeddings } from '@/lib/core/reward-model/training-data';
import type { InspectReport, ScoresReport } from '@/lib/core/goodhart/report';
import { parseScoresJsonl } from '@/lib/core/formats/scores';
import { useTrainingStore } from '@/lib/store/training';
import { ReportView } from './ReportView';
import { ProbePanel } from '@/components/probes/ProbePanel';
import type { InspectWorkerApi } from '@/lib/workers/inspect-api';
import { useWorker } from '@/components/ui/useWorker';
import { embedResponses } from '@/components/ui/embedResponses';
import { EmbeddingProgress, type EmbeddingProgressValue } from '@/components/ui/EmbeddingProgress';
import { DatasetSelect, useDatasets } from '@/components/ui/DatasetSelect';
import { FileInput } from '@/components/ui/FileInput';
import { Name } from '@/components/ui/Name';
import { displayName, isolatedName } from '@/lib/core/display';

type Loaded =
  | {
      kind: 'model';
      report: InspectReport;
      texts: Map<string, { prompt: string; text: string }>;
      model: RewardModelFile;
      name: string;
      /** Labels the model trained on (a run trained here); null for an imported model file. */
      labels: number | null;
    }
  | {
      kind: 'scores';
      report: ScoresReport;
      texts: Map<string, { prompt: string; text: string }>;
      name: string;
    };

export function InspectWorkbench() {
  const worker = useWorker<InspectWorkerApi>(
    () => new Worker(new URL('../../lib/workers/inspect.worker.ts', import.meta.url)),
  ).get;
  const activeRunId = useTrainingStore((s) => s.activeRunId);
  const stored = useLiveQuery(() => listRuns(), []);
  // Damaged runs (stored in another shape by an older app) are listed on /train; only usable runs here.
  const runs = useMemo(() => stored?.flatMap((s) => (s.ok ? [s.run] : [])), [stored]);
  const damagedActive = stored?.find((s) => !s.ok && s.id === activeRunId);
  const datasets = useDatasets();
  const setActiveRun = useTrainingStore((s) => s.setActiveRun);
  const [datasetChoice, setDatasetChoice] = useState<string | null>(null);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [status, setStatus] = useState('');
  const [scoresIssues, setScoresIssues] = useState<string[]>([]);
  const [embedding, setEmbedding] = useState<{ value: EmbeddingProgressValue; stop: () => void } | null>(
    null,
  );
  const run = useMemo(() => runs?.find((r) => r.id === activeRunId) ?? runs?.[0], [runs, activeRunId]);
  const datasetId = datasetChoice ?? run?.datasetId ?? datasets?.[0]?.id ?? null;

  useEffect(() => {
    if (!run || !datasetId) return;
    let cancelled = false;
    const ctl = new AbortController();
    (async () => {
      setStatus('Scoring every response…');
      const parsed = checkModelFile(run.model, featureSetDim);
      if (!parsed.ok) {
        setStatus(`This run's model cannot be read: ${parsed.errors.join('; ')}`);
        return;
      }
      const input = await loadExportInput(datasetId);
      if (!input || cancelled) return;
      const { dataset: file, comparisons, annotators } = input;
      let embeddings: ResponseEmbeddings | undefined;
      if (usesEncoder(modelFeatures(parsed.file).set)) {
        setStatus('Embedding the responses with the sentence encoder…');
        const stop = () => ctl.abort();
        const prompts = new Set(file.prompts.map((p) => p.id));
        try {
          embeddings = await embedResponses(
            file.responses.filter((r) => prompts.has(r.promptId)),
            { signal: ctl.signal, onProgress: (value) => !cancelled && setEmbedding({ value, stop }) },
          );
        } finally {
          setEmbedding(null);
        }
        if (cancelled) return;
        setStatus('Scoring every response…');
      }
      const report = await worker().inspect(
        parsed.file,
        file,
        { comparisons, annotators, maxN: 16 },
        embeddings,
      );
      if (cancelled) return;
      const labels = isImportedMetrics(run.metrics) ? null : run.metrics.labels;
      setLoaded({ kind: 'model', report, texts: report.texts, model: parsed.file, name: run.name, labels });
      setStatus('');
    })().catch((e) => {
      if (cancelled) return;
      if (e instanceof Error && e.name === 'AbortError')
        setStatus(
          'Embedding cancelled, so nothing was scored: choose another run or dataset, or reload the page.',
        );
      else setStatus(`Could not build the report: ${e instanceof Error ? e.message : String(e)}`);
    });
    return () => {
      cancelled = true;
      ctl.abort();
    };
    // `worker` is a stable getter for this page's worker.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [run, datasetId]);

  async function loadScores(files: FileList | null) {
    const f = files?.[0];
    if (!f) return;
    const { scores, issues } = parseScoresJsonl(await f.text());
    setScoresIssues(
      issues
        .slice(0, 50)
        .map((i) => `${displayName(f.name)}:${i.line}: ${i.field ? `${i.field}: ` : ''}${i.message}`),
    );
    if (!scores.length) return;
    setStatus('Analysing the scores…');
    const report = await worker().inspectScores(scores);
    setLoaded({ kind: 'scores', report, texts: report.texts, name: f.name.replace(/\.jsonl?$/i, '') });
    setStatus('');
  }

  // The "why" of one response reads feature weights, which an encoder model's embedding part lacks.
  const explain =
    loaded?.kind === 'model' && !usesEncoder(modelFeatures(loaded.model).set)
      ? async (id: string) => {
          const t = loaded.texts.get(id);
          return t ? worker().explain(loaded.model, t.prompt, t.text) : null;
        }
      : undefined;

  return (
    <div className="min-w-0 space-y-8">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">Inspect: what does the reward model pay for?</h1>
        <p className="max-w-4xl text-slate-700 dark:text-slate-300">
          A reward model learns what raters reward, not what is true. Here you can see whether yours pays for
          confidence and polish rather than correctness, and what happens when you optimise against it.
        </p>
        <p className="max-w-4xl text-sm text-slate-700 dark:text-slate-300" data-testid="gold-definition">
          <dfn className="font-semibold not-italic">Gold</dfn> means the dataset&apos;s own mark of whether a
          response is actually correct: known truth that the raters did not necessarily check and the reward
          model never sees. Every figure below that says &ldquo;correct&rdquo; or &ldquo;wrong&rdquo; is
          measured against it.
        </p>
      </div>
      <div className="flex flex-wrap items-end gap-4">
        <div className="min-w-0 max-w-full">
          <label htmlFor="inspect-run" className="block text-sm font-medium">
            Reward model (run)
          </label>
          <select
            id="inspect-run"
            value={run?.id ?? ''}
            onChange={(e) => {
              setActiveRun(e.target.value);
              setDatasetChoice(null);
            }}
            className="mt-1 w-full max-w-md rounded-md border border-slate-400 bg-white px-2 py-1.5 text-sm dark:bg-slate-900"
          >
            {!runs?.length && <option value="">no trained model yet</option>}
            {(runs ?? []).map((r) => (
              <option key={r.id} value={r.id}>
                {isolatedName(r.name)} — {new Date(r.createdAt).toLocaleString()}
              </option>
            ))}
          </select>
        </div>
        <DatasetSelect id="inspect-dataset" value={datasetId ?? ''} onChange={setDatasetChoice} />
        <FileInput
          id="byo-scores"
          label="Or bring your own scores (JSONL: prompt, response, reward, correct?)"
          accept=".jsonl,.json,.txt"
          onFiles={(files) => void loadScores(files)}
        />
      </div>
      {scoresIssues.length > 0 && (
        <ul role="alert" className="text-sm text-red-700 dark:text-red-300" data-testid="scores-issues">
          {scoresIssues.map((i) => (
            <li key={i} className="font-mono">
              {i}
            </li>
          ))}
        </ul>
      )}
      {!runs?.length && !loaded && (
        <p className="rounded-lg border border-slate-300 p-4 dark:border-slate-700">
          No reward model yet.{' '}
          <AppLink href="/train" className="underline">
            Train one
          </AppLink>{' '}
          (a simulated rater can label for you), or bring your own scores above.
        </p>
      )}
      {damagedActive && !damagedActive.ok && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300" data-testid="damaged-run">
          The active run “<Name name={damagedActive.name} />” is damaged and cannot be inspected (
          {describeRunProblems(damagedActive.problems)}
          ); showing “<Name name={run?.name ?? 'no model'} />” instead. Delete it on /train.
        </p>
      )}
      <p aria-live="polite" className="text-sm" data-testid="inspect-status">
        {status}
      </p>
      {embedding && <EmbeddingProgress value={embedding.value} onCancel={embedding.stop} />}
      {loaded && (
        <>
          <p className="text-sm text-slate-700 dark:text-slate-300">
            Showing:{' '}
            <strong>
              <Name name={loaded.name} />
            </strong>
            {loaded.kind === 'scores' ? ' (external scores)' : ''}
          </p>
          <ReportView
            key={loaded.name}
            report={loaded.report}
            texts={loaded.texts}
            explain={explain}
            name={loaded.name}
            labels={loaded.kind === 'model' ? loaded.labels : null}
            linear={loaded.kind === 'model' && loaded.model.weights.kind === 'linear'}
            probes={
              loaded.kind === 'model' && datasetId ? (
                <ProbePanel model={loaded.model} datasetId={datasetId} />
              ) : null
            }
          />
        </>
      )}
    </div>
  );
}
