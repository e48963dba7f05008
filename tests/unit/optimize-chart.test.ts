// The optimiser chart's option: proxy and gold against √KL, gold in percent, Gao fits drawn from the curve's
// first value, and no fit lines before a run has finished.
import { describe, expect, it } from 'vitest';
import { buildOptimizeOption, fitLine } from '../../components/charts/options/optimize';

type Series = { id: string; data: [number, number | null][] };
const curve = [
  { step: 0, kl: 0, proxy: 1, gold: 0.5 },
  { step: 3, kl: 1, proxy: 2, gold: 0.4 },
  { step: 9, kl: 4, proxy: 2.5, gold: 0.2 },
];

describe('buildOptimizeOption', () => {
  it('plots against √KL with gold in percent and the fits from the first point', () => {
    const fit = {
      proxy: { form: 'rl' as const, alpha: 1, beta: 0.5 },
      gold: { form: 'rl' as const, alpha: -0.1, beta: 0 },
    };
    const o = buildOptimizeOption({ curve, fit }, 'light') as { series: Series[] };
    const byId = Object.fromEntries(o.series.map((s) => [s.id, s]));
    expect(byId.proxy.data).toEqual([
      [0, 1],
      [1, 2],
      [2, 2.5],
    ]);
    expect(byId.gold.data).toEqual([
      [0, 50],
      [1, 40],
      [2, 20],
    ]);
    // Gold fit at d = 2: 0.5 + 2·(−0.1 − 0) = 0.3 → 30%.
    expect(byId['gold-fit'].data.at(-1)![0]).toBe(2);
    expect(byId['gold-fit'].data.at(-1)![1]).toBeCloseTo(30, 9);
    // Proxy fit at d = 2: 1 + 2·(1 − 0.5·ln 2).
    expect(byId['proxy-fit'].data.at(-1)![1]).toBeCloseTo(1 + 2 * (1 - 0.5 * Math.log(2)), 9);
  });

  it('draws no fit before the run has one, and no gold without gold', () => {
    const o = buildOptimizeOption(
      { curve: curve.map((p) => ({ ...p, gold: null })), fit: { proxy: null, gold: null } },
      'dark',
    ) as { series: Series[] };
    expect(o.series.map((s) => s.id)).toEqual(['proxy']);
  });

  it('fitLine: a best-of-n form from y0 over [0, dMax]', () => {
    const line = fitLine({ form: 'bon', alpha: 2, beta: 1 }, 0.5, 1, 2);
    expect(line).toEqual([
      [0, 0.5],
      [0.5, 0.5 + 0.5 * (2 - 0.5)],
      [1, 0.5 + 1],
    ]);
  });
});
