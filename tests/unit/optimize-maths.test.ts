// The optimiser's maths against numbers it did not produce: exact KL against brute-force enumeration of
// every action, weighted best-of-n against enumeration of every n-tuple of draws (and against the uniform
// best-of-n already in metrics.ts), Gao et al.'s least-squares fit against a hand-solved 2×2 system, the
// bootstrap against the exact resampling distribution of a two-point sample, and the mitigations by hand.
import { describe, expect, it } from 'vitest';
import { bestOfNPickProbabilities } from '../../lib/core/goodhart/metrics';
import { baseActionProbs, klFrom, weightedBestOfN } from '../../lib/core/goodhart/optimize/bon';
import { fitGao, gaoValue } from '../../lib/core/goodhart/optimize/fit';
import { combineEnsemble, styleControlled } from '../../lib/core/goodhart/optimize/mitigations';
import {
  basePolicy,
  editMoments,
  editSets,
  policyKl,
  popcount,
  type Policy,
} from '../../lib/core/goodhart/optimize/policy';
import { bootstrapMeanInterval } from '../../lib/core/stats/bootstrap';
import { leastSquares } from '../../lib/core/stats/least-squares';
import { mulberry32 } from '../../lib/core/stats/random';
import { STYLE_FEATURES, featurize } from '../../lib/core/reward-model/features/index';

/** Every (answer, edit set) action's probability, by direct sums (no symmetric polynomials). */
function enumerate(theta: number[], phi: number[], L: number): number[] {
  const ex = theta.map(Math.exp);
  const zt = ex.reduce((s, x) => s + x, 0);
  const sets = [...Array(1 << phi.length).keys()].filter((m) => popcount(m) <= L);
  const weight = (m: number) => Math.exp(phi.reduce((s, f, e) => s + (m & (1 << e) ? f : 0), 0));
  const z = sets.reduce((s, m) => s + weight(m), 0);
  return ex.flatMap((x) => sets.map((m) => (x / zt) * (weight(m) / z)));
}

describe('exact KL of the factorised policy', () => {
  it('matches brute-force enumeration of every action on tiny cases', () => {
    const rng = mulberry32(7);
    for (let trial = 0; trial < 25; trial++) {
      const k = 2 + (trial % 3);
      const E = 1 + (trial % 4);
      const L = trial % (E + 1);
      const base = basePolicy([k, k + 1], E, L, 0.1);
      const policy: Policy = {
        theta: base.theta.map((t) => t.map(() => 4 * rng() - 2)),
        phi: base.phi.map(() => 6 * rng() - 3),
        maxEdits: L,
      };
      const brute =
        policy.theta
          .map((t, p) => {
            const pi = enumerate(t, policy.phi, L);
            const p0 = enumerate(base.theta[p], base.phi, L);
            return pi.reduce((s, x, a) => s + x * Math.log(x / p0[a]), 0);
          })
          .reduce((s, x) => s + x, 0) / 2;
      expect(policyKl(policy, base)).toBeCloseTo(brute, 10);
    }
  });

  it('is 0 at the base policy and finite for extreme logits', () => {
    const base = basePolicy([4], 7, 3, 0.02);
    expect(policyKl(base, base)).toBe(0);
    const m = editMoments([60, 60, -60, 0], 2);
    expect(m.marginals[0]).toBeCloseTo(1, 9);
    expect(m.marginals[2]).toBeCloseTo(0, 9);
    expect(Number.isFinite(m.logZ)).toBe(true);
    expect(m.logZ).toBeCloseTo(120, 9);
  });

  it('edit sets: every subset of at most L edits, empty first', () => {
    expect(editSets(3, 2)).toEqual([0, 1, 2, 4, 3, 5, 6]);
    expect(editSets(7, 3)).toHaveLength(1 + 7 + 21 + 35);
  });
});

describe('best-of-n over a base with unequal probabilities', () => {
  it('equals the uniform best-of-n of metrics.ts when the base is uniform (ties included)', () => {
    const r = [0.3, 1.2, 1.2, -0.5, 2];
    for (const n of [1, 2, 5, 16])
      weightedBestOfN(
        r,
        r.map(() => 0.2),
        n,
      ).forEach((p, i) => expect(p).toBeCloseTo(bestOfNPickProbabilities(r, n)[i], 12));
  });

  it('matches enumeration of every n-tuple of draws, ties broken uniformly among maximal draws', () => {
    const r = [1, 3, 3, 2, 1];
    const w = [0.4, 0.1, 0.25, 0.05, 0.2];
    for (const n of [1, 2, 3, 4]) {
      const brute = new Array<number>(r.length).fill(0);
      const walk = (tuple: number[]) => {
        if (tuple.length === n) {
          const prob = tuple.reduce((s, a) => s * w[a], 1);
          const top = Math.max(...tuple.map((a) => r[a]));
          const best = tuple.filter((a) => r[a] === top);
          for (const a of best) brute[a] += prob / best.length;
          return;
        }
        for (let a = 0; a < r.length; a++) walk([...tuple, a]);
      };
      walk([]);
      weightedBestOfN(r, w, n).forEach((p, i) => expect(p).toBeCloseTo(brute[i], 12));
    }
  });

  it('KL from the base grows with n (never decreases)', () => {
    const rng = mulberry32(3);
    for (let trial = 0; trial < 20; trial++) {
      const m = 3 + (trial % 6);
      const r = Array.from({ length: m }, () => Math.round(4 * rng()));
      const raw = Array.from({ length: m }, () => 0.05 + rng());
      const w = raw.map((x) => x / raw.reduce((s, y) => s + y, 0));
      let last = -1;
      for (let n = 1; n <= 64; n *= 2) {
        const kl = klFrom(weightedBestOfN(r, w, n), w);
        expect(kl).toBeGreaterThanOrEqual(last - 1e-12);
        last = kl;
      }
    }
  });

  it('the base action probabilities sum to one per prompt', () => {
    const base = basePolicy([3], 4, 2, 0.05);
    const w = baseActionProbs(base, editSets(4, 2), 3);
    expect(w.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 12);
  });
});

