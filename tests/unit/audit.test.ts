// Self-audit statistics against hand-computed values.
import { describe, expect, it } from 'vitest';
import { pickRepeat, positionBias, selfConsistency } from '../../lib/core/labeling/audit';
import { binomialTwoSidedHalf, logFactorial } from '../../lib/core/stats/binomial';
import { mulberry32 } from '../../lib/core/stats/random';
import type { Comparison, Outcome } from '../../lib/core/types';

const c = (
  id: string,
  aId: string,
  bId: string,
  outcome: Outcome,
  annotatorId = 'ann',
  repeatOf?: string,
): Comparison => ({
  id,
  datasetId: 'd',
  promptId: 'p',
  aId,
  bId,
  outcome,
  annotatorId,
  createdAt: 0,
  durationMs: 0,
  ...(repeatOf ? { repeatOf } : {}),
});

describe('self-audit', () => {
  it('logFactorial matches factorials', () => {
    expect(logFactorial(0)).toBe(0);
    expect(logFactorial(5)).toBeCloseTo(Math.log(120), 12);
    expect(logFactorial(20)).toBeCloseTo(Math.log(2432902008176640000), 10);
  });

  it('binomial test: 9 of 10 gives p = 2·11/1024; 5 of 10 gives 1', () => {
    expect(binomialTwoSidedHalf(9, 10)).toBeCloseTo(22 / 1024, 12);
    expect(binomialTwoSidedHalf(1, 10)).toBeCloseTo(22 / 1024, 12);
    expect(binomialTwoSidedHalf(5, 10)).toBeCloseTo(1, 12);
    expect(binomialTwoSidedHalf(0, 0)).toBe(1);
    // 60 of 100: two-sided exact p = 0.056887933640…, the published value for this classic example.
    expect(binomialTwoSidedHalf(60, 100)).toBeCloseTo(0.0568879336, 8);
  });

  it('counts a swapped repeat with the mirrored verdict as consistent', () => {
    const rows = [
      c('o1', 'x', 'y', 'a'), // prefers x
      c('r1', 'y', 'x', 'b', 'ann', 'o1'), // swapped, still prefers x: consistent
      c('o2', 'u', 'v', 'a'),
      c('r2', 'v', 'u', 'a', 'ann', 'o2'), // swapped, now prefers v: inconsistent
      c('o3', 's', 't', 'tie'),
      c('r3', 't', 's', 'tie', 'ann', 'o3'), // tie both times: consistent
      c('r4', 't', 's', 'a', 'other', 'o3'), // another annotator's "repeat" does not count
    ];
    expect(selfConsistency(rows)).toEqual([{ annotatorId: 'ann', n: 3, consistent: 2, rate: 2 / 3 }]);
  });

  it('position bias: share of decided judgments won by the left side', () => {
    const rows = [
      c('1', 'a', 'b', 'a'),
      c('2', 'a', 'b', 'a'),
      c('3', 'a', 'b', 'b'),
      c('4', 'a', 'b', 'tie'),
    ];
    const [row] = positionBias(rows);
    expect(row).toMatchObject({ n: 3, leftWins: 2, leftShare: 2 / 3 });
    expect(row.pValue).toBeCloseTo(1, 12); // 2 of 3 is as likely as it gets
  });

  it('picks a not-yet-repeated original judgment', () => {
    const rows = [c('o1', 'x', 'y', 'a'), c('o2', 'u', 'v', 'both_bad'), c('r1', 'y', 'x', 'b', 'ann', 'o1')];
    expect(pickRepeat(rows, mulberry32(1))).toBeNull();
    expect(pickRepeat([c('o1', 'x', 'y', 'a')], mulberry32(1))?.id).toBe('o1');
  });
});
