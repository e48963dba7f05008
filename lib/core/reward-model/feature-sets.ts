/**
 * Feature sets: what a reward model reads, chosen by the `features` training setting (its values and
 * labels live in ./settings.ts). The layout of each row:
 *   style+hashed       [style 19][hashed 4,096]                 (./features/index.ts, FEATURES_VERSION)
 *   use                [embedding 512]                          (the sentence encoder, ./encoder-spec.ts)
 *   use+style+hashed   [style 19][hashed 4,096][embedding 512]
 *   hashed             [style 19, all 0][hashed 4,096]          (the style+hashed layout, style not read)
 * A set that does not read the style features keeps their columns at 0 in its rows, and its trainers keep
 * their weights at exactly 0 (./model-file.ts refuses a file where they are not), so scoring such a model
 * on full style+hashed rows gives the same rewards. The embedding block is the encoder's unit-norm vector times EMBEDDING_SCALE. A model file records its set
 * and encoder version (`features`), so a reader that cannot reproduce them refuses the model. Pure
 * TypeScript: the embeddings are computed elsewhere (lib/ml/encoder) and passed in.
 */
import { ENCODER_SPEC, ENCODER_VERSION } from './encoder-spec';
import { FEATURE_DIM, STYLE_FEATURE_COUNT, featureName, featurize } from './features/index';
import type { ModelWeights } from './model-file';
import { TRAIN_SETTINGS, choiceValues, type TrainConfig } from './settings';

/** A feature set: `style+hashed`, `use`, `use+style+hashed` or `hashed`. */
export type FeatureSet = TrainConfig['features'];

/** Every feature set, in the settings table's order. */
export const FEATURE_SETS = choiceValues(TRAIN_SETTINGS.features) as FeatureSet[];

/** The feature set of models that do not say (every model before feature sets existed). */
export const LEGACY_FEATURE_SET: FeatureSet = TRAIN_SETTINGS.features.legacy;

/**
 * Factor on the encoder's unit-norm embedding, so the L2 penalty (one λ for every weight) does not shrink
 * the embedding's weights far more than the sparse features'. On HH-RLHF (README split, L-BFGS) held-out
 * accuracy of `use` / `use+style+hashed` was 0.626 / 0.631 at 1, 0.644 / 0.635 at 2, 0.642 / 0.631 at 4,
 * 0.639 / 0.622 at 8.
 */
export const EMBEDDING_SCALE = 2;

/** Whether the set reads the sentence encoder. */
export function usesEncoder(set: FeatureSet): boolean {
  return set === 'use' || set === 'use+style+hashed';
}

/** Whether the set's rows have the style+hashed block (its style columns are zero unless readsStyle). */
export function usesStyleHashed(set: FeatureSet): boolean {
  return set !== 'use';
}

/** Whether the set reads the 19 style features (`hashed` keeps their columns but not their values). */
export function readsStyle(set: FeatureSet): boolean {
  return set === 'style+hashed' || set === 'use+style+hashed';
}

/**
 * The columns [from, to) of a row of `set` that the model does not read: always 0 in its rows, and so
 * exactly 0 in its weights (the style columns of `hashed`); null when it reads every column.
 */
export function unreadColumns(set: FeatureSet): [number, number] | null {
  return usesStyleHashed(set) && !readsStyle(set) ? [0, STYLE_FEATURE_COUNT] : null;
}

/** Where the embedding block starts in a row (null when the set has none). */
export function embeddingOffset(set: FeatureSet): number | null {
  if (!usesEncoder(set)) return null;
  return usesStyleHashed(set) ? FEATURE_DIM : 0;
}

/** Length of a feature row of the set. */
export function featureSetDim(set: FeatureSet): number {
  return (usesStyleHashed(set) ? FEATURE_DIM : 0) + (usesEncoder(set) ? ENCODER_SPEC.dim : 0);
}

/** The name of feature `i` of the set: a style name, `hash#b`, or `use#k` for embedding coordinate k. */
export function featureSetName(set: FeatureSet, i: number): string {
  const at = embeddingOffset(set);
  if (!Number.isInteger(i) || i < 0 || i >= featureSetDim(set))
    throw new RangeError(`feature index ${i} out of range for ${set}`);
  if (at !== null && i >= at) return `use#${i - at}`;
  return featureName(i);
}

