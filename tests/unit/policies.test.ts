// Next-pair policies on hand-made rewards: uncertainty takes the pair nearest a coin flip, disagreement the
// most confidently wrong pair, coverage the prompt with the fewest labelled pairs (checked against a
// brute-force count over random pools), and "labels needed to reach X%".
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  disagreementScores,
  labelsToReach,
  pickPair,
  preferProbability,
  uncertaintyScores,
  type PairCandidate,
} from '../../lib/core/labeling/policies';
import { mulberry32 } from '../../lib/core/stats/random';

const c = (promptId: string, aId: string, bId: string): PairCandidate => ({ promptId, aId, bId });

describe('preferProbability', () => {
  it('is the Bradley–Terry σ(rA − rB)', () => {
    expect(preferProbability(0, 0)).toBe(0.5);
    expect(preferProbability(Math.log(3), 0)).toBeCloseTo(0.75, 12); // e^ln3 / (1 + e^ln3) = 3/4
    expect(preferProbability(0, Math.log(3))).toBeCloseTo(0.25, 12);
    expect(preferProbability(1000, 0)).toBe(1);
    expect(preferProbability(-1000, 0)).toBe(0);
  });
});

describe('uncertainty', () => {
  const rewards = new Map([
    ['a', 2],
    ['b', 0], // σ(2) ≈ 0.881
    ['c', 1],
    ['d', 0.8], // σ(0.2) ≈ 0.550: nearest 0.5
    ['e', 0],
    ['f', 3], // σ(−3) ≈ 0.047
  ]);
  const cands = [c('p1', 'a', 'b'), c('p2', 'c', 'd'), c('p3', 'e', 'f')];

  it('scores −|σ(rA − rB) − 0.5|', () => {
    const s = uncertaintyScores(cands, rewards);
    expect(s[0]).toBeCloseTo(-(1 / (1 + Math.exp(-2)) - 0.5), 12);
    expect(s[1]).toBeCloseTo(-(1 / (1 + Math.exp(-0.2)) - 0.5), 12);
    expect(s[2]).toBeCloseTo(-(0.5 - 1 / (1 + Math.exp(3))), 12);
  });

  it('picks the pair whose predicted P(A ≻ B) is nearest 0.5', () => {
    expect(pickPair('uncertainty', cands, rewards, undefined, mulberry32(1))).toBe(cands[1]);
  });

  it('counts a response without a reward as 0', () => {
    const cs = [c('p1', 'a', 'b'), c('p4', 'x', 'y')];
    expect(pickPair('uncertainty', cs, rewards, undefined, mulberry32(1))).toBe(cs[1]);
  });

  it('breaks exact ties with the rng: both tied pairs come up, reproducibly for a seed', () => {
    const cs = [c('p1', 'a', 'b'), c('p2', 'e', 'b'), c('p3', 'x', 'y')];
    const r = new Map([
      ['a', 1],
      ['b', 0],
      ['e', 1],
      ['x', 5],
      ['y', 0],
    ]);
    const picks = new Set<PairCandidate>();
    for (let seed = 0; seed < 40; seed++)
      picks.add(pickPair('uncertainty', cs, r, undefined, mulberry32(seed)));
    expect(picks).toEqual(new Set([cs[0], cs[1]]));
    expect(pickPair('uncertainty', cs, r, undefined, mulberry32(7))).toBe(
      pickPair('uncertainty', cs, r, undefined, mulberry32(7)),
    );
  });
});

