// Quality on real data: on Anthropic HH-RLHF harmless-base test (2,312 pairs, ../shared/data beside the
// project root), with a seeded 80/20 split by prompt, against an independent reference (./reference-logistic.ts:
// L2 logistic regression on feature differences without intercept, = Bradley–Terry with a linear reward,
// solved by Newton's method with conjugate gradients, same λ): the default trainer (the exact L-BFGS solver)
// reaches the reference's optimum to 1e-6 in the objective, and its held-out accuracy and Adam's (TF.js) are
// within 2 points of the reference's.
import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeMaybeGzip, parsePairsText } from '../../lib/core/formats/pairs';
import { DEFAULT_TRAIN_CONFIG } from '../../lib/core/reward-model/model-file';
import { pairsToTrainingSet, splitByPrompt } from '../../lib/core/reward-model/training-data';
import { startCpuBackend } from '../../lib/ml/backend';
import { train } from '../../lib/ml/train';
import { accuracy, differences, logisticRegression, referenceObjective } from './reference-logistic';

const HH_FILE = path.resolve(__dirname, '../../../shared/data/hh-rlhf-harmless-test.jsonl.gz');

describe('HH-RLHF harmless: default model vs reference logistic regression', () => {
  beforeAll(async () => {
    await startCpuBackend();
  });

  it('the solver reaches the reference optimum (1e-6 in the objective); both trainers within 2 points of its accuracy', async () => {
    expect(existsSync(HH_FILE), `${HH_FILE} (shared/data beside the project root)`).toBe(true);
    const { pairs, errors } = parsePairsText(decodeMaybeGzip(readFileSync(HH_FILE)));
    expect(errors).toEqual([]);
    const set = pairsToTrainingSet(pairs, { marginPreset: 'none', ties: 'half' });
    const seed = 1;
    const split = splitByPrompt(set.promptKeys, 0.2, seed);
    const lambda = DEFAULT_TRAIN_CONFIG.l2;
    const trainD = differences(set, split.train);
    const valD = differences(set, split.val);
    const ref = logisticRegression(trainD, set.dim, lambda);
    expect(ref.gradNorm).toBeLessThan(1e-6);
    const refObjective = referenceObjective(ref.w, trainD, lambda);
    const refAcc = accuracy(ref.w, valD);
    expect(refAcc).toBeGreaterThan(0.55);

    const solved = (await train(set, { seed, valFraction: 0.2 })).model;
    const adam = (await train(set, { seed, valFraction: 0.2, solver: 'adam' })).model;
    for (const model of [solved, adam]) {
      expect(model.heldOutPromptKeys).toEqual(split.valKeys);
      expect(model.metrics.val.n).toBe(split.val.length);
      expect(Math.abs(model.metrics.val.accuracy! - refAcc)).toBeLessThanOrEqual(0.02);
    }
    if (solved.weights.kind !== 'linear') throw new Error('linear expected');
    const w = Float64Array.from(solved.weights.w);
    // The reference's own objective at the solver's weights, and the objective the model file records.
    expect(Math.abs(referenceObjective(w, trainD, lambda) - refObjective)).toBeLessThan(1e-6);
    expect(solved.fit).toMatchObject({ solver: 'lbfgs', converged: true });
    expect(Math.abs(solved.fit!.objective! - refObjective)).toBeLessThan(1e-6);
    expect(solved.fit!.gradNorm!).toBeLessThanOrEqual(1e-5);
    expect(adam.fit!.objective!).toBeGreaterThan(refObjective);
    console.log(
      `HH-RLHF harmless held-out (n=${split.val.length}): solver ${solved.metrics.val.accuracy!.toFixed(4)} ` +
        `(objective ${solved.fit!.objective!.toFixed(8)}, ${solved.fit!.iterations} iterations), ` +
        `Adam ${adam.metrics.val.accuracy!.toFixed(4)} (objective ${adam.fit!.objective!.toFixed(8)}), ` +
        `reference LR ${refAcc.toFixed(4)} (objective ${refObjective.toFixed(8)})`,
    );
  });
});
