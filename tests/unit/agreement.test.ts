// Tests of the agreement statistics (lib/core/labeling/agreement.ts) against published worked examples
// (Krippendorff 2011; the Cohen's kappa example on Wikipedia) and hand-computed cases.
import { describe, expect, it } from 'vitest';
import {
  canonicalOutcome,
  labelsByAnnotator,
  mostDisagreedPairs,
  pairwiseAgreement,
  raterAccuracyAgainstGold,
  roomAlpha,
  formatAgreement,
  MIN_SHARED_PAIRS,
} from '../../lib/core/labeling/agreement';
import {
  cohensKappa,
  krippendorffAlphaNominal,
  krippendorffAlphaNominalDetail,
} from '../../lib/core/stats/agreement';
import type { Comparison, Outcome } from '../../lib/core/types';

let nextId = 0;
function cmp(annotatorId: string, aId: string, bId: string, outcome: Outcome, createdAt = 0): Comparison {
  return {
    id: `c${nextId++}`,
    datasetId: 'd',
    promptId: `p-${[aId, bId].sort().join('-')}`,
    aId,
    bId,
    outcome,
    annotatorId,
    createdAt,
    durationMs: 1000,
  };
}

describe("Cohen's kappa", () => {
  it('reproduces the Wikipedia worked example (50 grant proposals): κ = 0.4', () => {
    // https://en.wikipedia.org/wiki/Cohen%27s_kappa, "Simple example": reader A and reader B both say
    // yes 20 times, both no 15 times; A yes / B no 5 times; A no / B yes 10 times.
    // p_o = 0.7, p_e = 0.5·0.6 + 0.5·0.4 = 0.5, κ = 0.4.
    const pairs: [string, string][] = [
      ...Array.from({ length: 20 }, (): [string, string] => ['yes', 'yes']),
      ...Array.from({ length: 15 }, (): [string, string] => ['no', 'no']),
      ...Array.from({ length: 5 }, (): [string, string] => ['yes', 'no']),
      ...Array.from({ length: 10 }, (): [string, string] => ['no', 'yes']),
    ];
    const k = cohensKappa(
      pairs.map((p) => p[0]),
      pairs.map((p) => p[1]),
    );
    expect(k.n).toBe(50);
    expect(k.observed).toBeCloseTo(0.7, 14);
    expect(k.expected).toBeCloseTo(0.5, 14);
    expect(k.kappa).toBeCloseTo(0.4, 14);
  });

  it('is 1 for perfect agreement, null when both raters used one label only', () => {
    expect(cohensKappa(['a', 'b', 'a'], ['a', 'b', 'a']).kappa).toBe(1);
    expect(cohensKappa(['a', 'a'], ['a', 'a']).kappa).toBeNull();
    expect(cohensKappa([], []).kappa).toBeNull();
  });
});

