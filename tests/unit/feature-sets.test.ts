// Feature sets in the model file: the row layout of each set, a file's `features` record round trip,
// old files (no `features`, no config.features) read as style+hashed, and the refusals: another encoder
// version, a record that disagrees with the config, weights of the wrong width, an encoder model where only
// style+hashed can be computed (the app). Hand-made models; no encoder run (tests/unit/cli-features.test.ts).
import { describe, expect, it } from 'vitest';
import { ENCODER_VERSION } from '../../lib/core/reward-model/encoder-spec';
import {
  EMBEDDING_SCALE,
  featureRecord,
  featureSetDim,
  featureSetName,
  featurizeWithSet,
  namedPart,
} from '../../lib/core/reward-model/feature-sets';
import { FEATURE_DIM, featurize } from '../../lib/core/reward-model/features/index';
import { DEFAULT_TRAIN_CONFIG, modelFeatures, parseModelFile } from '../../lib/core/reward-model/model-file';
import type { RewardModelFile } from '../../lib/core/reward-model/model-file';

function model(set: RewardModelFile['config']['features'], dim: number, encoder = ENCODER_VERSION) {
  return {
    format: 'goodhart-reward-model',
    version: 1,
    featuresVersion: 'style19+fnv4096-v1',
    config: { ...DEFAULT_TRAIN_CONFIG, features: set },
    weights: { kind: 'linear', w: Array.from({ length: dim }, (_, i) => (i % 7) / 10), b: 0 },
    rewardMean: 0,
    rewardStd: 1,
    metrics: {
      train: { accuracy: 1, logLoss: 0.1, n: 2 },
      val: { accuracy: null, logLoss: null, n: 0 },
      epochs: 1,
    },
    features: { set, encoder: set === 'style+hashed' ? null : encoder },
    trainedOn: { n: 2 },
    heldOutPromptKeys: [],
    createdAt: 0,
  };
}
const text = (x: unknown) => JSON.stringify(x);

describe('feature set layout', () => {
  it('has the documented widths and names', () => {
    expect(featureSetDim('style+hashed')).toBe(4115);
    expect(featureSetDim('use')).toBe(512);
    expect(featureSetDim('use+style+hashed')).toBe(4627);
    expect(featureSetName('use+style+hashed', 0)).toBe('length');
    expect(featureSetName('use+style+hashed', 4115)).toBe('use#0');
    expect(featureSetName('use', 511)).toBe('use#511');
    expect(() => featureSetName('use', 512)).toThrow(RangeError);
  });

  it('puts style+hashed first and the scaled embedding after it', () => {
    const items = [{ prompt: 'Why is the sky blue?', response: 'Because of Rayleigh scattering.' }];
    const e = Float32Array.from({ length: 512 }, (_, k) => (k === 3 ? 0.6 : k === 9 ? -0.8 : 0));
    const row = featurizeWithSet('use+style+hashed', items, e);
    expect(Array.from(row.subarray(0, FEATURE_DIM))).toEqual(
      Array.from(featurize(items[0].prompt, items[0].response)),
    );
    expect(row[FEATURE_DIM + 3]).toBeCloseTo(0.6 * EMBEDDING_SCALE, 6);
    expect(row[FEATURE_DIM + 9]).toBeCloseTo(-0.8 * EMBEDDING_SCALE, 6);
    expect(Array.from(featurizeWithSet('use', items, e))).toEqual(Array.from(row.subarray(FEATURE_DIM)));
    expect(() => featurizeWithSet('use', items)).toThrow(/needs 1 embeddings of 512, got none/);
  });

  it('the named part of use+style+hashed is its first 4,115 weights and columns; use has none', () => {
    const m = model('use+style+hashed', 4627);
    const rows = new Float32Array(2 * 4627).fill(1);
    const part = namedPart('use+style+hashed', m.weights as RewardModelFile['weights'], rows)!;
    expect(part.vectors.length).toBe(2 * FEATURE_DIM);
    expect(part.weights.kind === 'linear' && part.weights.w.length).toBe(FEATURE_DIM);
    expect(namedPart('use', m.weights as RewardModelFile['weights'], rows)).toBeNull();
  });
});

describe('the model file records its features', () => {
  it('round-trips an encoder model, read by a reader that computes every set', () => {
    const r = parseModelFile(text(model('use+style+hashed', 4627)), featureSetDim);
    expect(r.ok).toBe(true);
    if (r.ok) expect(modelFeatures(r.file)).toEqual(featureRecord('use+style+hashed'));
  });

  it('reads a file from before feature sets as style+hashed', () => {
    const old: Record<string, unknown> = model('style+hashed', 4115);
    delete old.features;
    delete (old.config as Record<string, unknown>).features;
    const r = parseModelFile(text(old), FEATURE_DIM);
    expect(r.ok && r.file.config.features).toBe('style+hashed');
    expect(r.ok && modelFeatures(r.file)).toEqual({ set: 'style+hashed', encoder: null });
  });

  it('refuses another encoder version, a record that disagrees, and the wrong width', () => {
    const other = parseModelFile(text(model('use', 512, 'some-other-encoder@9')), featureSetDim);
    expect(other).toEqual({
      ok: false,
      errors: [
        `features: the model reads the sentence encoder "some-other-encoder@9", and this build has "${ENCODER_VERSION}": its embeddings cannot be reproduced here`,
      ],
    });
    const disagree = {
      ...model('use', 512),
      features: { set: 'use+style+hashed', encoder: ENCODER_VERSION },
    };
    expect(parseModelFile(text(disagree), featureSetDim)).toMatchObject({
      ok: false,
      errors: [
        'features.set: "use+style+hashed" is not the config\'s feature set "use"',
        'weights: expect 512 features, but feature set "use+style+hashed" has 4627',
      ],
    });
    const unrecorded: Record<string, unknown> = model('use', 512);
    delete unrecorded.features;
    expect(parseModelFile(text(unrecorded), featureSetDim)).toMatchObject({
      ok: false,
      errors: [
        'features.set: "style+hashed" is not the config\'s feature set "use"',
        'weights: expect 512 features, not 4115',
      ],
    });
  });

  it('a reader that computes only style+hashed (the app) refuses an encoder model and says why', () => {
    expect(parseModelFile(text(model('use+style+hashed', 4627)), FEATURE_DIM)).toEqual({
      ok: false,
      errors: [
        'weights: the model reads feature set "use+style+hashed" (4627 features, with the sentence encoder), which cannot be computed here: only 4115-feature style+hashed models can',
      ],
    });
  });
});
