/**
 * The playground worker's API (lib/workers/sweep.worker.ts), called from /playground through comlink:
 * sweeps and active-learning comparisons, reported as they go through a `Comlink.proxy` callback.
 */
import type { PlaygroundExperiment, SweepPoint } from '../core/playground/sweep';
import type { ResponseEmbeddings } from '../core/reward-model/training-data';
import type { DatasetFile } from '../core/types';
import type { ActiveLearningProgress, ActiveLearningResult, PolicyRun } from '../ml/active-learning';
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
  /**
   * What the experiment's runs train on: TF.js's backend (started now) when some run needs TF.js (the MLP
   * or Adam), else `js` (the exact solver; TF.js is not started).
   */
  backendFor(exp: PlaygroundExperiment): Promise<string>;
  /**
   * Runs a sweep experiment on `dataset`; `onEvent` must be wrapped with Comlink.proxy. Points whose feature
   * set reads the sentence encoder need `embeddings` of the dataset's responses (the page embeds them).
   */
  runSweep(
    dataset: DatasetFile,
    exp: PlaygroundExperiment,
    onEvent: (e: PlaygroundEvent) => void,
    embeddings?: ResponseEmbeddings,
  ): Promise<SweepPoint[]>;
  /** Runs an active-learning experiment on `dataset`. */
  runActiveLearning(
    dataset: DatasetFile,
    exp: PlaygroundExperiment,
    onEvent: (e: PlaygroundEvent) => void,
  ): Promise<ActiveLearningResult>;
  /** Aborts the running request (no-op when idle); the request then rejects with an AbortError. */
  cancel(): void;
}
