// Mean and population standard deviation (lib/core/stats/moments.ts) against hand-computed values.
import { describe, expect, it } from 'vitest';
import { mean, meanStd } from '../../lib/core/stats/moments';

describe('mean and meanStd', () => {
  it('matches hand-computed values', () => {
    expect(mean([1, 2, 3, 4])).toBe(2.5);
    // Deviations −1, 1 → variance (1 + 1) / 2 = 1 (population, not the sample's 2).
    expect(meanStd([1, 3])).toEqual({ mean: 2, std: 1 });
    expect(meanStd([7])).toEqual({ mean: 7, std: 0 });
  });

  it('is NaN for no values and works past the call-stack limit of a spread', () => {
    expect(mean([])).toBeNaN();
    expect(meanStd([]).std).toBeNaN();
    const many = new Array<number>(300_000).fill(2);
    expect(meanStd(many)).toEqual({ mean: 2, std: 0 });
  });
});
