// Data-sized arrays never go through a spread into call arguments (lib/core/stats/arrays.ts and its users):
// `push(...xs)` and `Math.max(...xs)` overflowed the call stack past ~100k elements.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { maxOf, minOf, pushAll } from '../../lib/core/stats/arrays';
import { parsePairsText } from '../../lib/core/formats/pairs';
import { groupedBatches } from '../../lib/ml/batches';
import { mulberry32 } from '../../lib/core/stats/random';
import { wrongPreferredRate } from '../../lib/core/goodhart/metrics';

const BIG = 300_000;

describe('array helpers', () => {
  it('agree with push(...), Math.max(...) and Math.min(...) on small arrays, NaN and empty included', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.double(), fc.constant(NaN))),
        fc.oneof(fc.double(), fc.constant(-Infinity)),
        (xs, start) => {
          expect(Object.is(maxOf(xs, start), Math.max(start, ...xs))).toBe(true);
          expect(Object.is(minOf(xs, start), Math.min(start, ...xs))).toBe(true);
          expect(Object.is(maxOf(xs), Math.max(...xs))).toBe(true);
          expect(Object.is(minOf(xs), Math.min(...xs))).toBe(true);
          const a = [1, 2];
          expect(pushAll(a, xs)).toBe(a);
          expect(a).toEqual([1, 2, ...xs]);
        },
      ),
      { numRuns: 200 },
    );
  });

  it(`handle ${BIG.toLocaleString()} elements`, () => {
    const xs = Array.from({ length: BIG }, (_, i) => (i * 7919) % BIG);
    expect(() => Math.max(...xs)).toThrow(RangeError); // what the helpers replace
    expect(maxOf(xs)).toBe(BIG - 1);
    expect(minOf(xs)).toBe(0);
    expect(pushAll([], xs)).toHaveLength(BIG);
  });
});

describe('callers with data-sized arrays', () => {
  it('parsePairsText reports a line with 200,000 bad ranking entries instead of overflowing the stack', () => {
    const n = 200_000;
    const line = JSON.stringify({
      prompt: 'p',
      responses: ['only'],
      ranking: Array.from({ length: n }, (_, i) => i + 5),
    });
    const parsed = parsePairsText(line);
    expect(parsed.pairs).toEqual([]);
    expect(parsed.errors).toHaveLength(n);
    expect(parsed.errors[0]).toMatchObject({ line: 1, message: expect.stringContaining('out of range') });
  });

  it('groupedBatches keeps a 300,000-row prompt in one batch when the batch is large enough', () => {
    const keys = Array.from({ length: BIG }, () => 'one prompt');
    const batches = groupedBatches(keys, BIG + 1, mulberry32(1));
    expect(batches).toHaveLength(1);
    expect(batches[0]).toHaveLength(BIG);
  });

  it('wrongPreferredRate takes the top reward of a 300,000-response prompt', () => {
    const items = Array.from({ length: BIG }, (_, i) => ({
      promptId: 'p',
      responseId: `r${i}`,
      reward: i === 12_345 ? 10 : 0,
      correct: i !== 12_345,
    }));
    expect(wrongPreferredRate(items)).toEqual({ rate: 1, prompts: 1 });
  });
});
