/**
 * The playground worker: runs sweeps and active-learning comparisons (TF.js) off the main thread and
 * reports progress through comlink callbacks. Spawned by components/playground/usePlaygroundWorker.ts
 * with `new Worker(new URL('./sweep.worker.ts', import.meta.url))` (classic worker, no `type: 'module'`).
 * `cancel()` aborts the running request between batches; the request then rejects with an AbortError.
 */
import * as Comlink from 'comlink';
import type { PlaygroundExperiment, SweepPoint } from '../core/playground/sweep';
import { raterKnobsOf } from '../core/playground/sweep';
import type { DatasetFile } from '../core/types';
import { runActiveLearning } from '../ml/active-learning';
import type { ActiveLearningProgress, ActiveLearningResult, PolicyRun } from '../ml/active-learning';
import { chooseBackend } from '../ml/backend';
import { runSweep } from '../ml/sweep';
import type { SweepProgress } from '../ml/sweep';

export type { ActiveLearningProgress, ActiveLearningResult, PolicyRun, SweepProgress };

/** What the worker reports while a request runs. */
export type PlaygroundEvent =
  | { type: 'sweep-progress'; progress: SweepProgress }
  | { type: 'sweep-point'; point: SweepPoint; index: number }
  | { type: 'al-progress'; progress: ActiveLearningProgress }
  | { type: 'al-run'; run: PolicyRun };

/** The worker's API as the page sees it (through Comlink.wrap). One request runs at a time. */
export interface PlaygroundWorkerApi {
  /** Starts TF.js (WebGL where it works, else CPU) and returns the backend's name. */
  backend(): Promise<string>;
  /** Runs a sweep experiment on `dataset`; `onEvent` must be wrapped with Comlink.proxy. */
  runSweep(
    dataset: DatasetFile,
    exp: PlaygroundExperiment,
    onEvent: (e: PlaygroundEvent) => void,
  ): Promise<SweepPoint[]>;
  /** Runs an active-learning experiment on `dataset`. */
  runActiveLearning(
    dataset: DatasetFile,
    exp: PlaygroundExperiment,
    onEvent: (e: PlaygroundEvent) => void,
  ): Promise<ActiveLearningResult>;
  /** Aborts the running request (no-op when idle). */
  cancel(): void;
}

let backendName: Promise<string> | null = null;
let controller: AbortController | null = null;

function begin(): AbortSignal {
  controller?.abort();
  controller = new AbortController();
  return controller.signal;
}

const api: PlaygroundWorkerApi = {
  backend: () => (backendName ??= chooseBackend()),
  async runSweep(dataset, exp, onEvent) {
    await api.backend();
    const signal = begin();
    return runSweep(dataset, exp, {
      signal,
      onProgress: (progress) => void onEvent({ type: 'sweep-progress', progress }),
      onPoint: (point, index) => void onEvent({ type: 'sweep-point', point, index }),
    });
  },
  async runActiveLearning(dataset, exp, onEvent) {
    if (exp.study.kind !== 'active-learning') throw new Error('not an active-learning experiment');
    await api.backend();
    const signal = begin();
    return runActiveLearning(
      { dataset, rater: raterKnobsOf(exp.rater), spec: exp.study, seed: exp.seed, train: exp.train },
      {
        signal,
        onProgress: (progress) => void onEvent({ type: 'al-progress', progress }),
        onRun: (run) => void onEvent({ type: 'al-run', run }),
      },
    );
  },
  cancel() {
    controller?.abort();
  },
};

Comlink.expose(api);