/** What a model file records of its features: the set and, when it reads one, the encoder version. */
export interface FeatureRecord {
  set: FeatureSet;
  encoder: string | null;
}

/** The record this build writes for a set. */
export function featureRecord(set: FeatureSet): FeatureRecord {
  return { set, encoder: usesEncoder(set) ? ENCODER_VERSION : null };
}

/**
 * Why this build cannot reproduce a model's features, or null when it can: an unknown set, or an encoder
 * version other than this build's (its embeddings would differ, so its weights would be misread).
 */
export function featureRecordProblem(r: FeatureRecord): string | null {
  if (!FEATURE_SETS.includes(r.set)) return `feature set "${r.set}" is not one this build knows`;
  if (!usesEncoder(r.set))
    return r.encoder === null ? null : `feature set "${r.set}" reads no encoder, but names "${r.encoder}"`;
  if (r.encoder !== ENCODER_VERSION)
    return `the model reads the sentence encoder "${r.encoder}", and this build has "${ENCODER_VERSION}": its embeddings cannot be reproduced here`;
  return null;
}

/**
 * Feature rows of `items` for `set`, row-major (items × featureSetDim(set)). `embeddings` (items × 512, row
 * i for items[i].response, from lib/ml/encoder) is required exactly when the set reads the encoder.
 */
export function featurizeWithSet(
  set: FeatureSet,
  items: readonly { prompt: string; response: string }[],
  embeddings?: Float32Array,
): Float32Array {
  const dim = featureSetDim(set);
  const at = embeddingOffset(set);
  const e = ENCODER_SPEC.dim;
  if (at !== null && embeddings?.length !== items.length * e)
    throw new RangeError(
      `feature set ${set} needs ${items.length} embeddings of ${e}, got ${embeddings ? embeddings.length / e : 'none'}`,
    );
  const out = new Float32Array(items.length * dim);
  const unread = unreadColumns(set);
  items.forEach((it, i) => {
    if (usesStyleHashed(set)) featurize(it.prompt, it.response, out, i * dim);
    if (unread) out.fill(0, i * dim + unread[0], i * dim + unread[1]);
    if (at !== null && embeddings) {
      const base = i * dim + at;
      for (let k = 0; k < e; k++) out[base + k] = EMBEDDING_SCALE * embeddings[i * e + k];
    }
  });
  return out;
}

/**
 * The part of a model whose features have names (style and hashed n-grams), for the views that read
 * weights: the weights of those inputs and the rows' style+hashed block (n × FEATURE_DIM). The same model
 * for style+hashed; the style+hashed block of use+style+hashed (the embedding's 512 coordinates have no
 * names, so what they pay for must come from counterfactual edits); null for `use`, which has none.
 */
export function namedPart(
  set: FeatureSet,
  weights: ModelWeights,
  vectors: Float32Array,
): { weights: ModelWeights; vectors: Float32Array } | null {
  if (!usesStyleHashed(set)) return null;
  if (!usesEncoder(set)) return { weights, vectors };
  const dim = featureSetDim(set);
  const n = Math.floor(vectors.length / dim);
  const block = new Float32Array(n * FEATURE_DIM);
  for (let i = 0; i < n; i++) block.set(vectors.subarray(i * dim, i * dim + FEATURE_DIM), i * FEATURE_DIM);
  const named: ModelWeights =
    weights.kind === 'linear'
      ? { ...weights, w: weights.w.slice(0, FEATURE_DIM) }
      : { ...weights, w1: weights.w1.slice(0, FEATURE_DIM) };
  return { weights: named, vectors: block };
}

/** The note a report on a model of `set` carries about what its weights can say (null: they say it all). */
export function featureSetNote(set: FeatureSet): string | null {
  if (set === 'use')
    return 'This model reads only sentence-encoder embeddings (512 unnamed coordinates), so no feature weights can say what it pays for; counterfactual edits of the responses can (What the model pays for).';
  if (set === 'hashed')
    return 'This model reads only hashed word n-grams: the style features are not its inputs (their weights are 0), so what it pays for shows in the words it weights (style control still regresses its rewards on the style of each text).';
  if (set === 'use+style+hashed')
    return 'This model also reads sentence-encoder embeddings (512 unnamed coordinates): the features and explanations shown cover only its style and n-gram part; what the embedding pays for needs counterfactual edits (What the model pays for).';
  return null;
}
