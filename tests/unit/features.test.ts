// Featurizer tests: hand-computed values for the style features and the hashed block, published FNV-1a
// vectors, and properties (finite, bounded, unit-norm hash block) over random text.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  FEATURE_DIM,
  FEATURE_NAMES,
  HASH_BUCKETS,
  STYLE_FEATURE_COUNT,
  countPhrases,
  countSentences,
  describeFeature,
  featureName,
  featurize,
  fnv1a,
  syllables,
  tokenize,
} from '../../lib/core/reward-model/features/index';

const idx = (name: string) => FEATURE_NAMES.indexOf(name);

describe('hashing', () => {
  it('matches the published 32-bit FNV-1a test vectors', () => {
    // From the FNV reference (isthe.com/chongo/tech/comp/fnv): "" , "a", "foobar".
    expect(fnv1a('')).toBe(0x811c9dc5);
    expect(fnv1a('a')).toBe(0xe40c292c);
    expect(fnv1a('foobar')).toBe(0xbf9cf968);
  });

  it('puts log1p counts in the buckets and scales the block to unit norm', () => {
    // "a a b": grams a (2), b (1), "a a" (1), "a b" (1). Bucket of "a" = 0xe40c292c mod 4096 = 0x92c = 2348.
    const v = featurize('', 'a a b');
    const block = v.subarray(STYLE_FEATURE_COUNT);
    const norm = Math.sqrt(Math.log1p(2) ** 2 + 3 * Math.log1p(1) ** 2);
    expect(block[2348]).toBeCloseTo(Math.log1p(2) / norm, 6);
    const nonzero = [...block].filter((x) => x !== 0);
    expect(nonzero).toHaveLength(4);
    expect(nonzero.reduce((s, x) => s + x * x, 0)).toBeCloseTo(1, 6);
    expect(describeFeature(STYLE_FEATURE_COUNT + 2348, ['a a b'])).toBe('word:"a"');
    expect(describeFeature(STYLE_FEATURE_COUNT + 2348)).toBe('hash#2348');
  });
});

describe('text helpers', () => {
  it('tokenizes to lowercase words, keeping inner apostrophes (curly too)', () => {
    expect(tokenize("I\u2019m not SURE, don't! 3.5 km")).toEqual([
      "i'm",
      'not',
      'sure',
      "don't",
      '3',
      '5',
      'km',
    ]);
  });
  it('counts phrases longest-first without overlap', () => {
    const phrases = [['not', 'sure'], ["i'm", 'not', 'sure'], ['sure']];
    expect(countPhrases(tokenize("I'm not sure. Not sure. Sure."), phrases)).toBe(3);
  });
  it('counts syllables and sentences', () => {
    expect(syllables('the')).toBe(1);
    expect(syllables('cake')).toBe(1);
    expect(syllables('table')).toBe(2);
    expect(syllables('reading')).toBe(2);
    expect(countSentences('One. Two! Three? 3.5 is a number')).toBe(4);
    expect(countSentences('')).toBe(0);
  });
});

describe('style features (hand-computed)', () => {
  it('scores a confident, hedged, numeric answer', () => {
    // tokens: definitely 5 km i think so → 6 words; sentences 2; 1 confident, 1 hedge, 1 number, 1 unit, 1 "!".
    const v = featurize('', 'Definitely 5 km. I think so!');
    expect(v[idx('length')]).toBeCloseTo(Math.log1p(6) / 4, 6);
    expect(v[idx('sentences')]).toBeCloseTo(Math.log1p(2) / 2, 6);
    expect(v[idx('confident markers')]).toBeCloseTo(Math.log(2), 6);
    expect(v[idx('hedges')]).toBeCloseTo(Math.log(2), 6);
    expect(v[idx('numbers')]).toBeCloseTo(Math.log(2) / 2, 6);
    expect(v[idx('units')]).toBeCloseTo(Math.log(2), 6);
    expect(v[idx('exclamations')]).toBeCloseTo(Math.log(2), 6);
    expect(v[idx('questions')]).toBe(0);
    expect(v[idx('mean sentence length')]).toBeCloseTo(3 / 20, 6);
  });

  it('computes Flesch reading ease and word length', () => {
    // 3 words, 1 sentence, 3 syllables: 206.835 - 1.015*3 - 84.6*1 = 119.19 → 1.1919; 9 letters / 3 words / 5 = 0.6.
    const v = featurize('', 'The cat sat.');
    expect(v[idx('reading ease')]).toBeCloseTo(1.1919, 4);
    expect(v[idx('mean word length')]).toBeCloseTo(0.6, 6);
  });

  it('measures prompt overlap on content words', () => {
    // {capital, france} vs {paris, capital}: 1 / 3.
    expect(
      featurize('What is the capital of France?', 'Paris is the capital.')[idx('prompt overlap')],
    ).toBeCloseTo(1 / 3, 6);
  });

  it('counts markdown structure, flattery and refusals', () => {
    const text =
      "Great question! You're absolutely right.\n# Title\n- a\n- b\n1. c\n**bold** and __also__\n```\nx\n```\nI'm sorry, I can't.";
    const v = featurize('', text);
    expect(v[idx('list items')]).toBeCloseTo(Math.log1p(3) / 2, 6);
    expect(v[idx('headings')]).toBeCloseTo(Math.log1p(1) / 2, 6);
    expect(v[idx('bold')]).toBeCloseTo(Math.log1p(2) / 2, 6);
    expect(v[idx('code blocks')]).toBeCloseTo(Math.log(2), 6);
    expect(v[idx('flattery/agreement')]).toBeCloseTo(Math.log1p(2), 6);
    expect(v[idx('apology/refusal')]).toBeCloseTo(Math.log1p(2), 6);
  });

  it('handles an empty response without NaN', () => {
    const v = featurize('prompt', '');
    expect(v[idx('empty')]).toBe(1);
    expect([...v].every(Number.isFinite)).toBe(true);
    expect(v.subarray(STYLE_FEATURE_COUNT).every((x) => x === 0)).toBe(true);
  });
});

describe('layout and properties', () => {
  it('names every index', () => {
    expect(FEATURE_DIM).toBe(STYLE_FEATURE_COUNT + HASH_BUCKETS);
    expect(FEATURE_NAMES).toHaveLength(FEATURE_DIM);
    expect(new Set(FEATURE_NAMES).size).toBe(FEATURE_DIM);
    expect(featureName(0)).toBe('length');
    expect(() => featureName(FEATURE_DIM)).toThrow(RangeError);
  });

  it('is deterministic, finite, O(1) and writes at an offset', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.string({ maxLength: 400 }), (p, r) => {
        const v = featurize(p, r);
        expect(v).toHaveLength(FEATURE_DIM);
        expect(v).toEqual(featurize(p, r));
        for (let i = 0; i < STYLE_FEATURE_COUNT; i++) expect(Math.abs(v[i])).toBeLessThanOrEqual(5);
        const block = v.subarray(STYLE_FEATURE_COUNT);
        const sq = block.reduce((s, x) => s + x * x, 0);
        expect(sq === 0 || Math.abs(sq - 1) < 1e-4).toBe(true);
        const flat = new Float32Array(2 * FEATURE_DIM).fill(7);
        featurize(p, r, flat, FEATURE_DIM);
        expect(flat.subarray(FEATURE_DIM)).toEqual(v);
      }),
      { numRuns: 200 },
    );
  });
});
