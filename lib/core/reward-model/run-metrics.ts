/**
 * The figures shown after a training run, from the model's rewards on labelled pairs: accuracy, log-loss,
 * calibration (reliability bins and ECE), accuracy by preference strength and TRL's RewardTrainer metric
 * set. Computed for the held-out prompts and the training prompts separately.
 */
import {
  accuracy,
  accuracyByStrength,
  logLoss,
  pairCalibration,
  rewardTrainerMetrics,
  type Calibration,
  type RewardPair,
  type RewardTrainerMetrics,
  type StrengthAccuracy,
} from './metrics';
import type { Strength } from '../types';

/** Figures of one split; null fields when the split has no decided pairs. */
export interface SplitFigures {
  n: number;
  accuracy: number | null;
  logLoss: number | null;
  calibration: Calibration | null;
  byStrength: StrengthAccuracy[];
  trl: RewardTrainerMetrics | null;
}

/** A scored labelled pair (as the training worker returns them). */
export interface ScoredPair {
  rChosen: number;
  rRejected: number;
  strength?: number;
}

const asPairs = (pairs: readonly ScoredPair[]): RewardPair[] =>
  pairs.map((p) => ({
    rChosen: p.rChosen,
    rRejected: p.rRejected,
    ...(p.strength === 1 || p.strength === 2 || p.strength === 3 ? { strength: p.strength as Strength } : {}),
  }));

/** Figures of one split. */
export function splitFigures(scored: readonly ScoredPair[]): SplitFigures {
  const pairs = asPairs(scored);
  if (pairs.length === 0)
    return { n: 0, accuracy: null, logLoss: null, calibration: null, byStrength: [], trl: null };
  return {
    n: pairs.length,
    accuracy: accuracy(pairs),
    logLoss: logLoss(pairs),
    calibration: pairCalibration(pairs, 10),
    byStrength: accuracyByStrength(pairs),
    trl: rewardTrainerMetrics(pairs),
  };
}

/** Held-out figures first, then training figures. */
export function runFigures(evaluation: { train: readonly ScoredPair[]; val: readonly ScoredPair[] }): {
  heldOut: SplitFigures;
  train: SplitFigures;
} {
  return { heldOut: splitFigures(evaluation.val), train: splitFigures(evaluation.train) };
}
