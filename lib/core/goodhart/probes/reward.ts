/**
 * The one interface probes, the optimiser and the mitigations score through: a reward function from
 * (prompt, response) pairs to rewards, sync or async, so every model kind (linear and MLP over the lab's
 * features, an encoder model, an external scorer) plugs in the same way. `featureRewardFn` is the one for
 * model files over the lab's own features, scored in plain JS (no TF.js); `modelRewardFn` is the one for
 * any model file, the encoder feature sets reading the embeddings of the texts passed with it.
 */
import { ENCODER_SPEC } from '../../reward-model/encoder-spec';
import { featureSetDim, featurizeWithSet, usesEncoder } from '../../reward-model/feature-sets';
import { FEATURE_DIM, featurize } from '../../reward-model/features/index';
import {
  modelFeatures,
  modelInputDim,
  scoreWithWeights,
  type RewardModelFile,
} from '../../reward-model/model-file';

/** A prompt and one response to it. */
export interface TextPair {
  prompt: string;
  response: string;
}

/** Rewards of each pair, in order: sync or async. */
export type RewardFn = (items: readonly TextPair[]) => number[] | Promise<number[]>;

/**
 * Calls `reward` in chunks of `chunk` pairs (so huge batches never build one huge matrix), in order,
 * yielding to the event loop between chunks; rejects with an AbortError once `signal` is aborted.
 */
export async function scoreAll(
  reward: RewardFn,
  items: readonly TextPair[],
  opts: { chunk?: number; onProgress?: (done: number, total: number) => void; signal?: AbortSignal } = {},
): Promise<number[]> {
  const chunk = Math.max(1, opts.chunk ?? 512);
  const out: number[] = [];
  for (let i = 0; i < items.length; i += chunk) {
    if (opts.signal?.aborted) throw abortError();
    const part = await reward(items.slice(i, i + chunk));
    if (part.length !== Math.min(chunk, items.length - i))
      throw new RangeError(
        `the reward function returned ${part.length} rewards for ${Math.min(chunk, items.length - i)} texts`,
      );
    for (const r of part) {
      if (!Number.isFinite(r)) throw new RangeError(`the reward function returned ${r}, not a finite number`);
      out.push(r);
    }
    opts.onProgress?.(out.length, items.length);
    await nextTask();
  }
  return out;
}

/**
 * A turn for the event loop as a new task (a zero timeout), so a worker hears a `cancel()` message
 * between steps. Not `scheduler.yield()`: its continuation runs ahead of queued messages.
 */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** The error a cancelled run rejects with (name AbortError, as fetch and TF.js training use). */
export function abortError(what = 'Run'): Error {
  const e = new Error(`${what} cancelled`);
  e.name = 'AbortError';
  return e;
}

/**
 * The reward function of a model file over the lab's features (linear or MLP): each pair featurized into
 * one reused buffer and scored with the file's weights. Refuses a model whose input size is not the
 * features' size (an encoder model needs the scorer from lib/ml that embeds texts).
 */
export function featureRewardFn(model: Pick<RewardModelFile, 'weights'>): RewardFn {
  const dim = modelInputDim(model.weights);
  if (dim !== FEATURE_DIM)
    throw new RangeError(
      `this model expects ${dim} inputs, not the ${FEATURE_DIM} style and word features: score it with its own feature set`,
    );
  const buf = new Float32Array(FEATURE_DIM);
  return (items) =>
    items.map((it) => {
      featurize(it.prompt, it.response, buf, 0);
      return scoreWithWeights(model.weights, buf);
    });
}

/**
 * Sentence-encoder embeddings of texts, keyed by the text itself (edited texts have no response id):
 * `texts[i]`'s unit-norm vector is row i of `vectors` (texts.length × ENCODER_SPEC.dim). Strings and a
 * typed array only, so it crosses to a worker as is.
 */
export interface TextEmbeddings {
  texts: string[];
  vectors: Float32Array;
}

/**
 * The reward function of any model file: {@link featureRewardFn} for the style+hashed set; for the sets
 * that read the sentence encoder, each pair's row built by featurizeWithSet (the one home of a row's
 * layout) from its text's embedding in `embeddings`. A text without an embedding is a clear error, never
 * a guess.
 */
export function modelRewardFn(
  model: Pick<RewardModelFile, 'weights' | 'features'>,
  embeddings?: TextEmbeddings,
): RewardFn {
  const { set } = modelFeatures(model);
  if (!usesEncoder(set)) return featureRewardFn(model);
  const dim = featureSetDim(set);
  if (modelInputDim(model.weights) !== dim)
    throw new RangeError(
      `this model expects ${modelInputDim(model.weights)} inputs, not the ${dim} of feature set ${set}`,
    );
  if (!embeddings)
    throw new RangeError(`feature set ${set} reads the sentence encoder: pass the texts' embeddings`);
  const e = ENCODER_SPEC.dim;
  if (embeddings.vectors.length !== embeddings.texts.length * e)
    throw new RangeError(
      `embeddings hold ${embeddings.vectors.length} numbers for ${embeddings.texts.length} texts, not ${e} each`,
    );
  const rowOf = new Map(embeddings.texts.map((t, i) => [t, i]));
  return (items) => {
    const rows = new Float32Array(items.length * e);
    items.forEach((it, i) => {
      const r = rowOf.get(it.response);
      if (r === undefined)
        throw new RangeError(
          `no sentence-encoder embedding for the text "${it.response.slice(0, 60)}${it.response.length > 60 ? '…' : ''}"`,
        );
      rows.set(embeddings.vectors.subarray(r * e, (r + 1) * e), i * e);
    });
    const x = featurizeWithSet(set, items, rows);
    return items.map((_, i) => scoreWithWeights(model.weights, x, i * dim));
  };
}

/**
 * The embeddings of responses (by id, as training reads them) from embeddings keyed by text: each
 * response whose text is in `embeddings`; the others are left out (training names a missing one).
 */
export function responseEmbeddingsFromTexts(
  responses: readonly { id: string; text: string }[],
  embeddings: TextEmbeddings,
): { ids: string[]; vectors: Float32Array } {
  const e = ENCODER_SPEC.dim;
  const rowOf = new Map(embeddings.texts.map((t, i) => [t, i]));
  const found = responses.filter((r) => rowOf.has(r.text));
  const vectors = new Float32Array(found.length * e);
  found.forEach((r, i) => {
    const row = rowOf.get(r.text)!;
    vectors.set(embeddings.vectors.subarray(row * e, (row + 1) * e), i * e);
  });
  return { ids: found.map((r) => r.id), vectors };
}