describe('disagreement', () => {
  const rewards = new Map([
    ['r1', 1],
    ['w1', 2], // wrong preferred with σ(1) ≈ 0.731
    ['r2', 0],
    ['w2', 3], // wrong preferred with σ(3) ≈ 0.953: the most confidently wrong
    ['r3', 5],
    ['w3', 0], // model right
    ['r4', 0],
    ['r5', 9], // both correct: no disagreement possible
  ]);
  const gold = new Map([
    ['r1', true],
    ['w1', false],
    ['r2', true],
    ['w2', false],
    ['r3', true],
    ['w3', false],
    ['r4', true],
    ['r5', true],
  ]);
  const cands = [c('p1', 'r1', 'w1'), c('p2', 'w2', 'r2'), c('p3', 'r3', 'w3'), c('p4', 'r4', 'r5')];

  it('scores only pairs where the model prefers the incorrect answer, by its confidence', () => {
    const s = disagreementScores(cands, rewards, gold);
    expect(s[0]).toBeCloseTo(1 / (1 + Math.exp(-1)), 12);
    expect(s[1]).toBeCloseTo(1 / (1 + Math.exp(-3)), 12);
    expect(s[2]).toBeNull();
    expect(s[3]).toBeNull();
  });

  it('picks the confidently-wrong pair, whichever side the wrong answer is on', () => {
    expect(pickPair('disagreement', cands, rewards, gold, mulberry32(1))).toBe(cands[1]);
  });

  it('falls back to uncertainty when nothing contradicts gold, or without gold', () => {
    const cs = [cands[2], cands[3], c('p5', 'r1', 'r2')]; // p5: σ(1) is the nearest 0.5
    expect(pickPair('disagreement', cs, rewards, gold, mulberry32(1))).toBe(cs[2]);
    expect(pickPair('disagreement', cands, rewards, undefined, mulberry32(1))).toBe(cands[0]);
  });

  it('refuses an empty candidate list', () => {
    expect(() => pickPair('uncertainty', [], rewards, gold, mulberry32(1))).toThrow(RangeError);
  });
});

describe('coverage (the foundation planner)', () => {
  const ids = (p: string) => [0, 1, 2, 3].map((i) => `${p}r${i}`);
  const allPairs = (p: string) => {
    const r = ids(p);
    const out: PairCandidate[] = [];
    for (let i = 0; i < 4; i++) for (let j = i + 1; j < 4; j++) out.push(c(p, r[i], r[j]));
    return out;
  };

  it('takes a pair of the prompt with the fewest labelled pairs', () => {
    const p1 = allPairs('P1');
    const p2 = allPairs('P2');
    const labelled = p1.slice(0, 3);
    const cands = [...p1.slice(3), ...p2];
    for (let seed = 0; seed < 20; seed++) {
      const pick = pickPair('coverage', cands, new Map(), undefined, mulberry32(seed), labelled);
      expect(pick.promptId).toBe('P2');
      expect(cands).toContain(pick);
    }
  });

  it('on random pools, always returns a candidate of a prompt with the most open pairs (brute force)', () => {
    const prompts = ['A', 'B', 'C', 'D'];
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 24, maxLength: 24 }), fc.integer(), (open, seed) => {
        const pairs = prompts.flatMap(allPairs);
        const cands = pairs.filter((_, i) => open[i]);
        const labelled = pairs.filter((_, i) => !open[i]);
        if (cands.length === 0) return;
        const pick = pickPair('coverage', cands, new Map(), undefined, mulberry32(seed), labelled);
        expect(cands).toContain(pick);
        const openCount = (p: string) => cands.filter((x) => x.promptId === p).length;
        expect(openCount(pick.promptId)).toBe(Math.max(...prompts.map(openCount)));
      }),
      { numRuns: 200 },
    );
  });
});

describe('labelsToReach', () => {
  const pts = [
    { labels: 20, accuracy: 0.6 },
    { labels: 40, accuracy: 0.81 },
    { labels: 60, accuracy: 0.79 },
    { labels: 80, accuracy: 0.9 },
  ];
  it('is the fewest labels at which the curve reaches the target, or null', () => {
    expect(labelsToReach(pts, 0.8)).toBe(40);
    expect(labelsToReach(pts, 0.85)).toBe(80);
    expect(labelsToReach(pts, 0.6)).toBe(20);
    expect(labelsToReach(pts, 0.95)).toBeNull();
    expect(labelsToReach([...pts].reverse(), 0.8)).toBe(40);
  });
});
