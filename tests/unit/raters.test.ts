// Simulated raters: the choice probability σ(β·Δu + positionBias) against hand-computed values, the
// utility of a hand-featurized response, β → ∞ with full fact-checking always picking the correct answer,
// the position bias recovered from 4000 draws, even coverage of prompts and pairs, and seeding.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { raterAccuracyAgainstGold } from '../../lib/core/labeling/agreement';
import { DEMO_FILE } from '../../lib/core/demo';
import {
  RATER_PRESETS,
  preferAProbability,
  raterSignals,
  simulateLabels,
  strengthFromGap,
  utility,
} from '../../lib/core/labeling/raters';
import type { RaterKnobs } from '../../lib/core/labeling/raters';
import { pairKey } from '../../lib/core/types';
import type { DatasetFile } from '../../lib/core/types';

const demo: DatasetFile = JSON.parse(readFileSync(resolve(__dirname, '../..', DEMO_FILE), 'utf8'));
const gold = new Map(demo.responses.map((r) => [r.id, r.correct]));
const flat: RaterKnobs = {
  lengthBias: 0,
  confidenceBias: 0,
  flatteryBias: 0,
  pFactCheck: 0,
  factWeight: 5,
  beta: 1,
  positionBias: 0,
  tieThreshold: 0,
};

describe('choice probability', () => {
  it('is σ(β·(uA − uB) + positionBias)', () => {
    // β = 2, Δu = 0.75, bias 0.5: σ(2) = 1 / (1 + e^−2) = 0.8807970779778823.
    expect(preferAProbability({ ...flat, beta: 2, positionBias: 0.5 }, 1, 0.25)).toBeCloseTo(
      0.8807970779778823,
      15,
    );
    // Equal utilities: only the position bias, σ(ln 3) = 3/4.
    expect(preferAProbability({ ...flat, positionBias: Math.log(3) }, 0.4, 0.4)).toBeCloseTo(0.75, 15);
    // β = ∞ is a hard choice, whatever the position bias.
    expect(preferAProbability({ ...flat, beta: Infinity, positionBias: -3 }, 1, 0.9)).toBe(1);
    expect(preferAProbability({ ...flat, beta: Infinity, positionBias: 3 }, 0.9, 1)).toBe(0);
  });

  it('strength steps at β·|Δu| = 1 and 3', () => {
    expect([0, 0.99, 1, 2.99, 3, 10].map(strengthFromGap)).toEqual([1, 1, 2, 2, 3, 3]);
  });
});

describe('utility', () => {
  it('adds the named style features as hand-computed', () => {
    // "Definitely." → 1 word: length = ln 2 / 4; one confident marker: ln 2; no lists, headings, bold,
    // hedges or flattery, so confidence = ln 2.
    const s = raterSignals('Is it?', { text: 'Definitely.', correct: true });
    expect(s.length).toBeCloseTo(Math.LN2 / 4, 6);
    expect(s.confidence).toBeCloseTo(Math.LN2, 6);
    expect(s.flattery).toBe(0);
    const knobs = { ...flat, lengthBias: 2, confidenceBias: 3, factWeight: 5 };
    expect(utility(knobs, s, false)).toBeCloseTo(3.5 * Math.LN2, 6);
    expect(utility(knobs, s, true)).toBeCloseTo(3.5 * Math.LN2 + 5, 6);
    expect(utility(knobs, { ...s, correct: false }, true)).toBeCloseTo(3.5 * Math.LN2, 6);
  });

  it('counts hedges against confidence and flattery apart', () => {
    // "I think you're right": hedge "i think" and flattery "you're right", 4 words.
    const s = raterSignals('', { text: "I think you're right" });
    expect(s.confidence).toBeCloseTo(-Math.LN2, 6);
    expect(s.flattery).toBeCloseTo(Math.LN2, 6);
    expect(s.length).toBeCloseTo(Math.log(5) / 4, 6);
  });
});

