// lib/ml/batches.ts: a prompt's rows share a batch; hand-worked packings with an identity shuffle, and
// properties over random keys, sizes and seeds (every row once, groups unsplit when they fit, seeded).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { groupedBatches } from '../../lib/ml/batches';
import { mulberry32 } from '../../lib/core/stats/random';

// Fisher–Yates with rng() → 0.999… picks j = i every time: the identity permutation, so the packing
// below can be worked out by hand.
const identity = () => 0.9999;

describe('groupedBatches', () => {
  it('packs whole groups and starts a new batch rather than splitting one that fits', () => {
    const keys = ['a', 'a', 'b', 'c', 'c', 'c'];
    // a=[0,1], b=[2] fit together (3 ≤ 4); c=[3,4,5] would make 6 > 4, so it starts a new batch.
    expect(groupedBatches(keys, 4, identity)).toEqual([
      [0, 1, 2],
      [3, 4, 5],
    ]);
    // batchSize 2: a fills a batch, b alone (c does not fit next to it), c (3 > 2) is split 2 + 1.
    expect(groupedBatches(keys, 2, identity)).toEqual([[0, 1], [2], [3, 4], [5]]);
    // The tail of a split group is joined by the next group when it fits.
    expect(groupedBatches(['x', 'x', 'x', 'y'], 2, identity)).toEqual([
      [0, 1],
      [2, 3],
    ]);
  });

  it('with distinct keys and batchSize 1 it is a plain permutation, one row per batch', () => {
    const batches = groupedBatches(['a', 'b', 'c', 'd', 'e'], 1, mulberry32(3));
    expect(batches.every((b) => b.length === 1)).toBe(true);
    expect(batches.flat().sort()).toEqual([0, 1, 2, 3, 4]);
  });

  it('refuses a batch size below 1', () => {
    expect(() => groupedBatches(['a'], 0, identity)).toThrow(/batchSize/);
  });

  it('property: every row once, no batch over size, groups unsplit when they fit, seeded', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 80 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer(),
        (keyIdx, batchSize, seed) => {
          const keys = keyIdx.map((k) => `p${k}`);
          const batches = groupedBatches(keys, batchSize, mulberry32(seed));
          expect(batches.flat().sort((a, b) => a - b)).toEqual(keys.map((_, i) => i));
          for (const b of batches) {
            expect(b.length).toBeGreaterThan(0);
            expect(b.length).toBeLessThanOrEqual(batchSize);
          }
          const batchOf = new Map<number, number>();
          batches.forEach((b, i) => b.forEach((row) => batchOf.set(row, i)));
          const groups = new Map<string, number[]>();
          keys.forEach((k, i) => groups.set(k, [...(groups.get(k) ?? []), i]));
          for (const rows of groups.values()) {
            const spans = new Set(rows.map((r) => batchOf.get(r)));
            expect(spans.size).toBe(Math.ceil(rows.length / batchSize));
          }
          expect(groupedBatches(keys, batchSize, mulberry32(seed))).toEqual(batches);
        },
      ),
    );
  });

  it('shuffles the group order: over seeds, each of 3 equal groups comes first sometimes', () => {
    const keys = ['a', 'a', 'b', 'b', 'c', 'c'];
    const firsts = new Set<string>();
    for (let seed = 0; seed < 30; seed++) firsts.add(keys[groupedBatches(keys, 2, mulberry32(seed))[0][0]]);
    expect(firsts).toEqual(new Set(['a', 'b', 'c']));
  });
});
