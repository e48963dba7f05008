// A hand-made linear reward model file (as training writes one), for tests that score with known weights.
import { FEATURES_VERSION } from '../../lib/core/reward-model/features/index';
import { DEFAULT_TRAIN_CONFIG, type RewardModelFile } from '../../lib/core/reward-model/model-file';

/** A linear model with weights `w` (one per feature) and bias 0; `over` replaces any field. */
export function linearModel(w: number[], over: Partial<RewardModelFile> = {}): RewardModelFile {
  return {
    format: 'goodhart-reward-model',
    version: 1,
    featuresVersion: FEATURES_VERSION,
    config: { ...DEFAULT_TRAIN_CONFIG },
    weights: { kind: 'linear', w, b: 0 },
    rewardMean: 0,
    rewardStd: 1,
    metrics: {
      train: { accuracy: null, logLoss: null, n: 0 },
      val: { accuracy: null, logLoss: null, n: 0 },
      epochs: 1,
    },
    trainedOn: { n: 1 },
    heldOutPromptKeys: [],
    createdAt: 0,
    ...over,
  };
}
