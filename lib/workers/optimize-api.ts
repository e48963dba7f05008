/**
 * The optimiser worker's API (lib/workers/optimize.worker.ts), called from /optimize through comlink:
 * score the action table once, optionally train the ensemble's members, then run best-of-n or RL once per
 * mitigation, reporting as it goes through a `Comlink.proxy` callback. One request at a time. The
 * callback's messages travel on their own port, so they may arrive after the request has resolved: the
 * resolved value is the whole answer, events are only progress.
 */
import type { LabRun } from '../core/goodhart/optimize/lab';
import type { EnsembleChoice, MitigationId } from '../core/goodhart/optimize/mitigations';
import type { CurvePoint, Method } from '../core/goodhart/optimize/run';
import type { TableOptions } from '../core/goodhart/optimize/table';
import type { TextEmbeddings } from '../core/goodhart/probes/reward';
import type { RewardModelFile } from '../core/reward-model/model-file';
import type { Comparison, DatasetFile } from '../core/types';

export type { LabRun };

/** What to run. */
export interface OptimizeRequest {
  method: Method;
  seed: number;
  steps: number;
  klCoef: number;
  /** Mitigations to run side by side ('none' first for the baseline). */
  mitigations: MitigationId[];
  /** For 'ensemble': the labels to train members on, how many members (the model among them), how to combine. */
  ensemble?: EnsembleChoice & { comparisons: Comparison[] };
  /** Bounds of the action table (an encoder model's, probes/budget.ts tableBounds); none = the full table. */
  table?: Pick<TableOptions, 'maxEdits' | 'maxPrompts'>;
  /** For an encoder model: embeddings of every text of the action table (and the base responses). */
  embeddings?: TextEmbeddings;
}

/** What the worker reports while a request runs. */
export type OptimizeEvent =
  | { type: 'stage'; stage: 'scoring' | 'training'; done: number; total: number }
  /** Curve points recorded since the last report (batched about every 100 ms), and the step reached. */
  | { type: 'points'; mitigation: MitigationId; step: number; steps: number; points: CurvePoint[] }
  | { type: 'run'; run: LabRun; index: number };

export interface OptimizeWorkerApi {
  run(
    model: RewardModelFile,
    dataset: DatasetFile,
    request: OptimizeRequest,
    onEvent: (e: OptimizeEvent) => void,
  ): Promise<LabRun[]>;
  /** Aborts the running request (no-op when idle); the request then rejects with an AbortError. */
  cancel(): void;
}
