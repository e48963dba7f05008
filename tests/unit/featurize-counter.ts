// Counts featurize calls, for tests that check a response is featurized once. In the test file:
//   vi.mock('../../lib/core/reward-model/features/index', async (original) =>
//     (await import('./featurize-counter')).countingFeatures(original));
// then read `featurizeCalls.n` (reset it before the code under test runs).
import type * as Features from '../../lib/core/reward-model/features/index';

/** How many times the mocked `featurize` ran. */
export const featurizeCalls = { n: 0 };

/** The features module with `featurize` counted (for a `vi.mock` factory). */
export async function countingFeatures(original: () => Promise<unknown>): Promise<typeof Features> {
  const actual = (await original()) as typeof Features;
  return {
    ...actual,
    featurize: (...args: Parameters<typeof actual.featurize>) => {
      featurizeCalls.n++;
      return actual.featurize(...args);
    },
  };
}
