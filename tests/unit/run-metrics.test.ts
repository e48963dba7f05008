// Run figures on a hand-computed case.
import { describe, expect, it } from 'vitest';
import { runFigures } from '../../lib/core/reward-model/run-metrics';

describe('runFigures', () => {
  it('computes held-out accuracy, log-loss and TRL metrics by hand', () => {
    // Δ = 2, 0, −1 → correct, half, wrong: accuracy (1 + 0.5 + 0)/3 = 0.5.
    const val = [
      { rChosen: 1, rRejected: -1, strength: 3 },
      { rChosen: 0.5, rRejected: 0.5, strength: 2 },
      { rChosen: 0, rRejected: 1 },
    ];
    const f = runFigures({ train: [], val });
    expect(f.train.n).toBe(0);
    expect(f.train.accuracy).toBeNull();
    expect(f.heldOut.n).toBe(3);
    expect(f.heldOut.accuracy).toBeCloseTo(0.5, 12);
    const expected = (Math.log1p(Math.exp(-2)) + Math.log(2) + Math.log1p(Math.exp(1))) / 3;
    expect(f.heldOut.logLoss).toBeCloseTo(expected, 12);
    expect(f.heldOut.trl).toEqual({
      accuracy: 0.5,
      margin: (2 + 0 - 1) / 3,
      min_reward: -1,
      mean_reward: 2 / 6,
      max_reward: 1,
    });
    expect(f.heldOut.byStrength.map((s) => [s.strength, s.n])).toEqual([
      [2, 1],
      [3, 1],
      ['none', 1],
    ]);
    expect(f.heldOut.calibration!.bins.reduce((s, b) => s + b.count, 0)).toBe(6);
  });
});
