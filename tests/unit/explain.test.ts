// Explanations: the MLP input gradient against central finite differences (ReLU and tanh), a ReLU
// network taken apart by hand, contributions summing to reward − bias for the linear model, word
// highlights that put a bucket's weight on the word that hit it, and feature importance for the MLP.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_FILE } from '../../lib/core/demo';
import {
  contributions,
  explainResponse,
  featureImportance,
  inputGradient,
  nameFeature,
  tokenSpans,
  wordHighlights,
} from '../../lib/core/reward-model/explain';
import {
  FEATURE_DIM,
  STYLE_FEATURE_COUNT,
  featurize,
  tokenize,
} from '../../lib/core/reward-model/features/index';
import { gramBucket } from '../../lib/core/reward-model/features/hashing';
import { scoreWithWeights } from '../../lib/core/reward-model/model-file';
import type { ModelWeights } from '../../lib/core/reward-model/model-file';
import { mulberry32, normal } from '../../lib/core/stats/random';
import type { DatasetFile } from '../../lib/core/types';

const demo: DatasetFile = JSON.parse(readFileSync(resolve(__dirname, '../..', DEMO_FILE), 'utf8'));

function randomMlp(dim: number, hidden: number, activation: 'relu' | 'tanh', seed: number): ModelWeights {
  const rng = mulberry32(seed);
  return {
    kind: 'mlp',
    activation,
    w1: Array.from({ length: dim }, () => Array.from({ length: hidden }, () => normal(rng))),
    b1: Array.from({ length: hidden }, () => normal(rng, 0, 0.5)),
    w2: Array.from({ length: hidden }, () => normal(rng)),
    b2: normal(rng),
  };
}

describe('input gradient', () => {
  for (const activation of ['relu', 'tanh'] as const) {
    it(`matches central finite differences (${activation}, 6 inputs, 5 hidden, 3 random points)`, () => {
      const w = randomMlp(6, 5, activation, activation === 'relu' ? 1 : 2);
      const rng = mulberry32(9);
      for (let k = 0; k < 3; k++) {
        const x = Array.from({ length: 6 }, () => normal(rng));
        const g = inputGradient(w, x);
        const h = 1e-6;
        for (let i = 0; i < 6; i++) {
          const up = x.slice();
          const down = x.slice();
          up[i] += h;
          down[i] -= h;
          const fd = (scoreWithWeights(w, up) - scoreWithWeights(w, down)) / (2 * h);
          expect(g[i]).toBeCloseTo(fd, 5);
        }
      }
    });
  }

  it('takes a 2-input ReLU network apart as by hand', () => {
    // h = b1 + x·w1 = [0.5 + 1 + 2, −3 − 1 + 1] = [3.5, −3]: only unit 0 is active.
    // reward = 2·3.5 + 0.25 = 7.25; ∂r/∂x = [1·2, 2·2] = [2, 4]; contributions [2, 4] sum to
    // 7.25 − b2 − w2[0]·b1[0] = 7.25 − 0.25 − 1 = 6.
    const w: ModelWeights = {
      kind: 'mlp',
      activation: 'relu',
      w1: [
        [1, -1],
        [2, 1],
      ],
      b1: [0.5, -3],
      w2: [2, 1],
      b2: 0.25,
    };
    expect(scoreWithWeights(w, [1, 1])).toBe(7.25);
    expect(Array.from(inputGradient(w, [1, 1]))).toEqual([2, 4]);
    expect(Array.from(contributions(w, [1, 1]))).toEqual([2, 4]);
  });
});

describe('contributions of a linear model on the featurizer', () => {
  const rng = mulberry32(4);
  const w: ModelWeights = {
    kind: 'linear',
    w: Array.from({ length: FEATURE_DIM }, () => normal(rng, 0, 0.3)),
    b: 0.7,
  };

  it('sum to reward − bias on demo responses, and the top list is the largest by |contribution|', () => {
    const prompt = demo.prompts[0];
    for (const r of demo.responses.filter((x) => x.promptId === prompt.id)) {
      const e = explainResponse(w, prompt.text, r.text, 8);
      expect(e.styleTotal + e.wordsTotal).toBeCloseTo(e.reward - 0.7, 9);
      expect(e.baseline).toBeCloseTo(0.7, 9);
      const x = featurize(prompt.text, r.text);
      expect(e.reward).toBeCloseTo(scoreWithWeights(w, x), 12);
      const all = Array.from(contributions(w, x))
        .map(Math.abs)
        .sort((a, b) => b - a);
      expect(e.top.map((t) => Math.abs(t.contribution))).toEqual(all.slice(0, 8));
      for (const t of e.top) expect(t.contribution).toBeCloseTo(w.w[t.index] * x[t.index], 12);
    }
  });
});

