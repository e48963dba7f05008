// The coverage policy, checked by enumeration on small pools.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { choose2, CoveragePlanner, poolOf, poolOfInSteps } from '../../lib/core/labeling/next-pair';
import { pairKey } from '../../lib/core/types';

const pool = (sizes: number[]) =>
  sizes.map((k, p) => ({ id: `p${p}`, responseIds: Array.from({ length: k }, (_, r) => `p${p}r${r}`) }));

describe('CoveragePlanner', () => {
  it('counts pairs: 4 responses give C(4,2)=6 pairs per prompt', () => {
    expect(choose2(4)).toBe(6);
    expect(new CoveragePlanner(pool([4, 4, 1, 0, 3]), 1).totalPairs).toBe(6 + 6 + 3);
  });

  it('visits every prompt before repeating one, never repeats a pair, then says it is done', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 8 }), fc.integer(), (sizes, seed) => {
        const planner = new CoveragePlanner(pool(sizes), seed);
        const seen = new Set<string>();
        const perPrompt = new Map<string, number>();
        let steps = 0;
        for (let choice = planner.next(); choice; choice = planner.next()) {
          const key = pairKey(choice.leftId, choice.rightId);
          expect(seen.has(key)).toBe(false);
          expect(choice.leftId).not.toBe(choice.rightId);
          seen.add(key);
          // Coverage: the chosen prompt has the minimum count among prompts that still have pairs.
          const count = perPrompt.get(choice.promptId) ?? 0;
          for (const p of pool(sizes)) {
            const c = perPrompt.get(p.id) ?? 0;
            if (c < choose2(p.responseIds.length)) expect(count).toBeLessThanOrEqual(c);
          }
          perPrompt.set(choice.promptId, count + 1);
          planner.mark(choice.promptId, choice.leftId, choice.rightId);
          steps++;
        }
        expect(steps).toBe(planner.totalPairs);
        expect(planner.decidedPairs).toBe(planner.totalPairs);
      }),
    );
  });

  it('puts each response on the left about half the time', () => {
    let left = 0;
    for (let seed = 0; seed < 400; seed++) {
      const c = new CoveragePlanner(pool([2]), seed).next()!;
      if (c.leftId === 'p0r0') left++;
    }
    expect(left).toBeGreaterThan(150);
    expect(left).toBeLessThan(250);
  });

  it('skips already-decided pairs and offers them again after unmark (undo)', () => {
    const planner = new CoveragePlanner(pool([2]), 3);
    expect(planner.mark('p0', 'p0r1', 'p0r0')).toBe(true);
    expect(planner.mark('p0', 'p0r0', 'p0r1')).toBe(false);
    expect(planner.next()).toBeNull();
    planner.unmark('p0', 'p0r0', 'p0r1');
    expect(planner.next()?.promptId).toBe('p0');
    expect(planner.mark('elsewhere', 'a', 'b')).toBe(false);
  });

  it('is deterministic for a seed', () => {
    const a = new CoveragePlanner(pool([4, 4, 4]), 42);
    const b = new CoveragePlanner(pool([4, 4, 4]), 42);
    for (let i = 0; i < 18; i++) {
      const ca = a.next()!;
      expect(b.next()).toEqual(ca);
      a.mark(ca.promptId, ca.leftId, ca.rightId);
      b.mark(ca.promptId, ca.leftId, ca.rightId);
    }
  });

  it('lists the open pairs, which shrink as pairs are decided', () => {
    const planner = new CoveragePlanner(pool([3, 2]), 9);
    expect(planner.openPairs()).toHaveLength(4);
    planner.mark('p0', 'p0r2', 'p0r0');
    expect(planner.openPairs().map((c) => pairKey(c.aId, c.bId))).not.toContain(pairKey('p0r0', 'p0r2'));
    expect(planner.openPairs()).toHaveLength(3);
    expect(planner.hasOpenPairs()).toBe(true);
    for (const c of planner.openPairs()) planner.mark(c.promptId, c.aId, c.bId);
    expect(planner.hasOpenPairs()).toBe(false);
  });
});

describe('poolOfInSteps', () => {
  it('builds the same pool as poolOf, in slices that yield between them', async () => {
    fc.assert(
      await fc.asyncProperty(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 9 })), { maxLength: 60 }),
        async (rows) => {
          const prompts = Array.from({ length: 7 }, (_, i) => ({ id: `p${i}` }));
          const responses = rows.map(([p, r], i) => ({ id: `r${r}-${i}`, promptId: `p${p}` }));
          expect(await poolOfInSteps(prompts, responses)).toEqual(poolOf(prompts, responses));
        },
      ),
    );
    // A large pool is indexed over several event-loop turns: a timer set before it fires before it ends.
    const prompts = Array.from({ length: 50_000 }, (_, i) => ({ id: `p${i}` }));
    const responses = prompts.flatMap((p) => [`${p.id}a`, `${p.id}b`].map((id) => ({ id, promptId: p.id })));
    let timerFired = false;
    setTimeout(() => (timerFired = true), 0);
    const built = await poolOfInSteps(prompts, responses);
    expect(timerFired).toBe(true);
    expect(built).toEqual(poolOf(prompts, responses));
  });
});
