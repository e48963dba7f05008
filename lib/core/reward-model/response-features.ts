/**
 * Feature rows of the lab's responses for any feature set (./feature-sets.ts): the style and hashed
 * features computed here, the sentence encoder's block read from embeddings computed elsewhere (the CLI's
 * or the browser's encoder, or the demo pack's shipped embeddings), keyed by response id. The rows that the
 * training data (./training-data.ts) and the inspection report share. Pure TypeScript.
 */
import { ENCODER_SPEC } from './encoder-spec';
import { featureSetDim, featurizeWithSet, usesEncoder, type FeatureSet } from './feature-sets';
import { FEATURE_DIM, featurize } from './features/index';
import type { Prompt, Response } from '../types';

/** Featurizes (prompt, response) items into one row-major matrix (items × FEATURE_DIM). */
export function featurizeAll(items: readonly { prompt: string; response: string }[]): Float32Array {
  const out = new Float32Array(items.length * FEATURE_DIM);
  items.forEach((it, i) => featurize(it.prompt, it.response, out, i * FEATURE_DIM));
  return out;
}

/** Responses featurized once, for every step of a run that needs them (training rows, the report). */
export interface ResponseFeatures {
  /** Row-major matrix (rows × dim). */
  vectors: Float32Array;
  /** Response id → its row. */
  rowOf: ReadonlyMap<string, number>;
  /** Width of a row: featureSetDim of the set the rows were made for (FEATURE_DIM when absent). */
  dim?: number;
}

/**
 * Sentence-encoder embeddings of responses (lib/ml/encoder, the browser's encoder worker or the shipped
 * demo embeddings): `ids[i]`'s unit-norm vector is row i of `vectors` (ids.length × ENCODER_SPEC.dim).
 * Typed arrays and strings only, so it crosses to a worker as is.
 */
export interface ResponseEmbeddings {
  ids: string[];
  vectors: Float32Array;
}

/** The embedding rows of `ids`, in that order, from `embeddings`; a clear error names a missing one. */
export function embeddingRows(embeddings: ResponseEmbeddings, ids: readonly string[]): Float32Array {
  const e = ENCODER_SPEC.dim;
  if (embeddings.vectors.length !== embeddings.ids.length * e)
    throw new RangeError(
      `embeddings hold ${embeddings.vectors.length} numbers for ${embeddings.ids.length} responses, not ${e} each`,
    );
  const at = new Map(embeddings.ids.map((id, i) => [id, i]));
  const out = new Float32Array(ids.length * e);
  ids.forEach((id, i) => {
    const row = at.get(id);
    if (row === undefined) throw new RangeError(`no sentence-encoder embedding for response ${id}`);
    out.set(embeddings.vectors.subarray(row * e, (row + 1) * e), i * e);
  });
  return out;
}

/**
 * Feature rows of (response id, prompt, text) items for `set`: the style and hashed features computed
 * here, the embedding block read from `embeddings` (required exactly when the set reads the encoder).
 */
export function rowsForSet(
  set: FeatureSet,
  ids: readonly string[],
  items: readonly { prompt: string; response: string }[],
  embeddings: ResponseEmbeddings | undefined,
): Float32Array {
  if (!usesEncoder(set)) return featurizeWithSet(set, items);
  if (!embeddings)
    throw new RangeError(`feature set ${set} reads the sentence encoder: pass the responses' embeddings`);
  return featurizeWithSet(set, items, embeddingRows(embeddings, ids));
}

/**
 * Featurizes each response whose prompt is known, with that prompt, in `responses` order (the rows the
 * inspection report scores), once for a whole simulate → train → inspect run, for feature set `set`
 * (default style+hashed; the encoder sets need `embeddings` of those responses).
 */
export function featurizeResponses(
  responses: readonly Response[],
  prompts: readonly Prompt[],
  set: FeatureSet = 'style+hashed',
  embeddings?: ResponseEmbeddings,
): ResponseFeatures {
  const promptText = new Map(prompts.map((p) => [p.id, p.text]));
  const items: { prompt: string; response: string }[] = [];
  const rowOf = new Map<string, number>();
  for (const r of responses) {
    const prompt = promptText.get(r.promptId);
    if (prompt === undefined || rowOf.has(r.id)) continue;
    rowOf.set(r.id, items.push({ prompt, response: r.text }) - 1);
  }
  return {
    vectors: rowsForSet(set, [...rowOf.keys()], items, embeddings),
    rowOf,
    dim: featureSetDim(set),
  };
}

/** The rows of `features` for the responses `ids`, in that order, copied into a new matrix. */
export function featureRows(features: ResponseFeatures, ids: readonly string[]): Float32Array {
  const dim = features.dim ?? FEATURE_DIM;
  const out = new Float32Array(ids.length * dim);
  ids.forEach((id, i) => {
    const row = features.rowOf.get(id);
    if (row === undefined) throw new RangeError(`features were not computed for response ${id}`);
    out.set(features.vectors.subarray(row * dim, (row + 1) * dim), i * dim);
  });
  return out;
}
