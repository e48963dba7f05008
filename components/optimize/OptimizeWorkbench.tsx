'use client';
/**
 * /optimize: push an optimiser (best-of-n or RL with a KL penalty) against a trained reward model over
 * edited variants of each prompt's answers, in a worker, and watch proxy reward and gold against √KL;
 * the fix-it lab (./FixItLab.tsx) runs the same optimisation with each chosen mitigation side by side. For an encoder model
 * the table's texts are embedded here first (components/probes/embedTexts.ts, progress and Cancel) on a
 * bounded table unless the user asks for the full one (./EncoderBounds.tsx), then passed to the worker.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { AppLink } from '@/components/ui/AppLink';
import * as Comlink from 'comlink';
import { useLiveQuery } from 'dexie-react-hooks';
import { listRuns, loadExportInput } from '@/lib/db/app';
import { checkModelFile, modelFeatures } from '@/lib/core/reward-model/model-file';
import { featureSetDim, usesEncoder } from '@/lib/core/reward-model/feature-sets';
import { tableBounds } from '@/lib/core/goodhart/probes/budget';
import type { TextEmbeddings } from '@/lib/core/goodhart/probes/reward';
import type { DatasetFile } from '@/lib/core/types';
import {
  MITIGATIONS,
  type EnsembleChoice,
  type MitigationId,
} from '@/lib/core/goodhart/optimize/mitigations';
import { OPTIMIZE_DEFAULTS, type Method } from '@/lib/core/goodhart/optimize/run';
import {
  ENSEMBLE_MIN_LABELS,
  ENSEMBLE_ON,
  OPTIMIZER_SETTINGS as OPT,
  stepsRange,
} from '@/lib/core/goodhart/optimize/settings';
import { isolatedName } from '@/lib/core/display';
import { useTrainingStore } from '@/lib/store/training';
import type { OptimizeEvent, OptimizeWorkerApi } from '@/lib/workers/optimize-api';
import { useWorker } from '@/components/ui/useWorker';
import { Button } from '@/components/ui/Button';
import { Field } from '@/components/ui/Field';
import { DatasetSelect, SELECT_CLASS, useDatasets } from '@/components/ui/DatasetSelect';
import { OptimizeChart } from '@/components/charts/OptimizeChart';
import { EmbeddingProgress, type EmbeddingProgressValue } from '@/components/ui/EmbeddingProgress';
import { embedTexts } from '@/components/probes/embedTexts';
import { EncoderBounds, tableTexts } from './EncoderBounds';
import { FixItLab } from './FixItLab';
import { LabGrid, type LabCell } from './LabGrid';
import { RangeField } from './RangeField';
import { Samples } from './Samples';

/** The seed field (the page's own: the optimiser's settings table has no seed). */
const SEED_FIELD = { label: 'Seed', min: 0, max: 1e9, step: 1 };

