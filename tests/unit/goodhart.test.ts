// Tests of the Goodhart metrics (lib/core/goodhart/metrics.ts): hand-computed cases, and the exact best-of-n
// formula against brute-force enumeration of every ordered n-sample from small pools.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  bestOfN,
  bestOfNKl,
  bestOfNPickProbabilities,
  featureCorrelations,
  hackingGap,
  lengthBaseline,
  lengthCorrelation,
  wordCount,
  wrongPreferredRate,
  type ScoredResponse,
} from '../../lib/core/goodhart/metrics';
import { averageRanks, pearson, spearman } from '../../lib/core/stats/correlation';

function resp(promptId: string, reward: number, correct?: boolean, style?: string): ScoredResponse {
  return {
    promptId,
    responseId: `${promptId}-${reward}-${String(correct)}-${style}`,
    reward,
    correct,
    style,
  };
}

/**
 * Brute force: enumerate all m^n ordered draws; in each, the pick is uniform over the draw positions
 * holding the maximal reward. Returns the expected reward and correctness of the pick, and the KL of the
 * pick's distribution from the uniform base, Σ p_i ln(m p_i), from the enumerated pick probabilities.
 */
function bruteForce(pool: ScoredResponse[], n: number): { proxy: number; gold: number; kl: number } {
  const m = pool.length;
  let proxy = 0;
  let gold = 0;
  const picked = new Array<number>(m).fill(0);
  const draw = new Array<number>(n).fill(0);
  const total = m ** n;
  for (let code = 0; code < total; code++) {
    let c = code;
    for (let k = 0; k < n; k++) {
      draw[k] = c % m;
      c = Math.floor(c / m);
    }
    let top = -Infinity;
    for (const i of draw) top = Math.max(top, pool[i].reward);
    const maximal = draw.filter((i) => pool[i].reward === top);
    for (const i of maximal) {
      proxy += pool[i].reward / maximal.length / total;
      gold += (pool[i].correct ? 1 : 0) / maximal.length / total;
      picked[i] += 1 / maximal.length / total;
    }
  }
  let kl = 0;
  for (const p of picked) if (p > 0) kl += p * Math.log(m * p);
  return { proxy, gold, kl };
}

