// The lesson of issue 4 on the built-in demo pack: a reward model trained (default config, CPU) on 500
// labels from the hurried simulated rater (seed 1) prefers a wrong answer on at least 60% of held-out
// prompts and its best-of-n gold curve falls as n grows; trained on the careful fact-checker's labels
// it prefers a wrong answer on at most 20% of held-out prompts.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_FILE } from '../../lib/core/demo';
import type { DatasetFile } from '../../lib/core/types';
import { startCpuBackend } from '../../lib/ml/backend';
import { simulateTrainInspect } from '../../lib/ml/pipeline';
import type { PipelineResult } from '../../lib/ml/pipeline';

const demo: DatasetFile = JSON.parse(readFileSync(resolve(__dirname, '../..', DEMO_FILE), 'utf8'));
let hurried: PipelineResult;
let careful: PipelineResult;

beforeAll(async () => {
  await startCpuBackend();
  hurried = await simulateTrainInspect(demo, 'hurried', { n: 500, seed: 1 });
  careful = await simulateTrainInspect(demo, 'careful', { n: 500, seed: 1 });
  const fmt = (r: PipelineResult) =>
    `held-out ${r.report.heldOut.prompts} prompts: wrongPreferredRate ${r.report.heldOut.wrongPreferredRate}, ` +
    `hackingGap ${r.report.heldOut.hackingGap?.toFixed(2)}, gold(1..16) ` +
    r.report.heldOut.bestOfN.map((p) => p.gold?.toFixed(2)).join(' ');
  console.log(`hurried: ${fmt(hurried)}\ncareful: ${fmt(careful)}`);
});

describe('the Goodhart lesson on the demo pack (500 labels, seed 1, DEFAULT_TRAIN_CONFIG)', () => {
  it('holds out prompts the model did not train on', () => {
    for (const r of [hurried, careful]) {
      expect(r.report.heldOut.prompts).toBeGreaterThanOrEqual(5);
      expect(r.report.heldOut.eligiblePrompts).toBe(r.report.heldOut.prompts);
      expect(r.report.heldOutPromptIds.length).toBe(r.model.heldOutPromptKeys.length);
    }
  });

  it('hurried rater: held-out wrongPreferredRate ≥ 0.6', () => {
    expect(hurried.report.heldOut.wrongPreferredRate).toBeGreaterThanOrEqual(0.6);
  });

  it('careful fact-checker: held-out wrongPreferredRate ≤ 0.2', () => {
    expect(careful.report.heldOut.wrongPreferredRate).toBeLessThanOrEqual(0.2);
  });

  it('hurried rater: the best-of-n gold curve falls as n grows while proxy reward rises', () => {
    const curve = hurried.report.heldOut.bestOfN;
    expect(curve).toHaveLength(16);
    const gold = curve.map((p) => p.gold!);
    expect(gold[15]).toBeLessThan(gold[0]);
    const steps = gold.slice(1).map((g, i) => g - gold[i]);
    expect(steps.filter((d) => d <= 1e-12).length).toBeGreaterThanOrEqual(13);
    for (let i = 1; i < 16; i++) expect(curve[i].proxy).toBeGreaterThanOrEqual(curve[i - 1].proxy - 1e-9);
  });

  it('the hurried rater itself prefers wrong answers more often than the careful one', () => {
    const wrong = (r: PipelineResult) => r.report.raters[0].wrongRate!;
    expect(wrong(hurried)).toBeGreaterThan(wrong(careful));
    expect(hurried.report.raters[0].name).toBe('sim: hurried rater');
  });
});