describe("Krippendorff's alpha (nominal)", () => {
  it('reproduces Krippendorff (2011) "Computing Krippendorff\'s Alpha-Reliability", nominal example: 0.743', () => {
    // 4 observers × 12 units with missing values (null); unit 12 has a single value and is not pairable.
    const observers = [
      [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
      [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
      [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
      [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
    ];
    const units = observers[0].map((_, u) => observers.map((o) => o[u]));
    expect(krippendorffAlphaNominal(units)).toBeCloseTo(0.743, 3);
  });

  it('matches a hand computation and its edge cases', () => {
    // Units {x, x} and {x, y}: n = 4, D_o = 2/4, D_e = 2·3·1/(4·3) = 1/2, so α = 0.
    expect(
      krippendorffAlphaNominal([
        ['x', 'x'],
        ['x', 'y'],
      ]),
    ).toBeCloseTo(0, 14);
    // Units {x, x}, {y, y}, {x, y}: n = 6, D_o = 2/6, D_e = 2·3·3/(6·5) = 3/5: α = 1 − (1/3)/(3/5) = 4/9.
    expect(
      krippendorffAlphaNominal([
        ['x', 'x'],
        ['y', 'y'],
        ['x', 'y'],
      ]),
    ).toBeCloseTo(4 / 9, 14);
    expect(
      krippendorffAlphaNominal([
        ['x', 'x'],
        ['y', 'y', undefined],
      ]),
    ).toBe(1);
    expect(krippendorffAlphaNominal([['x', 'x'], ['x']])).toBeNull();
    expect(krippendorffAlphaNominal([['x'], [null, 'y']])).toBeNull();
  });
});

describe('agreement over comparisons', () => {
  it('normalises swapped sides to the canonical orientation', () => {
    expect(canonicalOutcome({ aId: 'r1', bId: 'r2', outcome: 'a' })).toBe('a');
    expect(canonicalOutcome({ aId: 'r2', bId: 'r1', outcome: 'b' })).toBe('a');
    expect(canonicalOutcome({ aId: 'r2', bId: 'r1', outcome: 'tie' })).toBe('tie');
    expect(canonicalOutcome({ aId: 'r2', bId: 'r1', outcome: 'both_bad' })).toBe('both_bad');
  });

  const room = [
    cmp('ann1', 'r1', 'r2', 'a'),
    cmp('ann2', 'r2', 'r1', 'b'), // same verdict: r1 better
    cmp('ann1', 'r3', 'r4', 'tie'),
    cmp('ann2', 'r4', 'r3', 'tie'),
    cmp('ann1', 'r5', 'r6', 'a'),
    cmp('ann2', 'r6', 'r5', 'a'), // disagree: ann1 says r5, ann2 says r6
    cmp('ann1', 'r7', 'r8', 'b'), // only ann1
    cmp('ann3', 'r1', 'r2', 'both_bad'),
  ];

  it("gives percent agreement and Cohen's κ per annotator pair on shared pairs", () => {
    // ann1 vs ann2 on 3 shared pairs: canonical labels [a, tie, a] vs [a, tie, b]; p_o = 2/3,
    // p_e = (2/3)(1/3) + (1/3)(1/3) = 1/3, κ = (2/3 − 1/3) / (2/3) = 1/2.
    const rows = pairwiseAgreement(room);
    expect(rows.map((r) => [r.annotatorA, r.annotatorB, r.n])).toEqual([
      ['ann1', 'ann2', 3],
      ['ann1', 'ann3', 1],
      ['ann2', 'ann3', 1],
    ]);
    expect(rows[0].observed).toBeCloseTo(2 / 3, 14);
    expect(rows[0].expected).toBeCloseTo(1 / 3, 14);
    expect(rows[0].kappa).toBeCloseTo(0.5, 14);
    expect(rows[1].observed).toBe(0);
  });

  it("uses each annotator's latest verdict on a pair", () => {
    const relabelled = [...room, cmp('ann1', 'r6', 'r5', 'a', 10)]; // ann1 changes their mind: r6
    expect(labelsByAnnotator(relabelled).get('ann1')!.get('r5|r6')).toBe('b');
    expect(pairwiseAgreement(relabelled)[0].observed).toBe(1);
  });

  it('computes the room α from the same canonical labels', () => {
    // Units: r1|r2 {a, a, both_bad}, r3|r4 {tie, tie}, r5|r6 {a, b}; r7|r8 has one value.
    expect(roomAlpha(room).alpha).toBeCloseTo(
      krippendorffAlphaNominal([['a', 'a', 'both_bad'], ['tie', 'tie'], ['a', 'b'], ['b']])!,
      14,
    );
    // By hand: n = 7; D_o·n = (2·2)/2 + 0 + 2/1 = 4; marginals a 3, both_bad 1, tie 2, b 1 → Σ_{c≠k} n_c n_k
    // = 49 − 9 − 1 − 4 − 1 = 34; α = 1 − 6·4/34 = 5/17.
    expect(roomAlpha(room).alpha).toBeCloseTo(5 / 17, 14);
  });

  it('says how many shared pairs the room α rests on (pairs seen by two people or more)', () => {
    // r1|r2, r3|r4 and r5|r6 were labelled by two or more; r7|r8 by ann1 only.
    expect(roomAlpha(room).n).toBe(3);
    expect(roomAlpha([]).n).toBe(0);
    expect(roomAlpha([]).alpha).toBeNull();
    // ann1 labelling the same pair twice still makes one shared pair, not two.
    expect(roomAlpha([...room, cmp('ann1', 'r7', 'r8', 'a', 5)]).n).toBe(3);
    expect(roomAlpha([...room, cmp('ann3', 'r8', 'r7', 'a', 5)]).n).toBe(4);
  });

  it('lists the most disagreed pairs first, by entropy', () => {
    const rows = mostDisagreedPairs(room);
    // r5|r6 {a: 1, b: 1}: 1 bit; r1|r2 {a: 2, both_bad: 1}: 0.918 bits; r3|r4 unanimous: 0; r7|r8 has one label.
    expect(rows.map((r) => r.key)).toEqual(['r5|r6', 'r1|r2', 'r3|r4']);
    expect(rows[0].entropy).toBe(1);
    expect(rows[0].counts).toEqual({ a: 1, b: 1, tie: 0, both_bad: 0 });
    expect(rows[0].disagreement).toBe(0.5);
    expect(rows[1].entropy).toBeCloseTo(-(2 / 3) * Math.log2(2 / 3) - (1 / 3) * Math.log2(1 / 3), 14);
    expect(rows[1].disagreement).toBeCloseTo(1 / 3, 14);
    expect(rows[1]).toMatchObject({ aId: 'r1', bId: 'r2', promptId: 'p-r1-r2', n: 3 });
    expect(rows[2].entropy).toBe(0);
    expect(mostDisagreedPairs(room, 1)).toHaveLength(4);
  });
});

describe('agreement figures with their n', () => {
  it('counts the pairable units and values α rests on', () => {
    expect(krippendorffAlphaNominalDetail([['x', 'x'], ['y', 'y', null], ['x'], []])).toEqual({
      alpha: 1,
      units: 2,
      values: 4,
    });
    expect(krippendorffAlphaNominalDetail([['x'], ['y']])).toEqual({ alpha: null, units: 0, values: 0 });
  });

  it('shows a κ or α on fewer than 10 shared pairs as "too few shared pairs", never as a number', () => {
    expect(MIN_SHARED_PAIRS).toBe(10);
    expect(formatAgreement(0.5, 3)).toBe('too few shared pairs (n = 3)');
    expect(formatAgreement(1, 9)).toBe('too few shared pairs (n = 9)');
    expect(formatAgreement(null, 0)).toBe('too few shared pairs (n = 0)');
    expect(formatAgreement(0.4321, 10)).toBe('0.43 (n = 10)');
    expect(formatAgreement(-0.05, 250)).toBe('-0.05 (n = 250)');
    expect(formatAgreement(null, 12)).toBe('— (n = 12)');
    expect(formatAgreement(Number.NaN, 12)).toBe('— (n = 12)');
  });

  it('on a room of 3 shared pairs, the α line names its n and gives no number', () => {
    const room = [
      cmp('p', 'r1', 'r2', 'a'),
      cmp('q', 'r1', 'r2', 'a'),
      cmp('p', 'r3', 'r4', 'b'),
      cmp('q', 'r3', 'r4', 'a'),
      cmp('p', 'r5', 'r6', 'tie'),
      cmp('q', 'r6', 'r5', 'tie'),
    ];
    const { alpha, n } = roomAlpha(room);
    expect(alpha).not.toBeNull();
    expect(formatAgreement(alpha, n)).toBe('too few shared pairs (n = 3)');
    const [k] = pairwiseAgreement(room);
    expect(formatAgreement(k.kappa, k.n)).toBe('too few shared pairs (n = 3)');
  });
});

describe('raterAccuracyAgainstGold', () => {
  it('counts preferring the wrong answer among pairs with exactly one correct response', () => {
    const gold = new Map<string, boolean>([
      ['good1', true],
      ['bad1', false],
      ['good2', true],
      ['bad2', false],
      ['good3', true],
    ]);
    const rows = raterAccuracyAgainstGold(
      [
        cmp('h', 'good1', 'bad1', 'b'), // wrong
        cmp('h', 'bad2', 'good2', 'a'), // wrong
        cmp('h', 'bad1', 'good1', 'b'), // right
        cmp('h', 'good2', 'bad2', 'tie'),
        cmp('h', 'good1', 'bad2', 'both_bad'),
        cmp('h', 'good1', 'good3', 'a'), // both correct: not counted
        cmp('h', 'good1', 'unknown', 'a'), // no gold: not counted
        cmp('s', 'good3', 'bad1', 'a'), // right
      ],
      gold,
    );
    expect(rows).toEqual([
      {
        annotatorId: 'h',
        n: 5,
        preferredWrong: 2,
        preferredRight: 1,
        ties: 1,
        bothBad: 1,
        wrongRate: 2 / 5,
        wrongRateDecided: 2 / 3,
      },
      {
        annotatorId: 's',
        n: 1,
        preferredWrong: 0,
        preferredRight: 1,
        ties: 0,
        bothBad: 0,
        wrongRate: 0,
        wrongRateDecided: 0,
      },
    ]);
  });
});
