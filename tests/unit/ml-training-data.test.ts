// Training-row tests: margins (Llama-2 preset), tie modes, both_bad, the seeded split by prompt,
// Davidson probabilities and pairwise metrics against hand-computed values.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  LLAMA2_MARGINS,
  buildRows,
  comparisonsToTrainingSet,
  davidsonProbabilities,
  pairsToLabels,
  splitByPrompt,
} from '../../lib/core/reward-model/training-data';
import { pairwiseMetrics } from '../../lib/core/reward-model/metrics';
import type { LabelledPair } from '../../lib/core/reward-model/training-data';
import type { Comparison, Prompt, Response } from '../../lib/core/types';

const vecs = new Float32Array(4);
const label = (outcome: LabelledPair['outcome'], extra: Partial<LabelledPair> = {}): LabelledPair => ({
  promptKey: 'p',
  a: 0,
  b: 1,
  outcome,
  ...extra,
});

describe('buildRows', () => {
  it('orders by outcome and applies Llama-2 margins or explicit ones', () => {
    const labels = [
      label('a', { strength: 3 }),
      label('b', { strength: 2 }),
      label('a'),
      label('a', { margin: 0.25 }),
    ];
    const rows = buildRows(labels, vecs, 2, { marginPreset: 'llama2', ties: 'drop' });
    expect([...rows.chosen]).toEqual([0, 1, 0, 0]);
    expect([...rows.rejected]).toEqual([1, 0, 1, 1]);
    expect([...rows.margin]).toEqual([1, Math.fround(2 / 3), 0, 0.25]);
    expect(LLAMA2_MARGINS).toEqual({ 1: 0, 2: 2 / 3, 3: 1 });
    const none = buildRows(labels, vecs, 2, { marginPreset: 'none', ties: 'drop' });
    expect([...none.margin]).toEqual([0, 0, 0, 0]);
  });

  it('handles ties (drop / half / davidson) and always drops both_bad', () => {
    const labels = [label('tie'), label('both_bad'), label('a')];
    const drop = buildRows(labels, vecs, 2, { marginPreset: 'none', ties: 'drop' });
    expect(drop.chosen.length).toBe(1);
    const half = buildRows(labels, vecs, 2, { marginPreset: 'none', ties: 'half' });
    expect([...half.chosen]).toEqual([0, 1, 0]);
    expect([...half.weight]).toEqual([0.5, 0.5, 1]);
    expect([...half.tie]).toEqual([0, 0, 0]);
    const dav = buildRows(labels, vecs, 2, { marginPreset: 'none', ties: 'davidson' });
    expect([...dav.tie]).toEqual([1, 0]);
    expect([...dav.weight]).toEqual([1, 1]);
  });

  it('shares one vector per distinct text and keys rows by prompt', () => {
    const { items, labels } = pairsToLabels([
      { prompt: 'p', chosen: 'x', rejected: 'y' },
      { prompt: 'p', chosen: 'y', rejected: 'z', tie: true },
      { prompt: 'q', chosen: 'x', rejected: 'y' },
    ]);
    expect(items).toHaveLength(5);
    expect(labels.map((l) => [l.a, l.b, l.outcome])).toEqual([
      [0, 1, 'a'],
      [1, 2, 'tie'],
      [3, 4, 'a'],
    ]);
    expect(labels[0].promptKey).toBe(labels[1].promptKey);
    expect(labels[0].promptKey).not.toBe(labels[2].promptKey);
  });

  it('builds rows from the lab comparisons, skipping unknown responses', () => {
    const prompts: Prompt[] = [{ id: 'p1', datasetId: 'd', text: 'Q?', category: 'c' }];
    const resp = (id: string, text: string): Response => ({
      id,
      promptId: 'p1',
      datasetId: 'd',
      text,
      tags: [],
    });
    const cmp = (aId: string, bId: string, outcome: Comparison['outcome']): Comparison => ({
      id: `${aId}${bId}`,
      datasetId: 'd',
      promptId: 'p1',
      aId,
      bId,
      outcome,
      annotatorId: 'u',
      createdAt: 0,
      durationMs: 0,
    });
    const set = comparisonsToTrainingSet(
      [cmp('r1', 'r2', 'b'), cmp('r1', 'missing', 'a'), cmp('r2', 'r1', 'both_bad')],
      [resp('r1', 'one'), resp('r2', 'two')],
      prompts,
      { marginPreset: 'none', ties: 'half' },
    );
    expect([...set.chosen]).toEqual([1]);
    expect([...set.rejected]).toEqual([0]);
    expect(set.promptKeys).toEqual(['p1']);
    expect(set.vectors.length).toBe(2 * set.dim);
  });
});

describe('splitByPrompt', () => {
  it('holds out round(f × prompts) whole prompts, deterministically', () => {
    const keys = Array.from({ length: 50 }, (_, i) => `k${i % 10}`);
    const s = splitByPrompt(keys, 0.2, 42);
    expect(s.valKeys).toHaveLength(2);
    expect(s.val).toHaveLength(10);
    expect(splitByPrompt(keys, 0.2, 42)).toEqual(s);
    expect(splitByPrompt(keys, 0, 42).val).toEqual([]);
  });

  it('never puts a prompt on both sides and covers every row once', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 15 }), { maxLength: 80 }),
        fc.double({ min: 0, max: 0.9, noNaN: true }),
        fc.integer(),
        (ks, f, seed) => {
          const keys = ks.map((k) => `k${k}`);
          const s = splitByPrompt(keys, f, seed);
          const trainKeys = new Set(s.train.map((i) => keys[i]));
          expect(s.val.every((i) => !trainKeys.has(keys[i]))).toBe(true);
          expect([...s.train, ...s.val].sort((a, b) => a - b)).toEqual(keys.map((_, i) => i));
        },
      ),
    );
  });
});

describe('maths', () => {
  it('Davidson probabilities: sum to 1, 1/3 each at d = 0, ν = 1, and BT when ν = 0', () => {
    const p = davidsonProbabilities(0, 1);
    expect([p.win, p.tie, p.loss].map((x) => x.toFixed(6))).toEqual(['0.333333', '0.333333', '0.333333']);
    expect(davidsonProbabilities(1.5, 0).win).toBeCloseTo(1 / (1 + Math.exp(-1.5)), 12);
    // d = 2 ln 2, ν = 1: e^{d/2} = 2, e^{-d/2} = 1/2, Z = 3.5.
    const q = davidsonProbabilities(2 * Math.log(2), 1);
    expect(q.win).toBeCloseTo(2 / 3.5, 12);
    expect(q.loss).toBeCloseTo(0.5 / 3.5, 12);
    expect(davidsonProbabilities(-800, 2).loss).toBeCloseTo(1, 12);
  });

  it('pairwise accuracy counts reward ties as half and log-loss is in nats', () => {
    const m = pairwiseMetrics([1, 0, 2, 5], [0, 0, 3, 0], [0, 0, 0, 1]);
    expect(m.n).toBe(3);
    expect(m.accuracy).toBeCloseTo(0.5, 12);
    // softplus(-1) = 0.3132617, log 2 = 0.6931472, softplus(1) = 1.3132617.
    expect(m.logLoss).toBeCloseTo((0.3132617 + 0.6931472 + 1.3132617) / 3, 6);
  });
});
