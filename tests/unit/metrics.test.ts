// Tests of the reward-model metrics (lib/core/reward-model/metrics.ts) against hand-computed values.
import { describe, expect, it } from 'vitest';
import {
  accuracy,
  accuracyByStrength,
  binaryLogLoss,
  calibration,
  logLoss,
  pairCalibration,
  rewardTrainerMetrics,
  type RewardPair,
} from '../../lib/core/reward-model/metrics';
import { negLogSigmoid, sigmoid } from '../../lib/core/stats/logistic';
import { meanStd as rewardMeanStd } from '../../lib/core/stats/moments';

describe('accuracy and logLoss', () => {
  it('counts equal rewards as half', () => {
    const pairs: RewardPair[] = [
      { rChosen: 2, rRejected: 1 },
      { rChosen: 0, rRejected: 3 },
      { rChosen: 1, rRejected: 1 },
      { rChosen: -1, rRejected: -4 },
    ];
    expect(accuracy(pairs)).toBe((1 + 0 + 0.5 + 1) / 4);
    expect(accuracy([])).toBeNaN();
  });

  it('logLoss is the mean of −log σ(Δ), checked at Δ = 0, ±ln 3', () => {
    // σ(0) = 1/2, σ(ln 3) = 3/4, σ(−ln 3) = 1/4.
    const pairs: RewardPair[] = [
      { rChosen: 5, rRejected: 5 },
      { rChosen: Math.log(3), rRejected: 0 },
      { rChosen: 0, rRejected: Math.log(3) },
    ];
    expect(logLoss(pairs)).toBeCloseTo((Math.log(2) + Math.log(4 / 3) + Math.log(4)) / 3, 14);
  });

  it('is numerically stable for huge reward gaps', () => {
    expect(negLogSigmoid(1000)).toBe(0);
    expect(negLogSigmoid(-1000)).toBe(1000);
    expect(negLogSigmoid(-40)).toBeCloseTo(40 + Math.exp(-40), 12);
    expect(logLoss([{ rChosen: -800, rRejected: 0 }])).toBe(800);
    expect(sigmoid(-800)).toBeGreaterThanOrEqual(0);
    expect(sigmoid(800)).toBe(1);
    expect(sigmoid(Math.log(3))).toBeCloseTo(0.75, 15);
  });

  it('binaryLogLoss handles fractional outcomes and clips certainty', () => {
    expect(binaryLogLoss([0.75, 0.5], [1, 0.5])).toBeCloseTo((Math.log(4 / 3) + Math.log(2)) / 2, 14);
    expect(Number.isFinite(binaryLogLoss([0], [1]))).toBe(true);
    expect(() => binaryLogLoss([0.5], [])).toThrow(RangeError);
  });
});

describe('calibration', () => {
  it('matches a hand-computed reliability diagram and ECE', () => {
    // Five bins of width 0.2.
    // [0, .2): 0.1, 0.15 → mean 0.125, positives 1/2; [.2, .4): 0.35 → 0.35, 0/1;
    // [.8, 1]: 0.8, 0.9, 0.95 → mean 0.88333, positives 2/3.
    // ECE = (2·|0.5 − 0.125| + 1·|0 − 0.35| + 3·|2/3 − 0.88333|) / 6 = (0.75 + 0.35 + 0.65) / 6.
    const c = calibration([0.1, 0.15, 0.35, 0.8, 0.9, 0.95], [0, 1, 0, 1, 1, 0], 5);
    expect(c.bins.map((b) => b.count)).toEqual([2, 1, 0, 0, 3]);
    expect(c.bins[0]).toEqual({ lo: 0, hi: 0.2, meanPredicted: 0.125, fractionPositive: 0.5, count: 2 });
    expect(c.bins[2].meanPredicted).toBeNull();
    expect(c.bins[4].meanPredicted).toBeCloseTo(2.65 / 3, 14);
    expect(c.bins[4].fractionPositive).toBeCloseTo(2 / 3, 14);
    expect(c.ece).toBeCloseTo(1.75 / 6, 14);
  });

  it('puts p = 1 in the last bin and gives ECE 0 for perfectly calibrated bins', () => {
    const c = calibration([1, 1, 0.25, 0.25, 0.25, 0.25], [1, 1, 1, 0, 0, 0], 4);
    expect(c.bins[3].count).toBe(2);
    expect(c.bins[1].count).toBe(4);
    expect(c.ece).toBe(0);
    expect(calibration([], []).ece).toBeNaN();
    expect(calibration([], []).bins).toHaveLength(10);
  });

  it('pairCalibration uses both orientations of each pair', () => {
    // Δ = ln 3 → p = 0.75 (outcome 1) and 0.25 (outcome 0): ECE = (|1 − .75| + |0 − .25|) / 2 = 0.25.
    const c = pairCalibration([{ rChosen: Math.log(3), rRejected: 0 }], 5);
    expect(c.bins.map((b) => b.count)).toEqual([0, 1, 0, 1, 0]);
    expect(c.ece).toBeCloseTo(0.25, 14);
  });
});

describe('accuracyByStrength and TRL metrics', () => {
  const pairs: RewardPair[] = [
    { rChosen: 1, rRejected: 0, strength: 1 },
    { rChosen: 0, rRejected: 1, strength: 1 },
    { rChosen: 3, rRejected: -2, strength: 3 },
    { rChosen: 0.5, rRejected: 0.5 },
  ];

  it('groups accuracy by strength, skipping empty strengths', () => {
    expect(accuracyByStrength(pairs)).toEqual([
      { strength: 1, accuracy: 0.5, n: 2 },
      { strength: 3, accuracy: 1, n: 1 },
      { strength: 'none', accuracy: 0.5, n: 1 },
    ]);
  });

  it('computes accuracy, margin, min/mean/max reward like TRL', () => {
    // margins 1, −1, 5, 0 → mean 1.25; rewards 1,0,0,1,3,−2,.5,.5 → sum 4, mean 0.5.
    expect(rewardTrainerMetrics(pairs)).toEqual({
      accuracy: 2.5 / 4,
      margin: 1.25,
      min_reward: -2,
      mean_reward: 0.5,
      max_reward: 3,
    });
    expect(rewardTrainerMetrics([]).margin).toBeNaN();
  });

  it('rewardMeanStd gives the population standard deviation', () => {
    // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, population sd 2.
    expect(rewardMeanStd([2, 4, 4, 4, 5, 5, 7, 9])).toEqual({ mean: 5, std: 2 });
    expect(rewardMeanStd([]).mean).toBeNaN();
  });
});
