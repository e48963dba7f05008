// Active learning with a simulated rater (lib/ml/active-learning.ts, CPU backend): the rater's expected
// preference against hand-computed probabilities, and a small run on the demo pack that is seeded, shares
// its first labels across policies, splits prompts into pool and held-out, and can be cancelled.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_FILE } from '../../lib/core/demo';
import { DEFAULT_TRAIN_CONFIG } from '../../lib/core/reward-model/model-file';
import { RATER_PRESETS, type RaterKnobs, type RaterSignals } from '../../lib/core/labeling/raters';
import type { ActiveLearningSpec } from '../../lib/core/playground/sweep';
import type { DatasetFile } from '../../lib/core/types';
import {
  expectedPreference,
  runActiveLearning,
  type ActiveLearningResult,
} from '../../lib/ml/active-learning';
import { startCpuBackend } from '../../lib/ml/backend';

const sigma = (x: number) => 1 / (1 + Math.exp(-x));

describe('expectedPreference', () => {
  const k: RaterKnobs = {
    lengthBias: 1,
    confidenceBias: 0,
    flatteryBias: 0,
    pFactCheck: 0.5,
    factWeight: 2,
    beta: 1,
    positionBias: 0,
    tieThreshold: 0,
  };
  const x: RaterSignals = { length: 1, confidence: 0, flattery: 0, correct: true };
  const y: RaterSignals = { length: 0, confidence: 0, flattery: 0, correct: false };

  it('averages over fact-checks: ½σ(1 + 2) + ½σ(1)', () => {
    expect(expectedPreference(k, x, y)).toBeCloseTo(0.5 * sigma(3) + 0.5 * sigma(1), 12);
    expect(expectedPreference({ ...k, pFactCheck: 1 }, x, y)).toBeCloseTo(sigma(3), 12);
    expect(expectedPreference({ ...k, pFactCheck: 0 }, x, y)).toBeCloseTo(sigma(1), 12);
  });

  it('averages over sides, so position bias cancels out of the order and P(x≻y) + P(y≻x) = 1', () => {
    const kb = { ...k, positionBias: 0.7, pFactCheck: 0 };
    // x left: σ(1 + 0.7); x right: 1 − σ(−1 + 0.7).
    expect(expectedPreference(kb, x, y)).toBeCloseTo((sigma(1.7) + 1 - sigma(-0.3)) / 2, 12);
    expect(expectedPreference(kb, x, y) + expectedPreference(kb, y, x)).toBeCloseTo(1, 12);
    expect(expectedPreference(kb, x, x)).toBeCloseTo(0.5, 12);
  });
});

const demo: DatasetFile = JSON.parse(readFileSync(resolve(__dirname, '../..', DEMO_FILE), 'utf8'));
const spec: ActiveLearningSpec = {
  policies: ['coverage', 'uncertainty', 'disagreement'],
  start: 10,
  step: 15,
  max: 40,
  epochs: 5,
  target: 0.8,
};
const input = {
  dataset: demo,
  rater: RATER_PRESETS.careful.knobs,
  spec,
  seed: 3,
  train: { ...DEFAULT_TRAIN_CONFIG },
};
let result: ActiveLearningResult;

beforeAll(async () => {
  await startCpuBackend();
  result = await runActiveLearning(input);
  for (const r of result.runs) console.log(r.policy, r.points.map((p) => p.accuracy.toFixed(3)).join(' '));
});

describe('runActiveLearning on the demo pack (careful rater, 10 → 40 labels)', () => {
  it('holds out a quarter of the prompts and pools the pairs of the rest', () => {
    const prompts = demo.prompts.length;
    const pairs = demo.prompts.reduce((s, p) => {
      const k = demo.responses.filter((r) => r.promptId === p.id).length;
      return s + (k * (k - 1)) / 2;
    }, 0);
    expect(result.heldOutPrompts).toBe(Math.round(prompts / 4));
    // Every pair is either in the pool or held out (held-out pairs with P = ½ exactly would be dropped).
    expect(result.poolPairs + result.heldOutPairs).toBe(pairs);
  });

  it('records held-out accuracy at start, each step, and max, for each policy', () => {
    expect(result.runs.map((r) => r.policy)).toEqual(spec.policies);
    for (const r of result.runs) {
      expect(r.points.map((p) => p.labels)).toEqual([10, 25, 40]);
      for (const p of r.points) {
        expect(p.accuracy).toBeGreaterThanOrEqual(0);
        expect(p.accuracy).toBeLessThanOrEqual(1);
      }
    }
  });

  it('starts every policy from the same labels (same first model), then the policies diverge', () => {
    const firsts = result.runs.map((r) => r.points[0].accuracy);
    expect(new Set(firsts).size).toBe(1);
    const rest = result.runs.map((r) => JSON.stringify(r.points.slice(1)));
    expect(new Set(rest).size).toBeGreaterThan(1);
  });

  it('is seeded: the same input gives the same curves', async () => {
    const again = await runActiveLearning(input);
    expect(again).toEqual(result);
  });

  it('rejects with an AbortError when cancelled', async () => {
    const ac = new AbortController();
    const run = runActiveLearning(input, {
      signal: ac.signal,
      onProgress: (p) => p.labels > 10 && ac.abort(),
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
  });
});
