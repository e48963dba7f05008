// lib/core/labeling/ranking.ts: expansion of K-way rankings into pairs (hand-worked cases and properties), tiers from
// the UI state, and the seeded choice of the next prompt to rank.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  expandRanking,
  moveItem,
  nextRankChoice,
  rankablePromptCount,
  rankingProblems,
  tierStrength,
  tiersFromOrder,
} from '../../lib/core/labeling/ranking';
import { pairKey, type Ranking } from '../../lib/core/types';

function ranking(tiers: string[][], id = 'rk1'): Ranking {
  return {
    id,
    datasetId: 'ds',
    promptId: 'p1',
    annotatorId: 'ann',
    tiers,
    createdAt: 1000,
    durationMs: 42,
  };
}

describe('expandRanking', () => {
  it('K=3 without ties: the 3 pairs, better one on the left, strengths by tier distance', () => {
    const cs = expandRanking(ranking([['x'], ['y'], ['z']]));
    // Worked by hand: x>y (adjacent → 2), x>z (two apart → 3), y>z (adjacent → 2).
    expect(cs.map((c) => [c.aId, c.bId, c.outcome, c.strength])).toEqual([
      ['x', 'y', 'a', 2],
      ['x', 'z', 'a', 3],
      ['y', 'z', 'a', 2],
    ]);
    expect(cs.map((c) => c.id)).toEqual(['rk1:x|y', 'rk1:x|z', 'rk1:y|z']);
    for (const c of cs) {
      expect(c).toMatchObject({
        datasetId: 'ds',
        promptId: 'p1',
        annotatorId: 'ann',
        createdAt: 1000,
        durationMs: 42,
        rankingId: 'rk1',
      });
    }
  });

  it('K=4 with b and c tied: 6 pairs, exactly one tie (b,c), ties carry no strength', () => {
    const cs = expandRanking(ranking([['a'], ['b', 'c'], ['d']]));
    expect(cs).toHaveLength(6);
    const byPair = new Map(cs.map((c) => [`${c.aId}>${c.bId}`, c]));
    expect([...byPair.keys()].sort()).toEqual(['a>b', 'a>c', 'a>d', 'b>c', 'b>d', 'c>d']);
    expect(byPair.get('b>c')!.outcome).toBe('tie');
    expect(byPair.get('b>c')!.strength).toBeUndefined();
    expect(cs.filter((c) => c.outcome === 'tie')).toHaveLength(1);
    // tiers 0,1,1,2: a–b and a–c adjacent (2), a–d two apart (3), b–d and c–d adjacent (2).
    expect(byPair.get('a>b')!.strength).toBe(2);
    expect(byPair.get('a>c')!.strength).toBe(2);
    expect(byPair.get('a>d')!.strength).toBe(3);
    expect(byPair.get('b>d')!.strength).toBe(2);
    expect(byPair.get('c>d')!.strength).toBe(2);
  });

  it('everything tied: C(K,2) ties', () => {
    const cs = expandRanking(ranking([['a', 'b', 'c', 'd', 'e']]));
    expect(cs).toHaveLength(10);
    expect(cs.every((c) => c.outcome === 'tie')).toBe(true);
  });

  it('refuses invalid rankings', () => {
    expect(() => expandRanking(ranking([['a'], ['a']]))).toThrow(/ranked twice/);
    expect(() => expandRanking(ranking([['a'], []]))).toThrow(/tier 2 is empty/);
    expect(() => expandRanking(ranking([['a']]))).toThrow(/at least 2/);
  });

  it('property: C(K,2) comparisons, every unordered pair once, consistent with the tier order', () => {
    // Arbitrary tiers over K distinct ids, 2 ≤ K ≤ 8.
    const tiersArb = fc
      .uniqueArray(fc.stringMatching(/^[a-z0-9]{1,4}$/), { minLength: 2, maxLength: 8 })
      .chain((ids) =>
        fc.array(fc.boolean(), { minLength: ids.length, maxLength: ids.length }).map((cuts) => {
          const tiers: string[][] = [];
          ids.forEach((id, i) => {
            if (i === 0 || cuts[i]) tiers.push([id]);
            else tiers[tiers.length - 1].push(id);
          });
          return tiers;
        }),
      );
    fc.assert(
      fc.property(tiersArb, (tiers) => {
        const cs = expandRanking(ranking(tiers));
        const k = tiers.flat().length;
        expect(cs).toHaveLength((k * (k - 1)) / 2);
        const tierOf = new Map<string, number>();
        tiers.forEach((t, i) => t.forEach((id) => tierOf.set(id, i)));
        const keys = new Set(cs.map((c) => pairKey(c.aId, c.bId)));
        expect(keys.size).toBe(cs.length);
        expect(new Set(cs.map((c) => c.id)).size).toBe(cs.length);
        for (const c of cs) {
          const ta = tierOf.get(c.aId)!;
          const tb = tierOf.get(c.bId)!;
          if (ta === tb) expect(c.outcome).toBe('tie');
          else {
            expect(c.outcome).toBe('a');
            expect(ta).toBeLessThan(tb);
            expect(c.strength).toBe(tb - ta === 1 ? 2 : 3);
          }
        }
      }),
    );
  });
});

