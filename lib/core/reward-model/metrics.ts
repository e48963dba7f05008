/**
 * Reward-model metrics over plain arrays: pairwise accuracy, Bradley–Terry log-loss, calibration
 * (reliability bins and expected calibration error), accuracy by preference strength, and TRL
 * `RewardTrainer`'s metric set under TRL's names (`accuracy`, `margin`, `min_reward`, `mean_reward`,
 * `max_reward`). The logistic formulas come from ../stats/logistic.ts.
 */
import { pairwiseLogLoss, sigmoid } from '../stats/logistic';
import type { Strength } from '../types';

/** A scored preference pair: the reward of the chosen and of the rejected response. */
export interface RewardPair {
  rChosen: number;
  rRejected: number;
  strength?: Strength;
}

/** Pairwise accuracy and Bradley–Terry log-loss of a set of scored pairs, with the pairs counted. */
export interface PairwiseMetrics {
  /** Share of pairs whose chosen response has the higher reward (equal rewards count 1/2); NaN if n = 0. */
  accuracy: number;
  /** Mean −log σ(r_chosen − r_rejected) in nats; NaN if n = 0. */
  logLoss: number;
  /** Pairs counted (rows marked as ties are left out). */
  n: number;
}

/** 1 when `chosen` > `rejected`, 1/2 when they are equal, else 0: one pair's share of a win. */
export function winShare(chosen: number, rejected: number): number {
  return chosen > rejected ? 1 : chosen === rejected ? 0.5 : 0;
}

/**
 * Pairwise accuracy and log-loss of rewards for chosen (`rc[i]`) against rejected (`rr[i]`), the one
 * place both are computed (the run figures, the training loop's per-epoch evaluation and `goodhart eval`
 * all come here). Rows with `tie[i]` set are left out: a tie has no chosen side.
 */
export function pairwiseMetrics(
  rc: ArrayLike<number>,
  rr: ArrayLike<number>,
  tie?: ArrayLike<number>,
): PairwiseMetrics {
  checkSameLength(rc, rr);
  const differences: number[] = [];
  let hits = 0;
  for (let i = 0; i < rc.length; i++) {
    if (tie && tie[i]) continue;
    hits += winShare(rc[i], rr[i]);
    differences.push(rc[i] - rr[i]);
  }
  const n = differences.length;
  return { accuracy: n ? hits / n : NaN, logLoss: pairwiseLogLoss(differences), n };
}

const metricsOfPairs = (pairs: readonly RewardPair[]): PairwiseMetrics =>
  pairwiseMetrics(
    pairs.map((p) => p.rChosen),
    pairs.map((p) => p.rRejected),
  );

/** Share of pairs where the chosen response gets the higher reward; equal rewards count 0.5. NaN if empty. */
export function accuracy(pairs: readonly RewardPair[]): number {
  return metricsOfPairs(pairs).accuracy;
}

/** Mean Bradley–Terry loss −log σ(rChosen − rRejected) in nats, numerically stable. NaN if empty. */
export function logLoss(pairs: readonly RewardPair[]): number {
  return metricsOfPairs(pairs).logLoss;
}

/**
 * Mean binary cross-entropy of probabilities against outcomes in [0, 1] (fractional outcomes such as 0.5
 * for a tie are allowed). Probabilities are clipped to [eps, 1 − eps] so a confident miss is finite.
 */
export function binaryLogLoss(probs: readonly number[], outcomes: readonly number[], eps = 1e-15): number {
  checkSameLength(probs, outcomes);
  if (probs.length === 0) return NaN;
  let sum = 0;
  for (let i = 0; i < probs.length; i++) {
    const p = Math.min(1 - eps, Math.max(eps, probs[i]));
    sum -= outcomes[i] * Math.log(p) + (1 - outcomes[i]) * Math.log(1 - p);
  }
  return sum / probs.length;
}

/** One bin of a reliability diagram; the means are null for an empty bin. */
export interface CalibrationBin {
  lo: number;
  hi: number;
  meanPredicted: number | null;
  fractionPositive: number | null;
  count: number;
}

/** Reliability-diagram bins and the expected calibration error. */
export interface Calibration {
  bins: CalibrationBin[];
  /** Σ_b (count_b / N) · |fractionPositive_b − meanPredicted_b|; NaN when there is no data. */
  ece: number;
}

