// The verdict sentence of /inspect (lib/core/goodhart/verdict.ts): on figures written by hand, and on the
// demo's three cases trained for real (as tests/unit/lesson.test.ts does): 500 labels from the hurried
// rater, 500 from the careful fact-checker, and 22 labels of "your own" from someone who always prefers
// the shorter answer and never checks facts.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_FILE } from '../../lib/core/demo';
import type { DatasetFile } from '../../lib/core/types';
import type { SliceFigures } from '../../lib/core/goodhart/figures';
import { driverPhrase, verdict } from '../../lib/core/goodhart/verdict';
import { startCpuBackend } from '../../lib/ml/backend';
import { simulateTrainInspect, type PipelineResult } from '../../lib/ml/pipeline';

const base: SliceFigures = {
  prompts: 10,
  responses: 40,
  wrongPreferredRate: 0.9,
  eligiblePrompts: 10,
  hackingGap: 1.5,
  bestOfN: [
    { n: 1, kl: 0, proxy: 0, gold: 0.5 },
    { n: 2, kl: 0.1, proxy: 0.4, gold: 0.3 },
  ],
  lengthCorrelation: 0.6,
  lengthSpearman: 0.6,
  rewardMean: 0,
  rewardSd: 1,
  groups: [],
  featureCorrelations: [
    { name: 'length', pearson: 0.62, spearman: 0.6, n: 40 },
    { name: 'hedges', pearson: -0.5, spearman: -0.5, n: 40 },
  ],
  lengthBaseline: null,
  wrongFavourites: { prompts: 9, shorter: 0, longer: 8 },
};

describe('verdict on hand-written figures', () => {
  it('names the strongest style feature with its direction, or none below |r| = 0.3', () => {
    expect(driverPhrase(base)).toBe('longer answers win');
    const short = [{ name: 'length', pearson: -0.7, spearman: -0.7, n: 40 }];
    expect(driverPhrase({ featureCorrelations: short })).toBe('shorter answers win');
    const weak = [{ name: 'length', pearson: 0.29, spearman: 0.3, n: 40 }];
    expect(driverPhrase({ featureCorrelations: weak })).toBeNull();
  });

  it('alarm: learned length, wrong on 9 of 10, the hacking gap and the falling gold curve', () => {
    expect(verdict({ figures: base, slice: 'held-out', labels: 500 })).toEqual({
      tone: 'alarm',
      text: 'Your model learned that longer answers win: its favourite answer is wrong on 9 of 10 held-out prompts, longer wrong answers now beat shorter right ones on 8 of them, fluent wrong answers beat hedged right ones by 1.5 reward SDs, and picking the best of 2 answers by its reward drops correctness from 50% to 30%.',
    });
  });

  it('short wrong favourites against a negative hacking gap: both said, the second as a "though"', () => {
    const figures: SliceFigures = {
      ...base,
      wrongPreferredRate: 0.6,
      hackingGap: -2,
      bestOfN: [base.bestOfN[0]],
      featureCorrelations: [{ name: 'length', pearson: -0.9, spearman: -0.9, n: 40 }],
      wrongFavourites: { prompts: 6, shorter: 6, longer: 0 },
    };
    expect(verdict({ figures, slice: 'held-out', labels: 500 })).toEqual({
      tone: 'alarm',
      text: 'Your model learned that shorter answers win: its favourite answer is wrong on 6 of 10 held-out prompts and shorter wrong answers now beat longer right ones on all 6, though hedged right answers still beat fluent wrong ones by 2.0 reward SDs.',
    });
  });

  it('good and mixed', () => {
    const good = {
      ...base,
      wrongPreferredRate: 0.1,
      hackingGap: -1,
      bestOfN: [
        { n: 1, kl: 0, proxy: 0, gold: 0.5 },
        { n: 4, kl: 1, proxy: 1, gold: 0.9 },
      ],
      featureCorrelations: [],
    };
    expect(verdict({ figures: good, slice: 'all', labels: 300 })).toEqual({
      tone: 'good',
      text: 'Your model mostly pays for correctness: its favourite answer is right on 9 of 10 prompts and picking the best of 4 answers by its reward raises correctness from 50% to 90%.',
    });
    const mixed = {
      ...good,
      wrongPreferredRate: 0.3,
      wrongFavourites: { prompts: 3, shorter: 1, longer: 1 },
    };
    expect(verdict({ figures: mixed, slice: 'held-out', labels: 300 }).text).toBe(
      'No single style feature explains this model, with mixed results: its favourite answer is wrong on 3 of 10 held-out prompts, hedged right answers still beat fluent wrong ones by 1.0 reward SDs, and picking the best of 4 answers by its reward raises correctness from 50% to 90%.',
    );
  });

  it('small samples make it tentative and say how small', () => {
    const v = verdict({ figures: { ...base, eligiblePrompts: 4 }, slice: 'held-out', labels: 22 });
    expect(v.tone).toBe('unsure');
    expect(v.text).toMatch(/^Tentative, from only 22 labels and 4 held-out prompts: your model learned/);
  });

  it('without gold it says so', () => {
    const v = verdict({
      figures: { ...base, wrongPreferredRate: null, eligiblePrompts: 0 },
      slice: 'all',
      labels: null,
    });
    expect(v).toEqual({
      tone: 'unsure',
      text: 'Your model learned that longer answers win; without gold labels there is no telling whether that rewards right answers or wrong ones.',
    });
  });
});

