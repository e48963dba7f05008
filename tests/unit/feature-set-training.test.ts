// Set-aware training data: row widths and order for every feature set, embeddings looked up by response id
// (whatever order they come in), clear errors for a missing embedding or precomputed features of another
// width, which responses a run must embed, the playground's features knob, and training on labels with an
// encoder set end to end (the model file records the set and encoder version). The embeddings here are
// hand-made, so each expected row is known without running the encoder.
import { beforeAll, describe, expect, it } from 'vitest';
import { ENCODER_SPEC, ENCODER_VERSION } from '../../lib/core/reward-model/encoder-spec';
import { EMBEDDING_SCALE, featureSetDim } from '../../lib/core/reward-model/feature-sets';
import { FEATURE_DIM } from '../../lib/core/reward-model/features/index';
import {
  comparisonsToTrainingData,
  featurizeAll,
  featurizeResponses,
  responsesToEmbed,
  type ResponseEmbeddings,
} from '../../lib/core/reward-model/training-data';
import { applyKnob, KNOBS, sweepValues } from '../../lib/core/playground/sweep';
import { DEFAULT_OPTIMIZER_SETTINGS } from '../../lib/core/goodhart/optimize/settings';
import { DEFAULT_TRAIN_CONFIG } from '../../lib/core/reward-model/model-file';
import type { Comparison, Prompt, Response } from '../../lib/core/types';
import { startCpuBackend } from '../../lib/ml/backend';
import { trainOnLabels } from '../../lib/ml/label-training';

const E = ENCODER_SPEC.dim;

const prompts: Prompt[] = [
  { id: 'p1', datasetId: 'd', text: 'What is 2+2?', category: 'x' },
  { id: 'p2', datasetId: 'd', text: 'Capital of France?', category: 'x' },
];
const resp = (id: string, promptId: string, text: string): Response => ({
  id,
  promptId,
  datasetId: 'd',
  text,
  tags: [],
});
const responses: Response[] = [
  resp('r1', 'p1', 'Four.'),
  resp('r2', 'p1', 'It is five, clearly!'),
  resp('r3', 'p2', 'Paris.'),
  resp('r4', 'p2', 'Lyon, without a doubt.'),
  resp('orphan', 'p9', 'No prompt for me.'),
];

/** Embedding of response k: a one-hot at coordinate k (k = 1..4), stored in the given id order. */
function oneHots(order: string[]): ResponseEmbeddings {
  const vectors = new Float32Array(order.length * E);
  order.forEach((id, i) => (vectors[i * E + Number(id.slice(1))] = 1));
  return { ids: order, vectors };
}

const comparison = (id: string, a: string, b: string, outcome: Comparison['outcome']): Comparison => ({
  id,
  datasetId: 'd',
  promptId: a === 'r1' || a === 'r2' ? 'p1' : 'p2',
  aId: a,
  bId: b,
  outcome,
  annotatorId: 'x',
  createdAt: 0,
  durationMs: 0,
});

describe('featurizeResponses for each feature set', () => {
  const emb = oneHots(['r4', 'r3', 'r2', 'r1']);

  it('style+hashed: FEATURE_DIM columns, the same rows as before', () => {
    const f = featurizeResponses(responses, prompts);
    expect(f.dim).toBe(FEATURE_DIM);
    expect([...f.rowOf]).toEqual([
      ['r1', 0],
      ['r2', 1],
      ['r3', 2],
      ['r4', 3],
    ]);
    const items = responses.slice(0, 4).map((r) => ({
      prompt: prompts.find((p) => p.id === r.promptId)!.text,
      response: r.text,
    }));
    expect(f.vectors).toEqual(featurizeAll(items));
  });

  it('use: 512 columns, row i is 2 × the embedding of response i whatever order the embeddings come in', () => {
    const f = featurizeResponses(responses, prompts, 'use', emb);
    expect(f.dim).toBe(512);
    expect(f.vectors.length).toBe(4 * 512);
    for (let i = 0; i < 4; i++) {
      const row = Array.from(f.vectors.subarray(i * E, (i + 1) * E));
      // Response r(i+1) is a one-hot at coordinate i+1, scaled by EMBEDDING_SCALE (2).
      expect(row[i + 1]).toBe(EMBEDDING_SCALE);
      expect(row.reduce((s, x) => s + Math.abs(x), 0)).toBe(2);
    }
  });

  it('use+style+hashed: the style+hashed row, then the scaled embedding', () => {
    const f = featurizeResponses(responses, prompts, 'use+style+hashed', emb);
    const plain = featurizeResponses(responses, prompts);
    const dim = FEATURE_DIM + E;
    expect(f.dim).toBe(dim);
    expect(featureSetDim('use+style+hashed')).toBe(4627);
    for (let i = 0; i < 4; i++) {
      expect(f.vectors.subarray(i * dim, i * dim + FEATURE_DIM)).toEqual(
        plain.vectors.subarray(i * FEATURE_DIM, (i + 1) * FEATURE_DIM),
      );
      expect(f.vectors[i * dim + FEATURE_DIM + i + 1]).toBe(2);
    }
  });

  it('names the response whose embedding is missing, and asks for embeddings when none are given', () => {
    expect(() => featurizeResponses(responses, prompts, 'use', oneHots(['r1', 'r2', 'r3']))).toThrow(
      'no sentence-encoder embedding for response r4',
    );
    expect(() => featurizeResponses(responses, prompts, 'use')).toThrow(
      "feature set use reads the sentence encoder: pass the responses' embeddings",
    );
    expect(() =>
      featurizeResponses(responses, prompts, 'use', { ids: ['r1'], vectors: new Float32Array(3) }),
    ).toThrow('embeddings hold 3 numbers for 1 responses, not 512 each');
  });
});

