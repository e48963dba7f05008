// Hash buckets are named by the n-grams of the dataset that fall in them (FNV-1a of the gram mod 4096),
// readably: no `word:"a"|"b"` strings. Buckets worked by hand from FNV-1a's published reference values:
// fnv1a("a") = 0xe40c292c → bucket 0x92c = 2348; fnv1a("foobar") = 0xbf9cf968 → bucket 0x968 = 2408.
import { describe, expect, it } from 'vitest';
import { STYLE_FEATURE_COUNT, gramBucket } from '../../lib/core/reward-model/features/index';
import { grams } from '../../lib/core/reward-model/features/hashing';
import {
  bucketName,
  driverWords,
  nameFeature,
  nameFeatures,
  wordHighlights,
} from '../../lib/core/reward-model/explain';
import type { ModelWeights } from '../../lib/core/reward-model/model-file';
import { FEATURE_DIM } from '../../lib/core/reward-model/features/index';

describe('bucket names', () => {
  it('names bucket 2348 by "a" and bucket 2408 by "foobar", from the texts given', () => {
    expect(nameFeature(STYLE_FEATURE_COUNT + 2348, ['a cat', 'a dog'])).toBe('“a”');
    expect(nameFeature(STYLE_FEATURE_COUNT + 2408, ['foobar baz'])).toBe('“foobar”');
    // Not in this dataset's texts: said so, never a bare hash.
    expect(nameFeature(STYLE_FEATURE_COUNT + 2408, ['a cat'])).toBe(
      'word bucket #2408 (no word of this dataset)',
    );
  });

  it('lists every gram of the dataset in the bucket, most frequent first, readably', () => {
    // Find two different words that share a bucket, by brute force over a small vocabulary.
    const seen = new Map<number, string>();
    let pair: [string, string] | null = null;
    for (let i = 0; !pair; i++) {
      const w = `w${i}`;
      const b = gramBucket(w);
      const other = seen.get(b);
      if (other) pair = [other, w];
      else seen.set(b, w);
    }
    const [x, y] = pair;
    const bucket = gramBucket(x);
    const texts = [`${y} ${y}`, x];
    // Every listed gram hashes to the bucket; the bigram "y y" only if it does too.
    const inBucket = [...new Set(texts.flatMap((t) => grams(t.split(' '))))].filter(
      (g) => gramBucket(g) === bucket,
    );
    expect(inBucket).toContain(x);
    const name = nameFeature(STYLE_FEATURE_COUNT + bucket, texts);
    expect(name.startsWith(`“${y}” or “${x}”`) || name.startsWith(`“${y}”, “${x}”`)).toBe(true);
    expect(name).not.toMatch(/["|]/);
    expect(nameFeatures([0, STYLE_FEATURE_COUNT + bucket], texts)).toEqual(
      new Map([
        [0, 'length'],
        [STYLE_FEATURE_COUNT + bucket, name],
      ]),
    );
  });

  it('shows three grams and counts the rest', () => {
    expect(bucketName(7, ['think', "robinson's 1966"])).toBe("“think” or “robinson's 1966”");
    expect(bucketName(7, ['a', 'b', 'c', 'd', 'e'])).toBe('“a”, “b” or “c” and 2 more');
  });
});

describe('word highlights', () => {
  it('mark stop words so the viewer does not show them as drivers', () => {
    const w: ModelWeights = { kind: 'linear', w: new Array(FEATURE_DIM).fill(1), b: 0 };
    const h = wordHighlights(w, 'Q?', 'The answer is definitely Sydney');
    expect(h.map((x) => [x.word, x.stopword])).toEqual([
      ['The', true],
      ['answer', false],
      ['is', true],
      ['definitely', false],
      ['Sydney', false],
    ]);
  });
});

describe('driverWords', () => {
  it('averages a token over its occurrences, drops stop words and words under 15% of the largest', () => {
    const h = (word: string, weight: number, stopword = false) => ({
      start: 0,
      end: 0,
      word,
      weight,
      stopword,
    });
    const words = driverWords([
      h('Definitely', 0.4),
      h('definitely', 0.2),
      h('the', 5, true),
      h('maybe', -0.2),
      h('tiny', 0.04),
    ]);
    // Largest |mean| is 0.3 (definitely); 0.15 × 0.3 = 0.045 > 0.04, so "tiny" is left out.
    expect([...words]).toEqual([
      ['definitely', expect.closeTo(0.3, 12)],
      ['maybe', -0.2],
    ]);
  });
});
