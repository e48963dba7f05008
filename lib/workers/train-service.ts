/**
 * The training worker's logic as a plain object implementing TrainWorkerApi, so it runs and is tested in
 * Node; train.worker.ts only exposes it through comlink. The backend is chosen once, on first use; each
 * request gets its own AbortController, and `cancel` resolves once the running loop has really stopped.
 */
import { chooseBackend } from '../ml/backend';
import { trainOnLabels } from '../ml/label-training';
import { train } from '../ml/train';
import type { TrainerResult, TrainWorkerApi } from './train-api';

/** Creates the training API; `pickBackend` defaults to chooseBackend (tests pass the CPU backend). */
export function createTrainApi(pickBackend: () => Promise<string> = chooseBackend): TrainWorkerApi {
  let backend: Promise<string> | undefined;
  let running: { ctl: AbortController; stopped: Promise<void> } | undefined;

  /** Runs one request after the backend is ready; refuses a second while one runs. */
  const run = (work: (signal: AbortSignal) => Promise<TrainerResult>): Promise<TrainerResult> => {
    if (running) return Promise.reject(new Error('A training run is already in progress'));
    const ctl = new AbortController();
    const result = api.backend().then(() => work(ctl.signal));
    const stopped = result.then(
      () => undefined,
      () => undefined,
    );
    const current = { ctl, stopped };
    running = current;
    void stopped.then(() => {
      if (running === current) running = undefined;
    });
    return result;
  };

  const api: TrainWorkerApi = {
    backend: () => (backend ??= pickBackend()),
    train: (data, config, onEpoch) =>
      run(async (signal) => {
        const { model, history, backend } = await train(data, config, onEpoch, { signal });
        return { model, history, backend };
      }),
    trainLabels: (input, config, onEpoch) =>
      run(async (signal) => {
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
