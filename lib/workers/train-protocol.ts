/**
 * The typed message protocol between the page and the training worker (pure types, no TF.js at run
 * time). Feature matrices and row arrays travel as transferable typed-array buffers.
 */
import type { RewardModelFile, TrainConfig } from '../core/reward-model/model-file';
import type { TrainingSet } from '../core/reward-model/training-data';
import type { EpochProgress } from '../ml/train';
import type { EvalPair, LabelTrainingInput } from '../ml/label-training';

export type { EpochProgress };

/** Page → worker. `train` transfers the set's buffers (the sender's arrays become detached). */
export type Command =
  | { type: 'train'; requestId: number; data: TrainingSet; config: Partial<TrainConfig> }
  | { type: 'trainLabels'; requestId: number; input: LabelTrainingInput; config: Partial<TrainConfig> }
  | { type: 'cancel'; requestId: number };

/** Worker → page. Exactly one of `done`, `error` or `cancelled` ends each train request. */
export type Event =
  | { type: 'backend'; name: string }
  | { type: 'epoch'; requestId: number; progress: EpochProgress }
  | {
      type: 'done';
      requestId: number;
      model: RewardModelFile;
      history: EpochProgress[];
      backend: string;
      /** For `trainLabels`: held-out and training pairs under the model, and the label ids used. */
      evaluation?: { train: EvalPair[]; val: EvalPair[] };
      labelIds?: string[];
    }
  | { type: 'error'; requestId: number; message: string }
  | { type: 'cancelled'; requestId: number };

/** The distinct buffers of a training set, to pass as the transfer list of postMessage. */
export function transferablesOf(set: TrainingSet): ArrayBuffer[] {
  const buffers = [set.vectors, set.chosen, set.rejected, set.margin, set.weight, set.tie].map(
    (a) => a.buffer,
  );
  return [...new Set(buffers)].filter((b): b is ArrayBuffer => b instanceof ArrayBuffer);
}
