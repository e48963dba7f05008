// Comparisons → item battles, by hand.
import { describe, expect, it } from 'vitest';
import { itemBattles } from '../../lib/core/leaderboard/item-battles';
import type { Comparison, Outcome, Response } from '../../lib/core/types';

const r = (id: string, source: string | undefined, style: string): Response => ({
  id,
  promptId: 'p',
  datasetId: 'd',
  text: id,
  tags: [`style:${style}`],
  ...(source ? { source } : {}),
});
const c = (aId: string, bId: string, outcome: Outcome): Comparison => ({
  id: `${aId}-${bId}`,
  datasetId: 'd',
  promptId: 'p',
  aId,
  bId,
  outcome,
  annotatorId: 'x',
  createdAt: 0,
  durationMs: 0,
});

describe('itemBattles', () => {
  const responses = new Map(
    [
      r('r1', 'gpt', 'fluent'),
      r('r2', 'llama', 'hedged'),
      r('r3', 'gpt', 'hedged'),
      r('r4', undefined, 'fluent'),
    ].map((x) => [x.id, x]),
  );
  const comparisons = [
    c('r1', 'r2', 'a'),
    c('r2', 'r3', 'b'),
    c('r1', 'r3', 'tie'),
    c('r3', 'r2', 'both_bad'),
    c('r4', 'r1', 'a'),
  ];
  it('by source: same-source pairs and unknown sources are left out; both_bad is a tie', () => {
    expect(itemBattles(comparisons, responses, 'source')).toEqual([
      { a: 'gpt', b: 'llama', winner: 'a' },
      { a: 'llama', b: 'gpt', winner: 'b' },
      { a: 'gpt', b: 'llama', winner: 'tie' },
    ]);
  });
  it('by style', () => {
    expect(itemBattles(comparisons, responses, 'style')).toEqual([
      { a: 'fluent', b: 'hedged', winner: 'a' },
      { a: 'fluent', b: 'hedged', winner: 'tie' },
    ]);
  });
});