describe('word highlights', () => {
  it('give the bucket of "definitely" to that word: weight × 1/√7 (7 grams, unit-norm block)', () => {
    const text = 'It is definitely true';
    const tokens = tokenize(text);
    const buckets = new Set(
      [...tokens, ...tokens.slice(1).map((t, i) => `${tokens[i]} ${t}`)].map(gramBucket),
    );
    expect(buckets.size).toBe(7); // no collisions, so the expectation below is exact
    const weights = new Array<number>(FEATURE_DIM).fill(0);
    weights[STYLE_FEATURE_COUNT + gramBucket('definitely')] = 2;
    const hl = wordHighlights({ kind: 'linear', w: weights, b: 0 }, '', text);
    expect(hl.map((h) => h.word)).toEqual(['It', 'is', 'definitely', 'true']);
    expect(hl[2]).toMatchObject({ start: 6, end: 16 });
    expect(hl[2].weight).toBeCloseTo(2 / Math.sqrt(7), 6);
    expect(hl.filter((h) => h.word !== 'definitely').every((h) => h.weight === 0)).toBe(true);
  });

  it('split a bigram bucket between its two words and sum to the hashed block’s contribution', () => {
    const weights = new Array<number>(FEATURE_DIM).fill(0);
    weights[STYLE_FEATURE_COUNT + gramBucket('is definitely')] = 1;
    const w: ModelWeights = { kind: 'linear', w: weights, b: 0 };
    const hl = wordHighlights(w, '', 'It is definitely true');
    expect(hl[1].weight).toBeCloseTo(hl[2].weight, 12);
    expect(hl[1].weight).toBeCloseTo(0.5 / Math.sqrt(7), 6);
    const text = demo.responses[2].text;
    const rng = mulberry32(12);
    const dense: ModelWeights = {
      kind: 'linear',
      w: Array.from({ length: FEATURE_DIM }, () => normal(rng)),
      b: 0,
    };
    const sum = wordHighlights(dense, '', text).reduce((s, h) => s + h.weight, 0);
    expect(sum).toBeCloseTo(explainResponse(dense, '', text).wordsTotal, 9);
  });

  it('token spans are the featurizer’s tokens, with curly apostrophes and original case', () => {
    const text = 'I’m NOT sure — it’s 42 km, isn\u2019t it?';
    const spans = tokenSpans(text);
    expect(spans.map((s) => s.token)).toEqual(tokenize(text));
    expect(spans.map((s) => text.slice(s.start, s.end))[1]).toBe('NOT');
  });
});

describe('feature importance and names', () => {
  it('MLP: the mean of gradient × input over the vectors', () => {
    const w = randomMlp(FEATURE_DIM, 3, 'tanh', 5);
    const vectors = new Float32Array(2 * FEATURE_DIM);
    featurize('Q?', 'Definitely yes!', vectors, 0);
    featurize('Q?', 'I think maybe.', vectors, FEATURE_DIM);
    const c0 = contributions(w, vectors.subarray(0, FEATURE_DIM));
    const c1 = contributions(w, vectors.subarray(FEATURE_DIM));
    const imp = featureImportance(w, vectors);
    for (let i = 0; i < FEATURE_DIM; i += 97) expect(imp[i]).toBeCloseTo((c0[i] + c1[i]) / 2, 12);
  });

  it('names style features and hash buckets by the words that hit them', () => {
    expect(nameFeature(0)).toBe('length');
    expect(nameFeature(STYLE_FEATURE_COUNT + gramBucket('definitely'), ['It is definitely true'])).toBe(
      '“definitely”',
    );
    expect(nameFeature(STYLE_FEATURE_COUNT + gramBucket('definitely'))).toMatch(/^hash#\d+$/);
  });
});
