// The logistic family (lib/core/stats/logistic.ts) against hand-computed values, its limits and its
// identities.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { negLogSigmoid, pairwiseLogLoss, sigmoid, softplus } from '../../lib/core/stats/logistic';

const finite = fc.double({ min: -700, max: 700, noNaN: true });

describe('sigmoid', () => {
  it('matches hand-computed values', () => {
    expect(sigmoid(0)).toBe(0.5);
    // σ(ln 3) = 3 / (3 + 1), σ(−ln 3) = 1 / (1 + 3).
    expect(sigmoid(Math.log(3))).toBeCloseTo(0.75, 15);
    expect(sigmoid(-Math.log(3))).toBeCloseTo(0.25, 15);
    // σ(1) = e / (1 + e) = 0.7310585786300049.
    expect(sigmoid(1)).toBeCloseTo(0.7310585786300049, 15);
  });

  it('is stable at the limits: σ(±40), σ(±800), σ(±Infinity)', () => {
    expect(sigmoid(40)).toBe(1); // 1 − 4.2e−18 rounds to 1
    // σ(−40) = e^−40 / (1 + e^−40) = 4.248354255291589e−18, kept to full relative precision.
    expect(sigmoid(-40) / 4.248354255291589e-18).toBeCloseTo(1, 14);
    expect(sigmoid(800)).toBe(1);
    expect(sigmoid(-800)).toBe(0);
    expect(sigmoid(Infinity)).toBe(1);
    expect(sigmoid(-Infinity)).toBe(0);
    expect(sigmoid(NaN)).toBeNaN();
  });

  it('σ(x) + σ(−x) = 1 and stays in [0, 1]', () => {
    fc.assert(
      fc.property(finite, (x) => {
        const s = sigmoid(x);
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(1);
        expect(s + sigmoid(-x)).toBeCloseTo(1, 14);
      }),
    );
  });
});

describe('softplus and negLogSigmoid', () => {
  it('matches hand-computed values', () => {
    expect(softplus(0)).toBe(Math.LN2);
    // log(1 + e) = 1.3132616875182228, log(1 + 1/e) = 0.31326168751822286.
    expect(softplus(1)).toBeCloseTo(1.3132616875182228, 15);
    expect(softplus(-1)).toBeCloseTo(0.31326168751822286, 15);
  });

  it('never overflows: softplus(800) = 800, softplus(−800) = 0, softplus(±40)', () => {
    expect(softplus(800)).toBe(800); // log1p(e^800) would be Infinity
    expect(softplus(-800)).toBe(0); // e^−800 underflows
    expect(softplus(40)).toBe(40); // 40 + 4.2e−18
    expect(softplus(-40) / 4.248354255291589e-18).toBeCloseTo(1, 14);
    expect(softplus(Infinity)).toBe(Infinity);
    expect(softplus(-Infinity)).toBe(0);
  });

  it('−log σ(x) = softplus(−x): 0 for a big lead, |x| for a big deficit, ln 2 at 0', () => {
    expect(negLogSigmoid(1000)).toBe(0);
    expect(negLogSigmoid(-1000)).toBe(1000);
    expect(negLogSigmoid(0)).toBe(Math.LN2);
    expect(negLogSigmoid(Math.log(3))).toBeCloseTo(Math.log(4 / 3), 15);
  });

  it('softplus(x) − softplus(−x) = x and e^(−softplus(−x)) = σ(x)', () => {
    fc.assert(
      fc.property(fc.double({ min: -30, max: 30, noNaN: true }), (x) => {
        expect(softplus(x) - softplus(-x)).toBeCloseTo(x, 12);
        expect(Math.exp(-negLogSigmoid(x))).toBeCloseTo(sigmoid(x), 14);
        expect(negLogSigmoid(x)).toBe(softplus(-x));
      }),
    );
  });
});

describe('pairwiseLogLoss', () => {
  it('is the mean of −log σ(d) in nats', () => {
    // −log σ(0) = ln 2, −log σ(ln 3) = ln(4/3), −log σ(−ln 3) = ln 4.
    expect(pairwiseLogLoss([0, Math.log(3), -Math.log(3)])).toBeCloseTo(
      (Math.LN2 + Math.log(4 / 3) + Math.log(4)) / 3,
      14,
    );
    expect(pairwiseLogLoss(Float32Array.of(0))).toBe(Math.LN2);
  });

  it('is finite for huge gaps and NaN for no pairs', () => {
    expect(pairwiseLogLoss([-800])).toBe(800);
    expect(pairwiseLogLoss([800, -800])).toBe(400);
    expect(pairwiseLogLoss([])).toBeNaN();
  });
});
