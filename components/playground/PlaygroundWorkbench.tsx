'use client';
/**
 * /playground: turn a knob, watch the consequence. Runs the preset fact-checking sweep, any one-knob
 * sweep or an active-learning comparison in the playground worker (with progress and cancel), plots the
 * results, and shares the exact experiment as a link or file (a shared link fills the form and offers to
 * run it; a bad link says why and falls back to the preset).
 */
import { useEffect, useRef, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { datasetSummaries, loadDatasetFile } from '@/lib/db/app';
import { decodeExperimentHash, parseExperimentValue } from '@/lib/core/playground/share';
import { RATER_PRESETS } from '@/lib/core/labeling/raters';
import { OPTIMIZER_SETTINGS } from '@/lib/core/goodhart/optimize/settings';
import {
  baseSettings,
  formatKnobValue,
  KNOBS,
  PRESET_FACT_CHECK_SWEEP,
  PRESET_FACT_CHECK_TITLE,
  studyNeedsTfjs,
  studyUsesEncoder,
  sweepRunsOptimizer,
  sweepValues,
  type KnobId,
  type PlaygroundExperiment,
  type SweepPoint,
} from '@/lib/core/playground/sweep';
import { Button } from '@/components/ui/Button';
import { ActiveLearningResults, type PolicyCurveData } from './ActiveLearningResults';
import { ExperimentForm } from './ExperimentForm';
import { SharePanel } from './SharePanel';
import { SweepResults } from './SweepResults';
import * as Comlink from 'comlink';
import type { PlaygroundEvent, PlaygroundWorkerApi } from '@/lib/workers/sweep-api';
import { useWorker } from '@/components/ui/useWorker';
import { embedResponses } from '@/components/ui/embedResponses';
import { embeddingProgressText } from '@/components/ui/EmbeddingProgress';
import { backendLabel } from '@/lib/core/reward-model/backend-names';
import type { ResponseEmbeddings } from '@/lib/core/reward-model/training-data';

type Status = 'idle' | 'running' | 'done' | 'cancelled' | 'error';
interface SweepView {
  knob: KnobId;
  values: number[];
  points: (SweepPoint | undefined)[];
  title: string;
}
interface AlView {
  curves: PolicyCurveData[];
  target: number;
  heldOutPairs: number | null;
}

const clone = (e: PlaygroundExperiment): PlaygroundExperiment => JSON.parse(JSON.stringify(e));

function titleOf(exp: PlaygroundExperiment): string {
  if (exp.study.kind !== 'sweep') return 'Active learning';
  if (JSON.stringify(exp) === JSON.stringify(PRESET_FACT_CHECK_SWEEP)) return PRESET_FACT_CHECK_TITLE;
  const labels = exp.study.knob === 'labels' ? '' : ` · ${exp.study.labels} labels per point`;
  const opt = sweepRunsOptimizer(exp)
    ? ` · ${OPTIMIZER_SETTINGS.method.choices[baseSettings(exp).optimizer.method]}`
    : '';
  return `${KNOBS[exp.study.knob].label} · ${RATER_PRESETS[exp.rater.preset].name}${labels}${opt}`;
}

/** The whole playground page. */
export function PlaygroundWorkbench() {
  const summaries = useLiveQuery(datasetSummaries, []);
  const getApi = useWorker<PlaygroundWorkerApi>(
    () => new Worker(new URL('../../lib/workers/sweep.worker.ts', import.meta.url)),
  ).get;
  const [exp, setExp] = useState<PlaygroundExperiment>(() => clone(PRESET_FACT_CHECK_SWEEP));
  const [shared, setShared] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  const [status, setStatus] = useState<Status>('idle');
  const [message, setMessage] = useState('');
  const [progress, setProgress] = useState<{ fraction: number; text: string } | null>(null);
  const [backend, setBackend] = useState<string | null>(null);
  const [sweep, setSweep] = useState<SweepView | null>(null);
  const [al, setAl] = useState<AlView | null>(null);
  const started = useRef(0);
  /** Stops the embedding step of a run whose features read the sentence encoder. */
  const embedding = useRef<AbortController | null>(null);
  const running = status === 'running';

  useEffect(() => {
    const read = () => {
      const r = decodeExperimentHash(window.location.hash);
      if (r === null) return;
      if (r.ok) {
        setExp(r.experiment);
        setShared(true);
        setProblems([]);
      } else {
        setExp(clone(PRESET_FACT_CHECK_SWEEP));
        setShared(false);
        setProblems([
          'This link’s experiment could not be read, so the default experiment is shown:',
          ...r.errors,
        ]);
      }
    };
    const t = setTimeout(read, 0);
    window.addEventListener('hashchange', read);
    return () => {
      clearTimeout(t);
      window.removeEventListener('hashchange', read);
    };
  }, []);

  async function run(e: PlaygroundExperiment) {
    const checked = parseExperimentValue(e);
    if (!checked.ok) {
      setProblems(['Fix these settings first:', ...checked.errors]);
      return;
    }
    setProblems([]);
    setStatus('running');
    setMessage('Loading the dataset…');
    setProgress({ fraction: 0, text: 'Starting…' });
    started.current = performance.now();
    try {
      const dataset = await loadDatasetFile(e.datasetId);
      if (!dataset)
        throw new Error(`Dataset “${e.datasetId}” is not on this device: import it on the Data page first.`);
      const api = getApi();
      if (studyNeedsTfjs(e)) setMessage('Starting TF.js in the worker…');
      setBackend(await api.backendFor(e));
      setMessage('');
      let embeddings: ResponseEmbeddings | undefined;
      if (studyUsesEncoder(e)) {
        if (e.study.kind !== 'sweep')
          throw new Error(
            'Active learning trains on the transparent features only (style + hashed n-grams, or hashed n-grams alone): choose one under Features.',
          );
        const ctl = new AbortController();
        embedding.current = ctl;
        const prompts = new Set(dataset.prompts.map((p) => p.id));
        try {
          embeddings = await embedResponses(
            dataset.responses.filter((r) => prompts.has(r.promptId)),
            {
              signal: ctl.signal,
              onProgress: (p) =>
                setProgress({ fraction: p.done / Math.max(1, p.total), text: embeddingProgressText(p) }),
            },
          );
        } finally {
          embedding.current = null;
        }
      }
      if (e.study.kind === 'sweep') {
        const study = e.study;
        const values = sweepValues(study);
        const view: SweepView = {
          knob: study.knob,
          values,
          points: values.map(() => undefined),
          title: titleOf(e),
        };
        setSweep(view);
        setAl(null);
        const onEvent = (ev: PlaygroundEvent) => {
          if (ev.type === 'sweep-progress') {
            const p = ev.progress;
            setProgress({
              fraction: (p.point + p.epoch / p.epochs) / p.points,
              text: `Point ${p.point + 1} of ${p.points} (${KNOBS[study.knob].label} = ${formatKnobValue(study.knob, values[p.point])}) · ${p.stage === 'optimizing' ? 'running the optimiser' : `epoch ${p.epoch} of ${p.epochs}`}`,
            });
          } else if (ev.type === 'sweep-point')
            setSweep((s) => s && { ...s, points: s.points.map((q, i) => (i === ev.index ? ev.point : q)) });
        };
        await api.runSweep(
          dataset,
          e,
          Comlink.proxy(onEvent),
          embeddings && Comlink.transfer(embeddings, [embeddings.vectors.buffer as ArrayBuffer]),
        );
      } else {
        const study = e.study;
        setSweep(null);
        setAl({ curves: [], target: study.target, heldOutPairs: null });
        // Comlink delivers callback calls on their own port, so an 'al-run' may arrive after the
        // result: once the result is in, late events are dropped (else a policy's row appears twice).
        let finished = false;
        const onEvent = (ev: PlaygroundEvent) => {
          if (finished) return;
          if (ev.type === 'al-progress') {
            const p = ev.progress;
            const span = Math.max(1, study.max - study.start);
            setProgress({
              fraction: (p.policy + Math.min(1, (p.labels - study.start) / span)) / p.policies,
              text: `Policy ${p.policy + 1} of ${p.policies} (${study.policies[p.policy]}) · ${p.labels} of ${p.max} labels`,
            });
          } else if (ev.type === 'al-run')
            setAl(
              (a) => a && { ...a, curves: [...a.curves, { policy: ev.run.policy, points: ev.run.points }] },
            );
        };
        const result = await api.runActiveLearning(dataset, e, Comlink.proxy(onEvent));
        finished = true;
        setAl({ curves: result.runs, target: study.target, heldOutPairs: result.heldOutPairs });
      }
      setStatus('done');
      setMessage(`Finished in ${((performance.now() - started.current) / 1000).toFixed(1)} s.`);
    } catch (err) {
      const aborted = err instanceof Error && (err.name === 'AbortError' || /cancelled/i.test(err.message));
      setStatus(aborted ? 'cancelled' : 'error');
      setMessage(aborted ? 'Cancelled.' : err instanceof Error ? err.message : String(err));
    } finally {
      setProgress(null);
    }
  }

  function load(e: PlaygroundExperiment) {
    setExp(e);
    setShared(true);
    setProblems([]);
  }

  return (
    <div className="space-y-6">
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold">Playground: turn a knob, watch the consequence</h1>
        <p className="max-w-4xl text-slate-700 dark:text-slate-300">
          Each point of a sweep lets a simulated rater label the dataset, trains a fresh reward model on those
          labels and checks it against the gold answers on prompts it never saw. Change one thing — how often
          the rater checks facts, how much it likes confident polish, the model size — and see whether the
          reward model learns to pay for fluent-but-wrong answers. Same settings, same seed, same numbers.
        </p>
      </header>

      {shared && (
        <div
          role="status"
          className="flex flex-wrap items-center gap-3 rounded-lg border border-blue-300 bg-blue-50 p-3 dark:border-blue-800 dark:bg-blue-950"
        >
          <span className="font-medium">A shared experiment is loaded in the form below.</span>
          <Button variant="primary" onClick={() => void run(exp)} disabled={running}>
            Run this shared experiment
          </Button>
        </div>
      )}
      {problems.length > 0 && (
        <div
          role="alert"
          className="rounded-lg border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
        >
          <p className="font-medium">{problems[0]}</p>
          <ul className="list-disc pl-5">
            {problems.slice(1).map((p, i) => (
              <li key={i}>{p}</li>
            ))}
          </ul>
        </div>
      )}

      <section
        aria-labelledby="preset-h"
        className="rounded-lg border border-slate-300 p-4 dark:border-slate-700"
      >
        <h2 id="preset-h" className="text-xl font-semibold">
          {PRESET_FACT_CHECK_TITLE}
        </h2>
        <p className="mt-1 text-slate-700 dark:text-slate-300">
          The hurried rater, on the demo pack, with its fact-check probability turned from 0 to 1 in 10 steps;
          500 labels and a fresh reward model per step.
        </p>
        <Button
          variant="primary"
          className="mt-3 px-5 py-2.5 text-base"
          disabled={running}
          onClick={() => {
            const preset = clone(PRESET_FACT_CHECK_SWEEP);
            setExp(preset);
            setShared(false);
            void run(preset);
          }}
        >
          Run the fact-checking sweep
        </Button>
      </section>

      <section aria-labelledby="results-h" className="space-y-3">
        <h2 id="results-h" className="sr-only">
          Results
        </h2>
        <div className="flex flex-wrap items-center gap-3">
          {running && (
            <Button
              variant="danger"
              onClick={() => {
                embedding.current?.abort();
                void getApi().cancel();
              }}
            >
              Cancel
            </Button>
          )}
          <span className="text-sm" data-testid="run-status" data-status={status} aria-live="polite">
            {message}
          </span>
          <span className="text-sm text-slate-600 dark:text-slate-400" data-testid="backend">
            {backend ? `Backend: ${backendLabel(backend)}` : ''}
          </span>
        </div>
        {progress && (
          <div>
            <div
              role="progressbar"
              aria-label="Experiment progress"
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={Math.round(progress.fraction * 100)}
              className="h-3 w-full overflow-hidden rounded bg-slate-200 dark:bg-slate-800"
            >
              <div className="h-full bg-blue-700" style={{ width: `${progress.fraction * 100}%` }} />
            </div>
            <p className="mt-1 text-sm" data-testid="progress-text">
              {progress.text}
            </p>
          </div>
        )}
        {sweep && (
          <SweepResults knob={sweep.knob} values={sweep.values} points={sweep.points} title={sweep.title} />
        )}
        {al && <ActiveLearningResults curves={al.curves} target={al.target} heldOutPairs={al.heldOutPairs} />}
        <details className="text-sm">
          <summary className="cursor-pointer font-medium">What do these numbers mean?</summary>
          <ul className="mt-2 list-disc space-y-1 pl-5 text-slate-700 dark:text-slate-300">
            <li>
              <b>Wrong answer preferred</b>: among held-out prompts with a right and a wrong answer, how often
              the reward model’s favourite is wrong.
            </li>
            <li>
              <b>Held-out accuracy</b>: how often the model agrees with the rater’s own labels on held-out
              prompts — high accuracy can mean the model learned the rater’s bias faithfully.
            </li>
            <li>
              <b>Best-of-n gold peak</b>: pick the highest-reward of n answers; the best expected share of
              correct picks over n = 1…16. When it peaks at n = 1, optimising the reward only makes answers
              worse.
            </li>
            <li>
              <b>Hacking gap</b>: how much more reward fluent-but-wrong answers earn than hedged-but-right
              ones, in reward standard deviations.
            </li>
            <li>
              <b>Optimiser</b> (when a sweep runs it, always for an optimiser knob): best-of-n or RL pushed
              against the point’s reward model over edited answers, as on the Optimise page, with the
              mitigations chosen. <b>Gold at the end</b> is the expected share of correct answers at the end
              of the optimisation; <b>proxy gain</b> is how much the optimised (mitigated) reward rose.
            </li>
          </ul>
        </details>
      </section>

      <section
        aria-labelledby="exp-h"
        className="space-y-4 rounded-lg border border-slate-300 p-4 dark:border-slate-700"
      >
        <h2 id="exp-h" className="text-xl font-semibold">
          Your experiment
        </h2>
        <ExperimentForm
          value={exp}
          onChange={setExp}
          datasets={(summaries ?? []).map((s) => ({ id: s.dataset.id, name: s.dataset.name }))}
          disabled={running}
        />
        <div className="flex flex-wrap gap-3">
          <Button variant="primary" onClick={() => void run(exp)} disabled={running}>
            {exp.study.kind === 'sweep' ? 'Run sweep' : 'Run comparison'}
          </Button>
          <Button onClick={() => setExp(clone(PRESET_FACT_CHECK_SWEEP))} disabled={running}>
            Reset to the preset
          </Button>
        </div>
        <SharePanel
          experiment={exp}
          onOpen={load}
          onError={(errs) => setProblems(['That file is not an experiment:', ...errs])}
        />
      </section>
    </div>
  );
}
