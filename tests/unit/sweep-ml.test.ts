// A small deterministic sweep through lib/ml/sweep.ts on the demo pack (CPU backend): fact-checking every
// pair stops the reward model from preferring wrong answers that it prefers when nobody checks; the same
// experiment gives the same numbers; cancelling rejects with an AbortError; no tensors leak.
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_FILE } from '../../lib/core/demo';
import {
  PRESET_FACT_CHECK_SWEEP,
  type PlaygroundExperiment,
  type SweepPoint,
} from '../../lib/core/playground/sweep';
import type { DatasetFile } from '../../lib/core/types';
import { startCpuBackend } from '../../lib/ml/backend';
import { runSweep, type SweepProgress } from '../../lib/ml/sweep';

const demo: DatasetFile = JSON.parse(readFileSync(resolve(__dirname, '../..', DEMO_FILE), 'utf8'));
const exp: PlaygroundExperiment = {
  ...PRESET_FACT_CHECK_SWEEP,
  train: { ...PRESET_FACT_CHECK_SWEEP.train, epochs: 20, solver: 'adam' },
  study: { kind: 'sweep', knob: 'pFactCheck', from: 0, to: 1, points: 2, labels: 400 },
};
let first: SweepPoint[];
const progress: SweepProgress[] = [];
const streamed: number[] = [];

beforeAll(async () => {
  await startCpuBackend();
  first = await runSweep(demo, exp, {
    onProgress: (p) => progress.push(p),
    onPoint: (_p, i) => streamed.push(i),
  });
  console.log(first);
});

describe('runSweep on the demo pack (hurried rater, pFactCheck 0 and 1, 400 labels, 20 epochs)', () => {
  it('records every figure for each knob value', () => {
    expect(first.map((p) => p.value)).toEqual([0, 1]);
    for (const p of first) {
      expect(p.labels).toBe(400);
      for (const v of [p.wrongPreferredRate, p.heldOutAccuracy, p.goldPeak]) {
        expect(v).not.toBeNull();
        expect(v!).toBeGreaterThanOrEqual(0);
        expect(v!).toBeLessThanOrEqual(1);
      }
      expect(p.goldPeakN).toBeGreaterThanOrEqual(1);
      expect(p.goldPeakN).toBeLessThanOrEqual(16);
      expect(Number.isFinite(p.hackingGap)).toBe(true);
    }
  });

  it('fact-checking every pair lowers wrongPreferredRate and the hacking gap, and raises the gold peak', () => {
    const [none, all] = first;
    expect(all.wrongPreferredRate!).toBeLessThan(none.wrongPreferredRate!);
    expect(none.wrongPreferredRate!).toBeGreaterThanOrEqual(0.6);
    expect(all.wrongPreferredRate!).toBeLessThanOrEqual(0.2);
    expect(all.hackingGap!).toBeLessThan(none.hackingGap!);
    expect(all.goldPeak!).toBeGreaterThan(none.goldPeak!);
  });

  it('reports progress per epoch and each point as it finishes', () => {
    expect(streamed).toEqual([0, 1]);
    expect(progress.filter((p) => p.epoch > 0)).toHaveLength(2 * 20);
    expect(progress.at(-1)).toEqual({ point: 1, points: 2, epoch: 20, epochs: 20 });
  });

  it('gives the same numbers for the same experiment, and leaks no tensors', async () => {
    const before = tf.memory().numTensors;
    expect(await runSweep(demo, exp)).toEqual(first);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects with an AbortError when cancelled, before or during a point', async () => {
    const ac = new AbortController();
    ac.abort();
    await expect(runSweep(demo, exp, { signal: ac.signal })).rejects.toMatchObject({ name: 'AbortError' });
    const mid = new AbortController();
    const run = runSweep(demo, exp, {
      signal: mid.signal,
      onProgress: (p) => p.epoch === 3 && mid.abort(),
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
  });
});