describe("Gao et al.'s forms by least squares", () => {
  it('best-of-n d(α − βd) through (1, 1), (2, 1), (3, −2): α = 87/38, β = 37/38 (solved by hand)', () => {
    const fit = fitGao('bon', [
      { d: 0, y: 0 },
      { d: 1, y: 1 },
      { d: 2, y: 1 },
      { d: 3, y: -2 },
    ])!;
    expect(fit.alpha).toBeCloseTo(87 / 38, 12);
    expect(fit.beta).toBeCloseTo(37 / 38, 12);
    expect(gaoValue(fit, 2)).toBeCloseTo(2 * (87 / 38 - (37 / 38) * 2), 12);
  });

  it('RL d(α − β ln d) recovers α = 2, β = 0.5 from exact points', () => {
    const pts = [0.5, 1, 2, 3, 4].map((d) => ({ d, y: d * (2 - 0.5 * Math.log(d)) }));
    const fit = fitGao('rl', pts)!;
    expect(fit.alpha).toBeCloseTo(2, 10);
    expect(fit.beta).toBeCloseTo(0.5, 10);
  });

  it('too few points or a singular design gives null', () => {
    expect(fitGao('rl', [{ d: 1, y: 1 }])).toBeNull();
    expect(
      leastSquares(
        [
          [1, 2],
          [2, 4],
        ],
        [1, 2],
      ),
    ).toBeNull();
  });
});

describe('bootstrap interval of a mean', () => {
  it('two points {0, 1}: resample means are 0, ½, 1 with probabilities ¼, ½, ¼, so the 95% interval is [0, 1]', () => {
    expect(bootstrapMeanInterval([0, 1], { resamples: 4000, seed: 5 })).toEqual({ low: 0, high: 1 });
    expect(bootstrapMeanInterval([0, 1], { resamples: 4000, seed: 5, level: 0.4 })).toEqual({
      low: 0.5,
      high: 0.5,
    });
  });

  it('a constant sample has a zero-width interval; a large sample ≈ mean ± 1.96 sd/√n', () => {
    expect(bootstrapMeanInterval([2.5, 2.5, 2.5])).toEqual({ low: 2.5, high: 2.5 });
    const xs = Array.from({ length: 400 }, (_, i) => i % 2);
    const ci = bootstrapMeanInterval(xs, { resamples: 2000 });
    const half = (1.96 * 0.5) / Math.sqrt(400);
    expect(ci.low).toBeCloseTo(0.5 - half, 1);
    expect(ci.high).toBeCloseTo(0.5 + half, 1);
    expect(bootstrapMeanInterval([]).low).toBeNaN();
  });
});

describe('mitigations by hand', () => {
  it('conservative ensemble: min and mean − sd', () => {
    const members = [
      [1, 2],
      [3, 2],
      [2, 5],
    ];
    expect([...combineEnsemble(members, 'min')]).toEqual([1, 2]);
    const c = combineEnsemble(members, 'mean-sd');
    expect(c[0]).toBeCloseTo(2 - Math.sqrt(2 / 3), 12);
    expect(c[1]).toBeCloseTo(3 - Math.sqrt(2), 12);
  });

  it('style control: a reward that is exactly linear in length and markdown counts becomes a constant', () => {
    const texts = [
      'Short.',
      'A longer answer with more words in it.',
      '**Bold** lead.\n\n- one\n- two',
      '# Title\n\nBody text here.',
      'Plain words only here, quite a few of them.',
      '- a\n- b\n- c',
    ].map((response) => ({ prompt: 'q', response }));
    const idx = ['length', 'list items', 'headings', 'bold'].map((n) =>
      STYLE_FEATURES.findIndex((f) => f.name === n),
    );
    const rewards = texts.map((t) => {
      const x = featurize(t.prompt, t.response);
      return 0.7 + 2 * x[idx[0]] - 1.5 * x[idx[1]] + 0.25 * x[idx[2]] + 3 * x[idx[3]];
    });
    const out = styleControlled({ texts }, rewards);
    for (const r of out) expect(r).toBeCloseTo(0.7, 6);
  });
});