/** "best-of-n" → "Best-of-n", for a button. */
const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function OptimizeWorkbench() {
  const worker = useWorker<OptimizeWorkerApi>(
    () => new Worker(new URL('../../lib/workers/optimize.worker.ts', import.meta.url)),
  ).get;
  const activeRunId = useTrainingStore((s) => s.activeRunId);
  const stored = useLiveQuery(() => listRuns(), []);
  const runs = useMemo(() => stored?.flatMap((s) => (s.ok ? [s.run] : [])), [stored]);
  const datasets = useDatasets();
  const [runChoice, setRunChoice] = useState<string | null>(null);
  const run = useMemo(
    () => runs?.find((r) => r.id === (runChoice ?? activeRunId)) ?? runs?.[0],
    [runs, runChoice, activeRunId],
  );
  const [datasetChoice, setDatasetChoice] = useState<string | null>(null);
  const datasetId = datasetChoice ?? run?.datasetId ?? datasets?.[0]?.id ?? null;
  const [method, setMethod] = useState<Method>('rl');
  const [steps, setSteps] = useState<number>(OPTIMIZE_DEFAULTS.rlSteps);
  const [klCoef, setKlCoef] = useState<number>(OPTIMIZE_DEFAULTS.klCoef);
  const [seed, setSeed] = useState<number>(OPTIMIZE_DEFAULTS.seed);
  const [chosen, setChosen] = useState<MitigationId[]>(['style-control', 'strong-kl']);
  const [ensemble, setEnsemble] = useState<EnsembleChoice>({ ...ENSEMBLE_ON });
  const [cells, setCells] = useState<LabCell[]>([]);
  const [status, setStatus] = useState('');
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [running, setRunning] = useState(false);
  const [full, setFull] = useState(false);
  const [embedding, setEmbedding] = useState<EmbeddingProgressValue | null>(null);
  const embedCtl = useRef<AbortController | null>(null);
  const set = run ? modelFeatures(run.model).set : 'style+hashed';
  const encoder = usesEncoder(set);
  const [shownDataset, setShownDataset] = useState<DatasetFile | null>(null);
  useEffect(() => {
    let gone = false;
    if (encoder && datasetId)
      void loadExportInput(datasetId).then((i) => !gone && setShownDataset(i?.dataset ?? null));
    return () => {
      gone = true;
    };
  }, [encoder, datasetId]);

  function chooseMethod(m: Method) {
    setMethod(m);
    setSteps(m === 'rl' ? OPTIMIZE_DEFAULTS.rlSteps : OPTIMIZE_DEFAULTS.bonSteps);
  }

  async function start() {
    if (!run || !datasetId) return;
    const parsed = checkModelFile(run.model, featureSetDim);
    if (!parsed.ok) {
      setStatus(`This run's model cannot be read: ${parsed.errors.join('; ')}`);
      return;
    }
    const input = await loadExportInput(datasetId);
    if (!input) return;
    const wantsEnsemble = chosen.includes('ensemble');
    if (wantsEnsemble && input.comparisons.length < ENSEMBLE_MIN_LABELS) {
      setStatus(
        `The ensemble needs labels on this dataset to train its members (${input.comparisons.length} of ${ENSEMBLE_MIN_LABELS}); label or simulate some on /train first.`,
      );
      return;
    }
    const mitigations: MitigationId[] = [
      'none',
      ...MITIGATIONS.map((m) => m.id).filter((id) => chosen.includes(id)),
    ];
    const total = mitigations.length * (steps + 1);
    const fresh = mitigations.map((m): LabCell => ({ mitigation: m, curve: [], result: null }));
    setCells(fresh);
    setRunning(true);
    let embeddings: TextEmbeddings | undefined;
    if (encoder) {
      setStatus('Embedding the action table’s texts with the sentence encoder…');
      const ctl = new AbortController();
      embedCtl.current = ctl;
      const texts = tableTexts(input.dataset, set, full, seed);
      try {
        embeddings = await embedTexts(
          // The ensemble's members train on every labelled response, so those are embedded too.
          wantsEnsemble ? [...texts, ...input.dataset.responses.map((r) => r.text)] : texts,
          input.dataset.responses,
          { signal: ctl.signal, onProgress: setEmbedding },
        );
      } catch (e) {
        setRunning(false);
        setStatus(
          e instanceof Error && e.name === 'AbortError'
            ? 'Cancelled while embedding: nothing was run.'
            : `Could not embed the texts: ${e instanceof Error ? e.message : String(e)}`,
        );
        return;
      } finally {
        setEmbedding(null);
        embedCtl.current = null;
      }
    }
    setStatus('Scoring every edited variant…');
    // Events arrive on their own port and may trail the answer: once it is in (or the run failed), they stop.
    let finished = false;
    const onEvent = (e: OptimizeEvent) => {
      if (finished) return;
      if (e.type === 'stage') {
        setStatus(
          e.stage === 'scoring' ? 'Scoring every edited variant…' : 'Training the ensemble’s members…',
        );
        setProgress({ done: e.done, total: e.total });
      } else if (e.type === 'points') {
        const k = mitigations.indexOf(e.mitigation);
        setStatus(
          `Optimising: ${MITIGATIONS.find((m) => m.id === e.mitigation)!.name}, step ${e.step} of ${e.steps}`,
        );
        setProgress({ done: k * (steps + 1) + e.step + 1, total });
        setCells((cs) =>
          cs.map((c) => (c.mitigation === e.mitigation ? { ...c, curve: [...c.curve, ...e.points] } : c)),
        );
      } else
        setCells((cs) =>
          cs.map((c) =>
            c.mitigation === e.run.mitigation ? { ...c, curve: e.run.result.curve, result: e.run.result } : c,
          ),
        );
    };
    try {
      const done = await worker().run(
        parsed.file,
        input.dataset,
        {
          method,
          seed,
          steps,
          klCoef,
          mitigations,
          ensemble: wantsEnsemble ? { ...ensemble, comparisons: input.comparisons } : undefined,
          table: tableBounds(set, full),
          embeddings,
        },
        Comlink.proxy(onEvent),
      );
      finished = true;
      setCells(done.map((r) => ({ mitigation: r.mitigation, curve: r.result.curve, result: r.result })));
      setStatus('Done.');
    } catch (e) {
      finished = true;
      const aborted = e instanceof Error && (e.name === 'AbortError' || /cancelled/.test(e.message));
      setStatus(
        aborted
          ? 'Cancelled: the curves stop where the run stopped.'
          : `The run failed: ${e instanceof Error ? e.message : String(e)}`,
      );
    } finally {
      setRunning(false);
      setProgress(null);
    }
  }

  const baseline = cells.find((c) => c.mitigation === 'none');
  const name = run ? isolatedName(run.name) : 'model';
  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">Optimise: watch a policy game the reward model</h1>
        <p className="max-w-4xl text-slate-700 dark:text-slate-300">
          RLHF is a reward model and an optimiser pushed against it. Here the optimiser may pick any answer a
          prompt has and rewrite it with up to three edits it was never trained on (a confident preamble,
          hedges removed, bold and bullets, flattery, padding, an invented citation, or a wrong claim spliced
          in). Proxy reward is what the model pays; gold is whether the answer is right. KL is computed
          exactly from the base policy, which picks an answer uniformly and almost never edits.
        </p>
      </div>
      {!runs?.length && (
        <p className="rounded-lg border border-slate-300 p-4 dark:border-slate-700">
          No reward model yet.{' '}
          <AppLink href="/train" className="underline">
            Train one
          </AppLink>{' '}
          (a simulated rater can label for you), then come back.
        </p>
      )}
      <form
        className="flex flex-wrap items-end gap-4"
        onSubmit={(e) => e.preventDefault()}
        aria-label="Optimiser settings"
      >
        <Field id="opt-run" label="Reward model (run)">
          <select
            id="opt-run"
            value={run?.id ?? ''}
            disabled={running}
            onChange={(e) => setRunChoice(e.target.value)}
            className={`${SELECT_CLASS} max-w-full sm:max-w-xs`}
          >
            {(runs ?? []).map((r) => (
              <option key={r.id} value={r.id}>
                {isolatedName(r.name)}
              </option>
            ))}
          </select>
        </Field>
        <DatasetSelect id="opt-dataset" value={datasetId ?? ''} onChange={setDatasetChoice} />
        <fieldset>
          <legend className="text-sm font-medium">Optimiser</legend>
          <div className="mt-1 flex overflow-hidden rounded-md border border-slate-400" role="group">
            {(Object.keys(OPT.method.choices) as Method[]).map((m) => (
              <button
                key={m}
                type="button"
                aria-pressed={method === m}
                disabled={running}
                onClick={() => chooseMethod(m)}
                className={`px-3 py-1.5 text-sm font-medium ${method === m ? 'bg-blue-700 text-white' : 'bg-white text-slate-900 dark:bg-slate-900 dark:text-slate-100'}`}
              >
                {capitalised(OPT.method.choices[m])}
              </button>
            ))}
          </div>
        </fieldset>
        <RangeField
          id="opt-steps"
          range={stepsRange(method)}
          value={steps}
          onChange={setSteps}
          disabled={running}
        />
        {method === 'rl' && (
          <RangeField id="opt-kl" range={OPT.klCoef} value={klCoef} onChange={setKlCoef} disabled={running} />
        )}
        <RangeField id="opt-seed" range={SEED_FIELD} value={seed} onChange={setSeed} disabled={running} />
      </form>
      <FixItLab
        chosen={chosen}
        onChosen={setChosen}
        ensemble={ensemble}
        onEnsemble={setEnsemble}
        disabled={running}
      />
      {encoder && (
        <EncoderBounds
          set={set}
          dataset={shownDataset}
          full={full}
          onFull={setFull}
          seed={seed}
          disabled={running}
        />
      )}
      {embedding && <EmbeddingProgress value={embedding} testId="optimize-embedding" />}
      <div className="flex flex-wrap items-center gap-3">
        <Button variant="primary" onClick={() => void start()} disabled={running || !run || !datasetId}>
          Run
        </Button>
        <Button
          variant="danger"
          onClick={() => {
            embedCtl.current?.abort();
            void worker().cancel();
          }}
          disabled={!running}
        >
          Cancel
        </Button>
        {progress && (
          <progress
            className="w-48 max-w-full"
            value={progress.done}
            max={Math.max(1, progress.total)}
            aria-label="Progress"
          />
        )}
        <p aria-live="polite" className="text-sm" data-testid="optimize-status">
          {status}
        </p>
      </div>
      {baseline && (
        <OptimizeChart
          live={!baseline.result}
          title={`${method === 'bon' ? 'Best-of-n' : 'RL'} against ${name}: proxy and gold against √KL`}
          subtitle={`Dotted: Gao et al.'s ${method === 'bon' ? 'd(α − βd)' : 'd(α − β ln d)'} fitted by least squares`}
          data={{ curve: baseline.curve, fit: baseline.result?.fit ?? { proxy: null, gold: null } }}
          fileName={`${name}-optimize-${method}`}
        />
      )}
      {cells.length > 1 && (
        <section aria-labelledby="lab-h" className="space-y-3">
          <h2 id="lab-h" className="text-xl font-semibold">
            Fix-it lab: the same run with each mitigation
          </h2>
          <LabGrid cells={cells} name={name} />
        </section>
      )}
      {baseline?.result && (
        <Samples samples={baseline.result.samples} title="What the optimiser writes, at checkpoints" />
      )}
    </div>
  );
}
