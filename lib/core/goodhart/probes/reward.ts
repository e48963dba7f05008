/**
 * The one interface probes, the optimiser and the mitigations score through: a reward function from
 * (prompt, response) pairs to rewards, sync or async, so every model kind (linear and MLP over the lab's
 * features, an encoder model, an external scorer) plugs in the same way. `featureRewardFn` is the one for
 * model files over the lab's own features, scored in plain JS (no TF.js).
 */
import { FEATURE_DIM, featurize } from '../../reward-model/features/index';
import { modelInputDim, scoreWithWeights, type RewardModelFile } from '../../reward-model/model-file';

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