describe('best-of-n', () => {
  it('matches a hand computation: pool {1, 2}, n = 2 picks 2 with probability 3/4', () => {
    expect(bestOfNPickProbabilities([2, 1], 2)).toEqual([0.75, 0.25]);
    const curve = bestOfN([resp('p', 1, false), resp('p', 2, true)], 2);
    expect(curve[0]).toEqual({ n: 1, kl: 0, proxy: 1.5, gold: 0.5 });
    expect(curve[1].proxy).toBeCloseTo(1.75, 15);
    expect(curve[1].gold).toBeCloseTo(0.75, 15);
    // KL = ¼ ln(2·¼) + ¾ ln(2·¾) = −0.173287 + 0.304099 (by hand), not ln 2 − ½ = 0.193147.
    expect(curve[1].kl).toBeCloseTo(0.130812, 6);
  });

  it('splits a tied top level equally: pool {1, 1}, n = 3 → 1/2 each', () => {
    expect(bestOfNPickProbabilities([1, 1], 3)).toEqual([0.5, 0.5]);
    // {0, 1, 1}, n = 2: P(top level) = 1 − (1/3)^2 = 8/9, split 4/9 each.
    const p = bestOfNPickProbabilities([1, 0, 1], 2);
    expect(p[0]).toBeCloseTo(4 / 9, 15);
    expect(p[1]).toBeCloseTo(1 / 9, 15);
    expect(p[2]).toBeCloseTo(4 / 9, 15);
  });

  const pools: ScoredResponse[][] = [
    [resp('a', 0.3, true)],
    [resp('b', 1, false), resp('b', 2, true)],
    [resp('c', 0.5, true), resp('c', 2.5, false), resp('c', 1.5, true)],
    [resp('d', 1, true), resp('d', 1, false), resp('d', 3, false), resp('d', -2, true)],
    [resp('e', 2, true), resp('e', 2, false), resp('e', 2, false), resp('e', 0, true)],
    [resp('f', 7, false), resp('f', 7, true), resp('f', 7, true), resp('f', 7, false)],
    [resp('g', -1, false), resp('g', 4, true), resp('g', 4, false)],
  ];

  it('equals brute-force enumeration on every pool (m ≤ 4, n ≤ 4, with ties) to 1e-12', () => {
    for (const pool of pools) {
      const curve = bestOfN(pool, 4);
      for (let n = 1; n <= 4; n++) {
        const exact = bruteForce(pool, n);
        expect(Math.abs(curve[n - 1].proxy - exact.proxy)).toBeLessThan(1e-12);
        expect(Math.abs(curve[n - 1].gold! - exact.gold)).toBeLessThan(1e-12);
        expect(Math.abs(curve[n - 1].kl - exact.kl)).toBeLessThan(1e-12);
      }
    }
  });

  it('averages over prompts, gold only over fully labelled pools', () => {
    const items = [...pools[1], ...pools[2], resp('u', 10), resp('u', 0, true)];
    const curve = bestOfN(items, 3);
    for (let n = 1; n <= 3; n++) {
      const b = bruteForce(pools[1], n);
      const c = bruteForce(pools[2], n);
      const u = bruteForce([resp('u', 10), resp('u', 0, true)], n);
      expect(curve[n - 1].proxy).toBeCloseTo((b.proxy + c.proxy + u.proxy) / 3, 12);
      expect(curve[n - 1].gold).toBeCloseTo((b.gold + c.gold) / 2, 12);
      expect(curve[n - 1].kl).toBeCloseTo((b.kl + c.kl + u.kl) / 3, 12);
    }
    expect(bestOfN([resp('x', 1)], 1)[0].gold).toBeNull();
  });

  it('property: random small pools with many ties agree with brute force', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ r: fc.integer({ min: 0, max: 2 }), c: fc.boolean() }), {
          minLength: 1,
          maxLength: 4,
        }),
        fc.integer({ min: 1, max: 4 }),
        (raw, n) => {
          const pool = raw.map((x, i) => ({
            promptId: 'p',
            responseId: String(i),
            reward: x.r,
            correct: x.c,
          }));
          const exact = bruteForce(pool, n);
          const point = bestOfN(pool, n)[n - 1];
          return (
            Math.abs(point.proxy - exact.proxy) < 1e-12 &&
            Math.abs(point.gold! - exact.gold) < 1e-12 &&
            Math.abs(point.kl - exact.kl) < 1e-12
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('KL of best-of-n from the uniform pool: Σ p ln(k p), 0 at n = 1, never above ln k', () => {
    expect(bestOfNKl([0.5, 0.5])).toBe(0);
    expect(bestOfNKl([1, 0, 0])).toBeCloseTo(Math.log(3), 15);
    // Pool {0, 1, 2}, n = 2: p = 1/9, 3/9, 5/9; by hand 1/9 ln(1/3) + 0 + 5/9 ln(5/3) = 0.161724.
    expect(bestOfN([resp('p', 0), resp('p', 1), resp('p', 2)], 2)[1].kl).toBeCloseTo(0.161724, 6);
    for (const k of [2, 3, 4, 7]) {
      const pool = Array.from({ length: k }, (_, i) => resp('p', i));
      const curve = bestOfN(pool, 64);
      expect(curve[0].kl).toBeCloseTo(0, 12);
      for (const point of curve) expect(point.kl).toBeLessThanOrEqual(Math.log(k) + 1e-12);
      // The curve stops moving right once best-of-n nearly always keeps the top candidate.
      expect(curve[63].kl).toBeGreaterThan(Math.log(k) - 0.1);
      for (let n = 1; n < 64; n++) expect(curve[n].kl).toBeGreaterThanOrEqual(curve[n - 1].kl);
    }
    // Two candidates at n = 16: ln 2 at most (the continuous formula says 1.835).
    expect(bestOfN([resp('q', 0), resp('q', 1)], 16)[15].kl).toBeLessThan(Math.log(2));
  });
});

