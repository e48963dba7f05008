// The `hashed` feature set (hashed word n-grams without the style features): its rows keep the
// style+hashed layout with the 19 style columns at 0; every trainer leaves those weights at exactly 0 even
// when handed rows that hold style values (so scoring it on full style+hashed rows, as the viewers do, gives
// the same rewards); a model file with a style weight, or of another width, is refused; and the CLI trains
// and scores it. Pairs written here by hand.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  featureRecord,
  featureSetDim,
  featureSetNote,
  featurizeWithSet,
  readsStyle,
  unreadColumns,
} from '../../lib/core/reward-model/feature-sets';
import { FEATURE_DIM, STYLE_FEATURE_COUNT } from '../../lib/core/reward-model/features/index';
import { parseModelFile, type RewardModelFile } from '../../lib/core/reward-model/model-file';
import { dropColumns, toCsr } from '../../lib/core/reward-model/solver/csr';
import { pairsToTrainingSet, type TrainingSet } from '../../lib/core/reward-model/training-data';
import { startCpuBackend } from '../../lib/ml/backend';
import { train } from '../../lib/ml/train';
import { cli, tempFolder } from './cli-harness';

const PROMPTS = ['Capital of France?', 'Boiling point of water at sea level?', 'How many legs has a spider?'];
const pairs = PROMPTS.flatMap((prompt, p) =>
  Array.from({ length: 6 }, (_, k) => ({
    prompt: `${prompt} (${k})`,
    chosen: `I think it is probably answer ${p}, but I'm not sure.`,
    rejected: `**Definitely** answer ${k + 3}! It is well known.\n\n- clearly\n- obviously`,
  })),
);
const set: TrainingSet = pairsToTrainingSet(pairs, { marginPreset: 'none', ties: 'half' });

/** The style weights of a trained model (linear: w; MLP: the rows of w1), flattened. */
function styleWeights(m: RewardModelFile): number[] {
  const w = m.weights;
  return w.kind === 'linear' ? w.w.slice(0, STYLE_FEATURE_COUNT) : w.w1.slice(0, STYLE_FEATURE_COUNT).flat();
}

describe('the hashed feature set', () => {
  beforeAll(async () => {
    await startCpuBackend();
  });

  it('has the style+hashed layout with the style columns at 0, and reads no encoder', () => {
    expect(featureSetDim('hashed')).toBe(FEATURE_DIM);
    expect(unreadColumns('hashed')).toEqual([0, STYLE_FEATURE_COUNT]);
    expect(unreadColumns('style+hashed')).toBeNull();
    expect(unreadColumns('use+style+hashed')).toBeNull();
    expect([readsStyle('hashed'), readsStyle('style+hashed'), readsStyle('use')]).toEqual([
      false,
      true,
      false,
    ]);
    expect(featureRecord('hashed')).toEqual({ set: 'hashed', encoder: null });
    expect(featureSetNote('hashed')).toMatch(/the style features are not its inputs/);
    const items = [
      { prompt: 'Why?', response: '**Definitely** because, I think, it rains. See https://x.y' },
    ];
    const full = featurizeWithSet('style+hashed', items);
    const hashed = featurizeWithSet('hashed', items);
    expect(full.subarray(0, STYLE_FEATURE_COUNT).some((x) => x !== 0)).toBe(true);
    expect([...hashed.subarray(0, STYLE_FEATURE_COUNT)]).toEqual(Array(STYLE_FEATURE_COUNT).fill(0));
    expect([...hashed.subarray(STYLE_FEATURE_COUNT)]).toEqual([...full.subarray(STYLE_FEATURE_COUNT)]);
  });

  it('dropColumns removes exactly the nonzeros of those columns', () => {
    const m = toCsr(Float32Array.from([1, 0, 2, 3, 0, 4, 5, 6, 0]), 3);
    const d = dropColumns(m, [1, 2]);
    expect([...d.offsets]).toEqual([0, 2, 4, 5]);
    expect([...d.indices]).toEqual([0, 2, 0, 2, 0]);
    expect([...d.values]).toEqual([1, 2, 3, 4, 5]);
    expect(m.values.length).toBe(6);
  });

  // The rows here are full style+hashed rows (style values present): the trainer itself must ignore them.
  for (const cfg of [
    { solver: 'lbfgs' },
    { solver: 'adam', epochs: 5 },
    { model: 'mlp', hiddenUnits: 8, epochs: 5 },
  ] as const) {
    it(`${JSON.stringify(cfg)}: style weights are exactly 0 and full rows score like hashed rows`, async () => {
      expect(set.vectors.subarray(0, STYLE_FEATURE_COUNT).some((x) => x !== 0)).toBe(true);
      const { model } = await train(set, { ...cfg, features: 'hashed', seed: 3, valFraction: 0 });
      expect(model.features).toEqual({ set: 'hashed', encoder: null });
      expect(styleWeights(model).every((x) => x === 0)).toBe(true);
      expect(model.metrics.train.accuracy).toBeGreaterThan(0.9);
      // The same config on style+hashed does use the style features.
      const { model: styled } = await train(set, { ...cfg, seed: 3, valFraction: 0 });
      expect(styleWeights(styled).some((x) => x !== 0)).toBe(true);
      expect(parseModelFile(JSON.stringify(model), FEATURE_DIM).ok).toBe(true);
    });
  }

  it('refuses rows of another width, and a model file with a style weight or another width', async () => {
    await expect(
      train({ ...set, dim: 8, vectors: new Float32Array(8 * 36) }, { features: 'hashed' }),
    ).rejects.toThrow(/8 features, but feature set "hashed" has 4115/);
    const { model } = await train(set, { features: 'hashed', valFraction: 0 });
    if (model.weights.kind !== 'linear') throw new Error('linear expected');
    const bad = {
      ...model,
      weights: { ...model.weights, w: model.weights.w.map((x, i) => (i === 7 ? 0.5 : x)) },
    };
    const r = parseModelFile(JSON.stringify(bad));
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.errors.join('\n')).toMatch(/weights\.w\.7.*does not read hedges, but its weight is not 0/);
    const narrow = { ...model, weights: { ...model.weights, w: model.weights.w.slice(0, 100) } };
    const n = parseModelFile(JSON.stringify(narrow));
    expect(n.ok).toBe(false);
    if (!n.ok) expect(n.errors.join('\n')).toMatch(/expect 100 features, but feature set "hashed" has 4115/);
  });
});

describe('goodhart train --features hashed', () => {
  const { file, dir } = tempFolder('hashed');
  it('trains without the encoder, records the set, and scores', async () => {
    const data = file('pairs.jsonl', pairs.map((p) => JSON.stringify(p)).join('\n'));
    const out = `${dir}/m.json`;
    const t = await cli('train', data, '--features', 'hashed', '--out', out);
    expect(t.code, t.err.join('\n')).toBe(0);
    expect(t.err.join('\n')).toMatch(/features hashed/);
    const m = JSON.parse(readFileSync(out, 'utf8')) as RewardModelFile;
    expect(m.features).toEqual({ set: 'hashed', encoder: null });
    expect(styleWeights(m).every((x) => x === 0)).toBe(true);
    const s = await cli('eval', out, data);
    expect(s.code, s.err.join('\n')).toBe(0);
  });
});
