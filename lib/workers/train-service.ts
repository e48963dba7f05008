/**
 * The training worker's logic as a plain object implementing TrainWorkerApi, so it runs and is tested in
 * Node; train.worker.ts only exposes it through comlink. A TF.js backend is started only for a run that
 * trains with TF.js (`needsTfjs`: the MLP, or solver = Adam), once, on first need; the exact solver's runs
 * never import or start TF.js and report the backend `js`. Each request gets its own AbortController, and
 * `cancel` resolves once the running loop has really stopped.
 */
import { DEFAULT_TRAIN_CONFIG, type TrainConfig } from '../core/reward-model/model-file';
import { trainOnLabels } from '../ml/label-training';
import { SOLVER_BACKEND, needsTfjs } from '../core/reward-model/backend-names';
import { train } from '../ml/train';
import type { TrainerResult, TrainWorkerApi } from './train-api';

/** Starts TF.js's backend, importing TF.js only now (a worker that only runs the solver never loads it). */
const startTfjs = async (): Promise<string> => (await import('../ml/backend')).chooseBackend();

/** Creates the training API; `pickBackend` starts TF.js (tests pass the CPU backend, or a spy). */
export function createTrainApi(pickBackend: () => Promise<string> = startTfjs): TrainWorkerApi {
  let backend: Promise<string> | undefined;
  let running: { ctl: AbortController; stopped: Promise<void> } | undefined;

  /** Runs one request of `config` after its backend is ready; refuses a second while one runs. */
  const run = (
    config: Partial<TrainConfig>,
    work: (signal: AbortSignal) => Promise<TrainerResult>,
  ): Promise<TrainerResult> => {
    if (running) return Promise.reject(new Error('A training run is already in progress'));
    const ctl = new AbortController();
    // Cleared before the result settles, so a caller that awaits one run can start the next at once.
    const result = api
      .backendFor(config)
      .then(() => work(ctl.signal))
      .finally(() => {
        if (running === current) running = undefined;
      });
    const stopped = result.then(
      () => undefined,
      () => undefined,
    );
    const current = { ctl, stopped };
    running = current;
    return result;
  };

  const api: TrainWorkerApi = {
    backend: () => (backend ??= pickBackend()),
    backendFor: (config) =>
      needsTfjs({ ...DEFAULT_TRAIN_CONFIG, ...config }) ? api.backend() : Promise.resolve(SOLVER_BACKEND),
    train: (data, config, onEpoch) =>
      run(config, async (signal) => {
        const { model, history, backend } = await train(data, config, onEpoch, { signal });
        return { model, history, backend };
      }),
    trainLabels: (input, config, onEpoch) =>
      run(config, async (signal) => {
        const r = await trainOnLabels(input, config, onEpoch, signal);
        return {
          model: r.model,
          history: r.history,
          backend: r.backend,
          evaluation: r.evaluation,
          labelIds: r.labelIds,
        };
      }),
    async cancel() {
      if (!running) return;
      running.ctl.abort();
      await running.stopped;
    },
  };
  return api;
}