describe('simulateLabels', () => {
  it('with β → ∞, pFactCheck = 1 and style gaps below factWeight, always prefers the correct response', () => {
    const knobs = {
      ...flat,
      lengthBias: 1,
      confidenceBias: 1,
      factWeight: 10,
      beta: Infinity,
      pFactCheck: 1,
    };
    const { comparisons } = simulateLabels(demo, knobs, 600, 7);
    const mixed = comparisons.filter((c) => gold.get(c.aId) !== gold.get(c.bId));
    expect(mixed.length).toBeGreaterThan(200);
    for (const c of mixed) expect(gold.get(c.outcome === 'a' ? c.aId : c.bId)).toBe(true);
    expect(raterAccuracyAgainstGold(comparisons, gold)[0].wrongRate).toBe(0);
  });

  it('position bias ln 3 with equal utilities gives P(A) = 3/4 (4000 draws, ±3.1 SE)', () => {
    const { comparisons } = simulateLabels(demo, { ...flat, positionBias: Math.log(3) }, 4000, 3);
    const shareA = comparisons.filter((c) => c.outcome === 'a').length / comparisons.length;
    expect(Math.abs(shareA - 0.75)).toBeLessThan(3.1 * Math.sqrt((0.75 * 0.25) / 4000));
  });

  it('covers prompts and pairs evenly: 6 rounds of the 52 prompts judge each of the 312 pairs once', () => {
    const n = demo.prompts.length * 6;
    const { comparisons } = simulateLabels(demo, 'hurried', n, 11);
    const perPrompt = new Map<string, number>();
    for (const c of comparisons) perPrompt.set(c.promptId, (perPrompt.get(c.promptId) ?? 0) + 1);
    expect(new Set(perPrompt.values())).toEqual(new Set([6]));
    expect(new Set(comparisons.map((c) => pairKey(c.aId, c.bId))).size).toBe(n);
    for (const c of comparisons) {
      expect(c.aId).not.toBe(c.bId);
      expect(demo.responses.find((r) => r.id === c.aId)!.promptId).toBe(c.promptId);
    }
    // Random sides: both orders occur often.
    const leftFirst = comparisons.filter((c) => c.aId < c.bId).length;
    expect(leftFirst).toBeGreaterThan(n * 0.35);
    expect(leftFirst).toBeLessThan(n * 0.65);
  });

  it('is seeded: same seed, same labels and ids; another seed, other labels', () => {
    const a = simulateLabels(demo, 'careful', 200, 5);
    const b = simulateLabels(demo, 'careful', 200, 5);
    const c = simulateLabels(demo, 'careful', 200, 6);
    expect(a).toEqual(b);
    expect(c.comparisons.map((x) => x.aId + x.outcome)).not.toEqual(
      a.comparisons.map((x) => x.aId + x.outcome),
    );
    expect(new Set(a.comparisons.map((x) => x.id)).size).toBe(200);
  });

  it('labels under a simulated annotator named after the preset', () => {
    const { annotator, comparisons } = simulateLabels(demo, 'hurried', 3, 1);
    expect(annotator).toMatchObject({ name: 'sim: hurried rater', kind: 'simulated' });
    expect(simulateLabels(demo, 'careful', 1, 1).annotator.name).toBe('sim: careful fact-checker');
    for (const c of comparisons) {
      expect(c.annotatorId).toBe(annotator.id);
      expect(c.datasetId).toBe('demo');
      expect([1, 2, 3]).toContain(c.strength);
    }
  });

  it('a large tie threshold makes every verdict a tie (without strength)', () => {
    const { comparisons } = simulateLabels(demo, { ...flat, tieThreshold: 1 }, 20, 2);
    expect(comparisons.every((c) => c.outcome === 'tie' && c.strength === undefined)).toBe(true);
  });

  it('the hurried preset prefers wrong answers far more often than the careful one', () => {
    const rate = (p: 'hurried' | 'careful') =>
      raterAccuracyAgainstGold(simulateLabels(demo, p, 500, 1).comparisons, gold)[0].wrongRate!;
    expect(rate('hurried')).toBeGreaterThan(0.4);
    expect(rate('careful')).toBeLessThan(0.1);
    expect(RATER_PRESETS.hurried.knobs.pFactCheck).toBeLessThan(RATER_PRESETS.careful.knobs.pFactCheck);
  });

  it('rejects a bad n and a dataset without pairs', () => {
    expect(() => simulateLabels(demo, 'hurried', -1, 1)).toThrow(RangeError);
    const lonely = { ...demo, responses: demo.responses.slice(0, 1) };
    expect(() => simulateLabels(lonely, 'hurried', 1, 1)).toThrow(/two responses/);
    expect(simulateLabels(lonely, 'hurried', 0, 1).comparisons).toEqual([]);
  });
});
