/**
 * Main-thread client for the training worker: `createTrainer()` spawns the worker and offers
 * `train(data, config, onEpoch)` (resolves with the model file and curve), `cancel()` and `terminate()`.
 * The page never imports TF.js; only typed arrays and plain objects cross to the worker.
 */
import type { RewardModelFile, TrainConfig } from '../core/reward-model/model-file';
import type { TrainingSet } from '../core/reward-model/training-data';
import { transferablesOf } from './train-protocol';
import type { Command, EpochProgress, Event } from './train-protocol';
import type { EvalPair, LabelTrainingInput } from '../ml/label-training';

/** A finished run as seen by the page. */
export interface TrainerResult {
  model: RewardModelFile;
  history: EpochProgress[];
  backend: string;
  /** Set by `trainLabels`. */
  evaluation?: { train: EvalPair[]; val: EvalPair[] };
  labelIds?: string[];
}

/** The handle returned by createTrainer. One training request runs at a time. */
export interface Trainer {
  /** The backend the worker chose ('webgl' or 'cpu'), once its first run starts. */
  readonly backend: Promise<string>;
  /**
   * Trains in the worker. The set's buffers are transferred (pass a copy if you still need them).
   * Rejects with an Error named AbortError when cancelled, or with the worker's message on failure.
   */
  train(
    data: TrainingSet,
    config: Partial<TrainConfig>,
    onEpoch?: (p: EpochProgress) => void,
  ): Promise<TrainerResult>;
  /** Trains on the lab's labels; featurizing happens in the worker, so the page never does heavy work. */
  trainLabels(
    input: LabelTrainingInput,
    config: Partial<TrainConfig>,
    onEpoch?: (p: EpochProgress) => void,
  ): Promise<TrainerResult>;
  /** Cancels the running request; resolves once the worker has stopped (immediately if idle). */
  cancel(): Promise<void>;
  /** Kills the worker; a running request rejects. */
  terminate(): void;
}

interface Pending {
  requestId: number;
  resolve: (r: TrainerResult) => void;
  reject: (e: Error) => void;
  onEpoch?: (p: EpochProgress) => void;
  stopped: Promise<void>;
  markStopped: () => void;
}

/** Spawns the training worker and returns its client. */
export function createTrainer(): Trainer {
  const worker = new Worker(new URL('./train.worker.ts', import.meta.url));
  let nextId = 1;
  let pending: Pending | undefined;
  let setBackend: (name: string) => void = () => {};
  const backend = new Promise<string>((resolve) => (setBackend = resolve));

  const finish = (fn: (p: Pending) => void) => {
    const p = pending;
    pending = undefined;
    if (p) {
      p.markStopped();
      fn(p);
    }
  };

  worker.onmessage = (e: MessageEvent<Event>) => {
    const ev = e.data;
    if (ev.type === 'backend') return setBackend(ev.name);
    if (!pending || ev.requestId !== pending.requestId) return;
    if (ev.type === 'epoch') pending.onEpoch?.(ev.progress);
    else if (ev.type === 'done')
      finish((p) =>
        p.resolve({
          model: ev.model,
          history: ev.history,
          backend: ev.backend,
          evaluation: ev.evaluation,
          labelIds: ev.labelIds,
        }),
      );
    else if (ev.type === 'error') finish((p) => p.reject(new Error(ev.message)));
    else if (ev.type === 'cancelled') {
      const err = new Error('Training cancelled');
      err.name = 'AbortError';
      finish((p) => p.reject(err));
    }
  };
  worker.onerror = (e) => finish((p) => p.reject(new Error(e.message || 'The training worker failed')));

  const send = (
    make: (requestId: number) => Command,
    onEpoch: ((p: EpochProgress) => void) | undefined,
    transfer: ArrayBuffer[],
  ): Promise<TrainerResult> => {
    if (pending) return Promise.reject(new Error('A training run is already in progress'));
    const requestId = nextId++;
    return new Promise<TrainerResult>((resolve, reject) => {
      let markStopped = () => {};
      const stopped = new Promise<void>((r) => (markStopped = r));
      pending = { requestId, resolve, reject, onEpoch, stopped, markStopped };
      worker.postMessage(make(requestId), transfer);
    });
  };

  return {
    backend,
    train(data, config, onEpoch) {
      return send(
        (requestId) => ({ type: 'train', requestId, data, config }),
        onEpoch,
        transferablesOf(data),
      );
    },
    trainLabels(input, config, onEpoch) {
      return send((requestId) => ({ type: 'trainLabels', requestId, input, config }), onEpoch, []);
    },
    cancel() {
      if (!pending) return Promise.resolve();
      const cmd: Command = { type: 'cancel', requestId: pending.requestId };
      worker.postMessage(cmd);
      return pending.stopped;
    },
    terminate() {
      worker.terminate();
      finish((p) => p.reject(new Error('The training worker was terminated')));
    },
  };
}