/**
 * Calibration of predicted probabilities against outcomes (1 = the event happened, 0 = not; fractions
 * allowed). `bins` equal-width bins over [0, 1]: bin b holds p with lo ≤ p < hi, the last bin also p = 1.
 */
export function calibration(probs: readonly number[], outcomes: readonly number[], bins = 10): Calibration {
  checkSameLength(probs, outcomes);
  if (!Number.isInteger(bins) || bins < 1)
    throw new RangeError(`bins must be a positive integer, got ${bins}`);
  const sumP = new Array<number>(bins).fill(0);
  const sumY = new Array<number>(bins).fill(0);
  const count = new Array<number>(bins).fill(0);
  for (let i = 0; i < probs.length; i++) {
    const b = Math.min(bins - 1, Math.max(0, Math.floor(probs[i] * bins)));
    sumP[b] += probs[i];
    sumY[b] += outcomes[i];
    count[b]++;
  }
  let ece = 0;
  const out: CalibrationBin[] = [];
  for (let b = 0; b < bins; b++) {
    const meanPredicted = count[b] > 0 ? sumP[b] / count[b] : null;
    const fractionPositive = count[b] > 0 ? sumY[b] / count[b] : null;
    if (count[b] > 0) ece += (count[b] / probs.length) * Math.abs(fractionPositive! - meanPredicted!);
    out.push({ lo: b / bins, hi: (b + 1) / bins, meanPredicted, fractionPositive, count: count[b] });
  }
  return { bins: out, ece: probs.length > 0 ? ece : NaN };
}

/**
 * Calibration of a reward model's pair probabilities σ(rChosen − rRejected). Every pair enters twice,
 * as (p, 1) for "chosen beats rejected" and (1 − p, 0) for the reverse order, so the diagram does not
 * depend on which side a pair happened to be listed on (with only (p, 1) every outcome would be 1).
 */
export function pairCalibration(pairs: readonly RewardPair[], bins = 10): Calibration {
  const probs: number[] = [];
  const outcomes: number[] = [];
  for (const p of pairs) {
    const q = sigmoid(p.rChosen - p.rRejected);
    probs.push(q, 1 - q);
    outcomes.push(1, 0);
  }
  return calibration(probs, outcomes, bins);
}

/** Accuracy of the pairs of one preference strength (`none` = no strength recorded). */
export interface StrengthAccuracy {
  strength: Strength | 'none';
  accuracy: number;
  n: number;
}

/** Accuracy per preference strength, in the order 1, 2, 3, none; strengths with no pairs are left out. */
export function accuracyByStrength(pairs: readonly RewardPair[]): StrengthAccuracy[] {
  const keys: (Strength | 'none')[] = [1, 2, 3, 'none'];
  return keys
    .map((strength) => {
      const group = pairs.filter((p) => (p.strength ?? 'none') === strength);
      return { strength, accuracy: accuracy(group), n: group.length };
    })
    .filter((g) => g.n > 0);
}

/** TRL `RewardTrainer`'s evaluation metrics, under TRL's names. */
export interface RewardTrainerMetrics {
  accuracy: number;
  /** Mean of rChosen − rRejected. */
  margin: number;
  /** Minimum over all chosen and rejected rewards. */
  min_reward: number;
  /** Mean over all chosen and rejected rewards. */
  mean_reward: number;
  /** Maximum over all chosen and rejected rewards. */
  max_reward: number;
}

/** TRL's metric set for scored pairs; every field is NaN when there are no pairs. */
export function rewardTrainerMetrics(pairs: readonly RewardPair[]): RewardTrainerMetrics {
  if (pairs.length === 0) {
    return { accuracy: NaN, margin: NaN, min_reward: NaN, mean_reward: NaN, max_reward: NaN };
  }
  let margin = 0;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const p of pairs) {
    margin += p.rChosen - p.rRejected;
    sum += p.rChosen + p.rRejected;
    min = Math.min(min, p.rChosen, p.rRejected);
    max = Math.max(max, p.rChosen, p.rRejected);
  }
  return {
    accuracy: accuracy(pairs),
    margin: margin / pairs.length,
    min_reward: min,
    mean_reward: sum / (2 * pairs.length),
    max_reward: max,
  };
}

function checkSameLength(a: ArrayLike<unknown>, b: ArrayLike<unknown>): void {
  if (a.length !== b.length) throw new RangeError(`length mismatch: ${a.length} vs ${b.length}`);
}
