// The id hash: bryc's published cyrb53 values, chunking invariance, and part separation.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cyrb53, Hash64, hash64, hashId } from '../../lib/core/formats/hash';

describe('hash', () => {
  it('matches the published cyrb53 examples', () => {
    // From bryc's cyrb53 write-up (StackOverflow answer 52171480 / bryc/code on GitHub).
    expect(cyrb53('a')).toBe(7929297801672961);
    expect(cyrb53('b')).toBe(8684336938537663);
    expect(cyrb53('revenge')).toBe(4051478007546757);
    expect(cyrb53('revenue')).toBe(8309097637345594);
  });

  it('the 64-bit digest extends cyrb53 (its low 53 bits)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        const hex = hash64(s);
        const hi = parseInt(hex.slice(0, 8), 16);
        const lo = parseInt(hex.slice(8), 16);
        expect(4294967296 * (hi & 0x1fffff) + lo).toBe(cyrb53(s));
      }),
    );
  });

  it('gives the same digest however the text is chunked', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.array(fc.nat()), (s, cuts) => {
        const points = [...new Set(cuts.map((c) => c % (s.length + 1)))].sort((a, b) => a - b);
        const h = new Hash64();
        let prev = 0;
        for (const p of points) {
          h.update(s.slice(prev, p));
          prev = p;
        }
        h.update(s.slice(prev));
        expect(h.hex()).toBe(hash64(s));
      }),
    );
  });

  it('separates parts, so joined strings do not collide', () => {
    expect(hashId('x', 'ab', 'c')).not.toBe(hashId('x', 'a', 'bc'));
    expect(hashId('pr', 'a')).toMatch(/^pr_[0-9a-f]{16}$/);
  });

  it('has no collisions among 200,000 similar short strings', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200_000; i++) seen.add(hash64(`response ${i}`));
    expect(seen.size).toBe(200_000);
  });
});