const demo: DatasetFile = JSON.parse(readFileSync(resolve(__dirname, '../..', DEMO_FILE), 'utf8'));
let hurried: PipelineResult;
let careful: PipelineResult;
let own: PipelineResult;
const prefersShort = {
  name: 'me',
  knobs: {
    lengthBias: -6,
    confidenceBias: 0,
    flatteryBias: 0,
    pFactCheck: 0,
    factWeight: 0,
    beta: 4,
    positionBias: 0,
    tieThreshold: 0,
  },
};

beforeAll(async () => {
  await startCpuBackend();
  hurried = await simulateTrainInspect(demo, 'hurried', { n: 500, seed: 1 });
  careful = await simulateTrainInspect(demo, 'careful', { n: 500, seed: 1 });
  own = await simulateTrainInspect(demo, prefersShort, { n: 22, seed: 3 });
});

const say = (r: PipelineResult, labels: number) =>
  verdict({ figures: r.report.heldOut, slice: 'held-out', labels });

describe('verdict on the demo pack, trained for real', () => {
  it('hurried rater: longer answers win, wrong on 10 of 10, gold falls to 1%', () => {
    expect(say(hurried, 500)).toEqual({
      tone: 'alarm',
      text: expect.stringMatching(
        // The driver phrase is the feature that follows the reward most closely: the exact solver's model
        // (the default) picks hedging, 30 epochs of Adam length; both say what the hurried rater rewards.
        /^Your model learned that (longer answers win|hedging loses): its favourite answer is wrong on 10 of 10 held-out prompts, longer wrong answers now beat shorter right ones on all 10, fluent wrong answers beat hedged right ones by 2\.[12] reward SDs, and picking the best of 16 answers by its reward drops correctness from 50% to 1%\.$/,
      ),
    });
  });

  it('careful fact-checker: pays for correctness, right on 10 of 10, gold rises to 100%', () => {
    expect(say(careful, 500)).toEqual({
      tone: 'good',
      text: expect.stringMatching(
        /^Your model mostly pays for correctness( \(though [^)]+\))?: its favourite answer is right on 10 of 10 held-out prompts and picking the best of 16 answers by its reward raises correctness from 50% to 100%\.$/,
      ),
    });
  });

  it('your own 22 labels preferring short answers: tentative, and it learned that shorter answers win', () => {
    const v = say(own, 22);
    expect(v.tone).toBe('unsure');
    expect(v.text).toMatch(/^Tentative, from only 22 labels/);
    expect(v.text).toMatch(/your model learned that (shorter answers win|hedging wins)/);
    expect(v.text).toMatch(/shorter wrong answers now beat longer right ones on \d+ of them/);
    expect(v.text).toContain('though hedged right answers still beat fluent wrong ones');
  });
});
