/**
 * Training from the lab's own labels, as the worker runs it: featurize each labelled response once for the
 * config's feature set (here, off the main thread; the encoder sets read `input.embeddings`, computed by
 * the page's encoder before training), train, then score those same feature rows so the page can compute held-out
 * metrics (calibration, TRL's metric set, accuracy by strength) without TF.js or the feature matrix.
 * Which labels train is training-data.ts's `trainingUse`.
 */
import { DEFAULT_TRAIN_CONFIG, scoreMatrix, type TrainConfig } from '../core/reward-model/model-file';
import {
  comparisonsToTrainingData,
  trainingUse,
  type ResponseEmbeddings,
} from '../core/reward-model/training-data';
import type { Comparison, Prompt, Response } from '../core/types';
import { train, type EpochProgress, type TrainResult } from './train';

/** The labels and the texts they refer to. */
export interface LabelTrainingInput {
  comparisons: Comparison[];
  responses: Response[];
  prompts: Prompt[];
  /** Embeddings of the labelled responses, for the feature sets that read the sentence encoder. */
  embeddings?: ResponseEmbeddings;
}

/** One decided comparison under the trained model. */
export interface EvalPair {
  comparisonId: string;
  promptId: string;
  rChosen: number;
  rRejected: number;
  strength?: number;
}

export interface LabelTrainingResult extends TrainResult {
  /** Decided comparisons (a or b) on training prompts and on held-out prompts. */
  evaluation: { train: EvalPair[]; val: EvalPair[] };
  /** Ids of the comparisons that became training rows (both_bad, and ties when dropped, excluded). */
  labelIds: string[];
}

/** Train a reward model on comparisons; see the file header. */
export async function trainOnLabels(
  input: LabelTrainingInput,
  config: Partial<TrainConfig>,
  onEpoch?: (p: EpochProgress) => void,
  signal?: AbortSignal,
): Promise<LabelTrainingResult> {
  const cfg = { ...DEFAULT_TRAIN_CONFIG, ...config };
  const { set, rowOf, used } = comparisonsToTrainingData(
    input.comparisons,
    input.responses,
    input.prompts,
    cfg,
    undefined,
    input.embeddings,
  );
  const result = await train(set, cfg, onEpoch, { signal });
  const rewards = scoreMatrix(result.model.weights, set.vectors, set.dim);
  const heldOut = new Set(result.model.heldOutPromptKeys);
  const evaluation: LabelTrainingResult['evaluation'] = { train: [], val: [] };
  for (const c of used) {
    if (trainingUse(c.outcome, cfg.ties) !== 'decided') continue;
    const [chosen, rejected] = c.outcome === 'a' ? [c.aId, c.bId] : [c.bId, c.aId];
    const pair: EvalPair = {
      comparisonId: c.id,
      promptId: c.promptId,
      rChosen: rewards[rowOf.get(chosen)!],
      rRejected: rewards[rowOf.get(rejected)!],
    };
    if (c.strength !== undefined) pair.strength = c.strength;
    (heldOut.has(c.promptId) ? evaluation.val : evaluation.train).push(pair);
  }
  return { ...result, evaluation, labelIds: used.map((c) => c.id) };
}