describe('comparisonsToTrainingData with a feature set', () => {
  const comparisons = [
    comparison('c1', 'r4', 'r3', 'b'),
    comparison('c2', 'r2', 'r1', 'b'),
    comparison('c3', 'r1', 'r2', 'both_bad'),
  ];
  const emb = oneHots(['r1', 'r2', 'r3', 'r4']);

  it('rows in first-use order, set.dim of the set, chosen/rejected pointing at the right rows', () => {
    const opts = { marginPreset: 'none', ties: 'half', features: 'use' } as const;
    const { set, rowOf, used } = comparisonsToTrainingData(
      comparisons,
      responses,
      prompts,
      opts,
      undefined,
      emb,
    );
    expect(set.dim).toBe(512);
    expect([...rowOf.keys()]).toEqual(['r4', 'r3', 'r2', 'r1']);
    expect(used.map((c) => c.id)).toEqual(['c1', 'c2']);
    // c1: b (r3, row 1) beat r4 (row 0); c2: r1 (row 3) beat r2 (row 2).
    expect(Array.from(set.chosen)).toEqual([1, 3]);
    expect(Array.from(set.rejected)).toEqual([0, 2]);
    // Row 1 is r3's embedding: one-hot at 3, times 2.
    expect(set.vectors[1 * E + 3]).toBe(2);
    expect(set.vectors[0 * E + 4]).toBe(2);
  });

  it('reads precomputed features of the same set, and refuses those of another width', () => {
    const opts = { marginPreset: 'none', ties: 'half', features: 'use+style+hashed' } as const;
    const f = featurizeResponses(responses, prompts, 'use+style+hashed', emb);
    const direct = comparisonsToTrainingData(comparisons, responses, prompts, opts, undefined, emb).set;
    expect(comparisonsToTrainingData(comparisons, responses, prompts, opts, f).set).toEqual(direct);
    const plain = featurizeResponses(responses, prompts);
    expect(() => comparisonsToTrainingData(comparisons, responses, prompts, opts, plain)).toThrow(
      'the precomputed features have 4115 columns, but feature set use+style+hashed has 4627',
    );
  });

  it('responsesToEmbed: both sides of each training comparison, once, in first-use order', () => {
    const more = [...comparisons, comparison('c4', 'r3', 'r4', 'tie')];
    expect(responsesToEmbed(more, responses, 'half').map((r) => r.id)).toEqual(['r4', 'r3', 'r2', 'r1']);
    const onlyBad = [comparison('c3', 'r1', 'r2', 'both_bad'), comparison('c4', 'r3', 'r4', 'tie')];
    expect(responsesToEmbed(onlyBad, responses, 'drop')).toEqual([]);
  });
});

describe('the playground features knob', () => {
  it('visits every feature set and sets train.features', () => {
    const spec = { knob: 'features', from: 0, to: 0, points: 1, labels: 10 } as const;
    expect(sweepValues(spec)).toEqual([0, 1, 2, 3]);
    // Positions are stable (share links store them): a new set is appended.
    expect(KNOBS.features.choices?.map((c) => c.label)).toEqual([
      'style+hashed',
      'use',
      'use+style+hashed',
      'hashed',
    ]);
    const base = {
      rater: {} as never,
      train: { ...DEFAULT_TRAIN_CONFIG },
      labels: 10,
      optimizer: { ...DEFAULT_OPTIMIZER_SETTINGS },
    };
    expect([0, 1, 2, 3].map((v) => applyKnob(base, 'features', v).train.features)).toEqual([
      'style+hashed',
      'use',
      'use+style+hashed',
      'hashed',
    ]);
  });
});

describe('trainOnLabels with an encoder feature set', () => {
  beforeAll(async () => {
    await startCpuBackend();
  });

  it('learns from the embeddings alone and records the set and encoder version', async () => {
    // The right answers (r1, r3) carry coordinate 10; the wrong ones coordinate 11. Every label prefers
    // the right one, so a `use` model must give r1 and r3 the higher reward.
    const vectors = new Float32Array(4 * E);
    ['r1', 'r2', 'r3', 'r4'].forEach(
      (id, i) => (vectors[i * E + (id === 'r1' || id === 'r3' ? 10 : 11)] = 1),
    );
    const embeddings = { ids: ['r1', 'r2', 'r3', 'r4'], vectors };
    const comparisons = Array.from({ length: 6 }, (_, k) =>
      k % 2 ? comparison(`c${k}`, 'r1', 'r2', 'a') : comparison(`c${k}`, 'r4', 'r3', 'b'),
    );
    const r = await trainOnLabels(
      { comparisons, responses, prompts, embeddings },
      { features: 'use', valFraction: 0 },
    );
    expect(r.model.features).toEqual({ set: 'use', encoder: ENCODER_VERSION });
    expect(r.model.weights.kind === 'linear' && r.model.weights.w.length).toBe(512);
    expect(r.evaluation.train).toHaveLength(6);
    for (const p of r.evaluation.train) expect(p.rChosen).toBeGreaterThan(p.rRejected);
    await expect(
      trainOnLabels({ comparisons, responses, prompts }, { features: 'use+style+hashed' }),
    ).rejects.toThrow('reads the sentence encoder');
  });
});