describe('tierStrength and rankingProblems', () => {
  it('maps distances 1, 2, 5 to strengths 2, 3, 3 and refuses 0', () => {
    expect([1, 2, 5].map(tierStrength)).toEqual([2, 3, 3]);
    expect(() => tierStrength(0)).toThrow();
  });
  it('flags responses that are not candidates of the prompt', () => {
    expect(rankingProblems({ tiers: [['a'], ['b']] }, ['a', 'b', 'c'])).toEqual([]);
    expect(rankingProblems({ tiers: [['a'], ['z']] }, ['a', 'b'])).toEqual([
      'response z is not a candidate of this prompt',
    ]);
  });
});

describe('tiersFromOrder and moveItem', () => {
  it('a tie toggle joins the item to the tier above; chains make one tier; the first item cannot tie', () => {
    expect(tiersFromOrder(['a', 'b', 'c', 'd'], new Set())).toEqual([['a'], ['b'], ['c'], ['d']]);
    expect(tiersFromOrder(['a', 'b', 'c', 'd'], new Set(['c']))).toEqual([['a'], ['b', 'c'], ['d']]);
    expect(tiersFromOrder(['a', 'b', 'c', 'd'], new Set(['a', 'c', 'd']))).toEqual([['a'], ['b', 'c', 'd']]);
  });
  it('moves an element and leaves the input alone', () => {
    const xs = ['a', 'b', 'c', 'd'];
    expect(moveItem(xs, 0, 2)).toEqual(['b', 'c', 'a', 'd']);
    expect(moveItem(xs, 3, 0)).toEqual(['d', 'a', 'b', 'c']);
    expect(moveItem(xs, 1, 99)).toEqual(['a', 'c', 'd', 'b']);
    expect(xs).toEqual(['a', 'b', 'c', 'd']);
  });
});

describe('nextRankChoice', () => {
  const pool = [
    { id: 'p1', responseIds: ['r1', 'r2', 'r3', 'r4'] },
    { id: 'p2', responseIds: ['s1', 's2'] }, // too few to rank
    { id: 'p3', responseIds: ['t1', 't2', 't3', 't4', 't5', 't6', 't7', 't8'] },
    { id: 'p4', responseIds: ['u1', 'u2', 'u3'] },
  ];

  it('visits every rankable prompt exactly once, then returns null', () => {
    expect(rankablePromptCount(pool)).toBe(3);
    const ranked = new Set<string>();
    for (let i = 0; i < 3; i++) {
      const c = nextRankChoice(pool, ranked, 7)!;
      expect(ranked.has(c.promptId)).toBe(false);
      ranked.add(c.promptId);
    }
    expect([...ranked].sort()).toEqual(['p1', 'p3', 'p4']);
    expect(nextRankChoice(pool, ranked, 7)).toBeNull();
  });

  it('shows all candidates of a small prompt and a sample of 6 distinct ones of a large prompt', () => {
    const ranked = new Set(['p1', 'p4']);
    const c = nextRankChoice(pool, ranked, 3)!;
    expect(c.promptId).toBe('p3');
    expect(c.responseIds).toHaveLength(6);
    expect(new Set(c.responseIds).size).toBe(6);
    for (const id of c.responseIds) expect(pool[2].responseIds).toContain(id);
    const small = nextRankChoice(pool, new Set(['p1', 'p3']), 3)!;
    expect([...small.responseIds].sort()).toEqual(['u1', 'u2', 'u3']);
  });

  it('is deterministic per seed and independent of the pool order', () => {
    const a = nextRankChoice(pool, new Set(), 11);
    const b = nextRankChoice([...pool].reverse(), new Set(), 11);
    expect(a).toEqual(b);
    // Different seeds give different first prompts or candidate orders for at least one of a few seeds.
    const firsts = new Set([1, 2, 3, 4, 5, 6].map((s) => JSON.stringify(nextRankChoice(pool, new Set(), s))));
    expect(firsts.size).toBeGreaterThan(1);
  });
});
