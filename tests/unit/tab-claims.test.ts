// The rules two tabs as one annotator follow (lib/core/labeling/tab-claims.ts): exactly one of two tabs showing the
// same item moves on, and in rank mode a tab takes a prompt no other tab shows while one is free.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { freeRankChoice, yieldsTo } from '../../lib/core/labeling/tab-claims';
import type { RankPoolPrompt } from '../../lib/core/labeling/ranking';

const pool: RankPoolPrompt[] = ['p0', 'p1', 'p2', 'p3'].map((id) => ({
  id,
  responseIds: [`${id}-a`, `${id}-b`, `${id}-c`],
}));

describe('yieldsTo', () => {
  it('the later tab moves on; at the same instant the greater id does', () => {
    expect(yieldsTo({ since: 20, tab: 'a' }, { since: 10, tab: 'b' })).toBe(true);
    expect(yieldsTo({ since: 10, tab: 'b' }, { since: 20, tab: 'a' })).toBe(false);
    expect(yieldsTo({ since: 10, tab: 'b' }, { since: 10, tab: 'a' })).toBe(true);
    expect(yieldsTo({ since: 10, tab: 'a' }, { since: 10, tab: 'b' })).toBe(false);
  });

  it('exactly one of two different tabs yields, whatever the times', () => {
    fc.assert(
      fc.property(fc.nat(5), fc.nat(5), fc.string(), fc.string(), (t1, t2, a, b) => {
        fc.pre(a !== b);
        const x = { since: t1, tab: a };
        const y = { since: t2, tab: b };
        expect(Number(yieldsTo(x, y)) + Number(yieldsTo(y, x))).toBe(1);
      }),
    );
  });
});

describe('freeRankChoice', () => {
  it('two tabs with the same seed take different prompts while one is free, the same one when it is the last', () => {
    const seed = 7;
    const first = freeRankChoice(pool, new Set(), [], seed)!;
    const second = freeRankChoice(pool, new Set(), [first.promptId], seed)!;
    expect(second.promptId).not.toBe(first.promptId);
    // Everything else ranked: the only unranked prompt is taken even though another tab shows it.
    const ranked = new Set(pool.map((p) => p.id).filter((id) => id !== second.promptId));
    expect(freeRankChoice(pool, ranked, [second.promptId], seed)?.promptId).toBe(second.promptId);
    expect(freeRankChoice(pool, new Set(pool.map((p) => p.id)), [], seed)).toBeNull();
  });

  it('never offers a ranked prompt, and offers an unclaimed one whenever there is one', () => {
    const ids = pool.map((p) => p.id);
    fc.assert(
      fc.property(fc.subarray(ids), fc.subarray(ids), fc.nat(), (ranked, claimed, seed) => {
        const choice = freeRankChoice(pool, new Set(ranked), claimed, seed);
        const open = ids.filter((id) => !ranked.includes(id));
        const free = open.filter((id) => !claimed.includes(id));
        if (!open.length) expect(choice).toBeNull();
        else expect(open).toContain(choice?.promptId);
        if (free.length) expect(free).toContain(choice?.promptId);
      }),
    );
  });
});