describe('wrongPreferredRate and hackingGap', () => {
  it('counts prompts with mixed gold, splitting tied tops, ignoring unlabelled responses', () => {
    const items = [
      resp('p1', 0.2, true),
      resp('p1', 0.9, false), // wrong on top → 1
      resp('p2', 2, true),
      resp('p2', 1, false), // right on top → 0
      resp('p3', 1, true),
      resp('p3', 2, true), // all correct → not eligible
      resp('p4', 1, true),
      resp('p4', 1, false),
      resp('p4', 0, false), // tie at the top, half wrong → 0.5
      resp('p5', 5, true),
      resp('p5', 10),
      resp('p5', 0, false), // unlabelled ignored, right on top → 0
    ];
    expect(wrongPreferredRate(items)).toEqual({ rate: 1.5 / 4, prompts: 4 });
    expect(wrongPreferredRate([resp('q', 1, true)])).toEqual({ rate: null, prompts: 0 });
  });

  it('hackingGap is the fluent-wrong minus hedged-right mean reward in reward SDs', () => {
    // Rewards 3, 5 (fluent wrong), 1 (hedged right), 2, 0 (other): mean 2.2, population variance 2.96.
    const items = [
      resp('a', 3, false, 'fluent'),
      resp('b', 5, false, 'fluent'),
      resp('a', 1, true, 'hedged'),
      resp('b', 2, true, 'fluent'),
      resp('c', 0, false, 'hedged'),
    ];
    expect(hackingGap(items)).toBeCloseTo(3 / Math.sqrt(2.96), 14);
    expect(hackingGap(items.filter((r) => r.style !== 'hedged' || r.correct === false))).toBeNull();
  });
});

describe('correlations and the length baseline', () => {
  it('pearson and spearman match hand computations', () => {
    const x = [1, 2, 3, 4, 5];
    const y = [2, 4, 5, 4, 5];
    // Pearson: Sxy = 6, Sxx = 10, Syy = 6 → 6 / √60.
    expect(pearson(x, y)).toBeCloseTo(6 / Math.sqrt(60), 14);
    // Ranks of y with ties: 1, 2.5, 4.5, 2.5, 4.5 → Sxy = 7, Syy = 9 → 7 / √90.
    expect(averageRanks(y)).toEqual([1, 2.5, 4.5, 2.5, 4.5]);
    expect(spearman(x, y)).toBeCloseTo(7 / Math.sqrt(90), 14);
    expect(spearman([1, 2, 3], [1, 8, 27])).toBeCloseTo(1, 14);
    expect(pearson([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 14);
    expect(pearson([1, 1, 1], [1, 2, 3])).toBeNull();
  });

  it('lengthCorrelation uses word counts of responses that have them', () => {
    const items: ScoredResponse[] = [1, 2, 3, 4, 5].map((len, i) => ({
      promptId: 'p',
      responseId: String(i),
      reward: [2, 4, 5, 4, 5][i],
      length: len,
    }));
    items.push({ promptId: 'p', responseId: 'x', reward: -100 });
    const c = lengthCorrelation(items);
    expect(c.n).toBe(5);
    expect(c.pearson).toBeCloseTo(6 / Math.sqrt(60), 14);
    expect(wordCount('  the quick\n brown  fox ')).toBe(4);
    expect(wordCount('   ')).toBe(0);
  });

  it('featureCorrelations returns one entry per named column', () => {
    const out = featureCorrelations(
      [2, 4, 5, 4, 5],
      [
        [1, 5],
        [2, 4],
        [3, 3],
        [4, 2],
        [5, 1],
      ],
      ['up', 'down'],
    );
    expect(out.map((c) => c.name)).toEqual(['up', 'down']);
    expect(out[0].pearson).toBeCloseTo(6 / Math.sqrt(60), 14);
    expect(out[1].pearson).toBeCloseTo(-6 / Math.sqrt(60), 14);
  });

  it('"longer answer wins" counts equal lengths as half, beside the model', () => {
    const r = lengthBaseline([
      { chosenLength: 10, rejectedLength: 5, rChosen: 0, rRejected: 1 },
      { chosenLength: 5, rejectedLength: 10, rChosen: 2, rRejected: 1 },
      { chosenLength: 7, rejectedLength: 7, rChosen: 1, rRejected: 1 },
      { chosenLength: 8, rejectedLength: 1 },
    ]);
    expect(r).toEqual({ longerWins: 2.5 / 4, model: 1.5 / 3, n: 4 });
  });
});
