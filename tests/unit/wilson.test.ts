// The Wilson score interval against values worked by hand from the formula (z = 1.959964) and against
// published ones (Newcombe 1998, Table I: 81/263 → 0.2553–0.3662; 15/148 → 0.0624–0.1605).
import { describe, expect, it } from 'vitest';
import { rateInterval, wilsonInterval } from '../../lib/core/stats/wilson';

describe('wilsonInterval', () => {
  it('8 of 10: centre (0.8 + 0.19207)/1.38415 = 0.71674, half 1.96·0.16001/1.38415 = 0.22658', () => {
    const ci = wilsonInterval(8, 10)!;
    expect(ci.lo).toBeCloseTo(0.4902, 4);
    expect(ci.hi).toBeCloseTo(0.9433, 4);
  });

  it('0 of 10 and 10 of 10 touch 0 and 1: the far end is 0.38415/1.38415 = 0.27753 from the edge', () => {
    expect(wilsonInterval(0, 10)!.lo).toBe(0);
    expect(wilsonInterval(0, 10)!.hi).toBeCloseTo(0.27753, 5);
    expect(wilsonInterval(10, 10)!.lo).toBeCloseTo(0.72247, 5);
    expect(wilsonInterval(10, 10)!.hi).toBe(1);
  });

  it('1 of 2 (half a win per tie allowed): 0.5 ± 1.96·√(0.125 + 0.24010)/2.92073', () => {
    const ci = wilsonInterval(1, 2)!;
    expect(ci.lo).toBeCloseTo(0.0945, 4);
    expect(ci.hi).toBeCloseTo(0.9055, 4);
    const third = wilsonInterval(1.5, 3)!;
    expect(third.lo + third.hi).toBeCloseTo(1, 12);
    expect(third.hi - third.lo).toBeLessThan(ci.hi - ci.lo);
  });

  it("matches Newcombe's published intervals", () => {
    const a = wilsonInterval(81, 263)!;
    expect(a.lo).toBeCloseTo(0.2553, 4);
    expect(a.hi).toBeCloseTo(0.3662, 4);
    const b = wilsonInterval(15, 148)!;
    expect(b.lo).toBeCloseTo(0.0624, 4);
    expect(b.hi).toBeCloseTo(0.1605, 4);
  });

  it('has no interval without trials and refuses impossible counts', () => {
    expect(wilsonInterval(0, 0)).toBeNull();
    expect(rateInterval(null, 10)).toBeNull();
    expect(rateInterval(Number.NaN, 10)).toBeNull();
    expect(() => wilsonInterval(11, 10)).toThrow(RangeError);
  });

  it('rateInterval is the interval of rate·n successes', () => {
    expect(rateInterval(0.8, 10)).toEqual(wilsonInterval(8, 10));
  });
});
