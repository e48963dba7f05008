/**
 * The training worker's API (lib/workers/train.worker.ts), called from the page through comlink like every
 * other worker: `train`/`trainLabels` take the epoch callback wrapped in `Comlink.proxy`, so the live curve
 * streams epoch by epoch, and resolve with the finished run. No TF.js at run time: only typed arrays and plain
 * objects cross to the worker; a training set's buffers travel as transferables (`transferSet`).
 */
import * as Comlink from 'comlink';
import type { RewardModelFile, TrainConfig } from '../core/reward-model/model-file';
import type { TrainingSet } from '../core/reward-model/training-data';
import type { EpochProgress } from '../ml/train';
import type { EvalPair, LabelTrainingInput } from '../ml/label-training';

export type { EpochProgress };

/** A finished run as the page receives it. */
export interface TrainerResult {
  model: RewardModelFile;
  history: EpochProgress[];
  backend: string;
  /** For `trainLabels`: training and held-out pairs under the model. */
  evaluation?: { train: EvalPair[]; val: EvalPair[] };
  /** For `trainLabels`: the ids of the labels that became training rows. */
  labelIds?: string[];
}

/** Called after every epoch; pass it wrapped in `Comlink.proxy`. */
export type OnEpoch = (p: EpochProgress) => void;

/** The training worker's API. One training request runs at a time. */
export interface TrainWorkerApi {
  /** Starts TF.js once (WebGL where it works, else CPU) and returns the backend's name. */
  backend(): Promise<string>;
  /**
   * The backend a run of `config` trains on: `js` (SOLVER_BACKEND) for the exact solver, which starts no
   * TF.js, else the TF.js backend, started now ({@link backend}) if it was not yet.
   */
  backendFor(config: Partial<TrainConfig>): Promise<string>;
  /**
   * Trains on a feature set (pass it through `transferSet`). Rejects with an Error named AbortError when
   * cancelled, with "Training diverged at epoch N …" on a non-finite loss, and with the config's problem.
   */
  train(data: TrainingSet, config: Partial<TrainConfig>, onEpoch?: OnEpoch): Promise<TrainerResult>;
  /** Trains on the lab's labels: featurizing happens in the worker, so the page never does heavy work. */
  trainLabels(
    input: LabelTrainingInput,
    config: Partial<TrainConfig>,
    onEpoch?: OnEpoch,
  ): Promise<TrainerResult>;
  /** Stops the running request; resolves once its loop has stopped (at once when idle). */
  cancel(): Promise<void>;
}

/** The distinct buffers of a training set, to pass as the transfer list of postMessage. */
export function transferablesOf(set: TrainingSet): ArrayBuffer[] {
  const buffers = [set.vectors, set.chosen, set.rejected, set.margin, set.weight, set.tie].map(
    (a) => a.buffer,
  );
  return [...new Set(buffers)].filter((b): b is ArrayBuffer => b instanceof ArrayBuffer);
}

/** Marks a training set's buffers for transfer on its next trip through comlink (the sender's arrays detach). */
export function transferSet(set: TrainingSet): TrainingSet {
  return Comlink.transfer(set, transferablesOf(set));
}
