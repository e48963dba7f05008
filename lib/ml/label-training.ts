/**
 * Training from the lab's own labels, as the worker runs it: featurize (here, off the main thread), train,
 * then score every labelled response once so the page can compute held-out metrics (calibration, TRL's
 * metric set, accuracy by strength) without TF.js or the feature matrix.
 */
import { featurize } from '../core/reward-model/features/index';
import { DEFAULT_TRAIN_CONFIG, scoreWithModelFile, type TrainConfig } from '../core/reward-model/model-file';
import { comparisonsToTrainingSet } from '../core/reward-model/training-data';
import type { Comparison, Prompt, Response } from '../core/types';
import { train, type EpochProgress, type TrainResult } from './train';

/** The labels and the texts they refer to. */
export interface LabelTrainingInput {
  comparisons: Comparison[];
  responses: Response[];
  prompts: Prompt[];
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
  const used = input.comparisons.filter(
    (c) => c.outcome === 'a' || c.outcome === 'b' || (c.outcome === 'tie' && cfg.ties !== 'drop'),
  );
  const set = comparisonsToTrainingSet(used, input.responses, input.prompts, cfg);
  const result = await train(set, cfg, onEpoch, { signal });

  const responses = new Map(input.responses.map((r) => [r.id, r]));
  const prompts = new Map(input.prompts.map((p) => [p.id, p.text]));
  const reward = new Map<string, number>();
  const rewardOf = (id: string, promptId: string) => {
    let r = reward.get(id);
    if (r === undefined) {
      const resp = responses.get(id);
      const prompt = prompts.get(promptId);
      if (!resp || prompt === undefined) return undefined;
      r = scoreWithModelFile(result.model, featurize(prompt, resp.text));
      reward.set(id, r);
    }
    return r;
  };
  const heldOut = new Set(result.model.heldOutPromptKeys);
  const evaluation: LabelTrainingResult['evaluation'] = { train: [], val: [] };
  for (const c of used) {
    if (c.outcome !== 'a' && c.outcome !== 'b') continue;
    const [chosen, rejected] = c.outcome === 'a' ? [c.aId, c.bId] : [c.bId, c.aId];
    const rChosen = rewardOf(chosen, c.promptId);
    const rRejected = rewardOf(rejected, c.promptId);
    if (rChosen === undefined || rRejected === undefined) continue;
    const pair: EvalPair = { comparisonId: c.id, promptId: c.promptId, rChosen, rRejected };
    if (c.strength !== undefined) pair.strength = c.strength;
    (heldOut.has(c.promptId) ? evaluation.val : evaluation.train).push(pair);
  }
  return { ...result, evaluation, labelIds: used.map((c) => c.id) };
}
