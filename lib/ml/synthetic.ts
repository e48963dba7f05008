/**
 * Synthetic preference data with a known answer, for tests and benchmarks: Gaussian feature vectors,
 * a hidden utility (linear w*·x, or any function), and labels drawn from the Bradley–Terry model
 * P(first chosen) = σ(u₁ − u₂). Also reports the Bayes accuracy (the best any model can expect).
 * Plain TypeScript, seeded.
 */
import { sigmoid } from '../core/stats/logistic';
import { mulberry32, normal } from '../core/stats/random';
import type { TrainingSet } from '../core/reward-model/training-data';

/** Options for `syntheticPairs`. */
export interface SyntheticOptions {
  pairs: number;
  dim: number;
  seed: number;
  /** Hidden utility of a vector; default: the linear w*·x with w* drawn from N(0, 1/dim)·scale. */
  utility?: (x: Float32Array) => number;
  /** Scale of the default linear w* (larger = less label noise). Default 3. */
  scale?: number;
  /** Mean of every feature (default 0). */
  featureMean?: number;
  /** Number of distinct prompts the pairs are spread over (default: one per pair). */
  prompts?: number;
}

/** A synthetic set, its true weights (for the default linear utility) and its Bayes accuracy. */
export interface SyntheticData {
  set: TrainingSet;
  trueWeights: Float64Array | null;
  /** E[max(σ(d), 1 − σ(d))] over the pairs: accuracy of the true utility in expectation. */
  bayesAccuracy: number;
}

/** Draws `pairs` BT-labelled pairs over 2·pairs fresh Gaussian vectors. */
export function syntheticPairs(opts: SyntheticOptions): SyntheticData {
  const { pairs, dim, seed } = opts;
  const rng = mulberry32(seed);
  let trueWeights: Float64Array | null = null;
  let utility = opts.utility;
  if (!utility) {
    const w = new Float64Array(dim).map(() => (normal(rng) * (opts.scale ?? 3)) / Math.sqrt(dim));
    trueWeights = w;
    utility = (x) => x.reduce((s, v, i) => s + v * w[i], 0);
  }
  const vectors = new Float32Array(2 * pairs * dim);
  for (let i = 0; i < vectors.length; i++) vectors[i] = normal(rng, opts.featureMean ?? 0);
  const chosen = new Int32Array(pairs);
  const rejected = new Int32Array(pairs);
  const promptKeys: string[] = [];
  let bayes = 0;
  for (let p = 0; p < pairs; p++) {
    const a = 2 * p;
    const b = 2 * p + 1;
    const d =
      utility(vectors.subarray(a * dim, (a + 1) * dim)) - utility(vectors.subarray(b * dim, (b + 1) * dim));
    const pa = sigmoid(d);
    bayes += Math.max(pa, 1 - pa);
    const aWins = rng() < pa;
    chosen[p] = aWins ? a : b;
    rejected[p] = aWins ? b : a;
    promptKeys.push(`p${opts.prompts ? p % opts.prompts : p}`);
  }
  return {
    set: {
      dim,
      vectors,
      chosen,
      rejected,
      margin: new Float32Array(pairs),
      weight: new Float32Array(pairs).fill(1),
      tie: new Uint8Array(pairs),
      promptKeys,
    },
    trueWeights,
    bayesAccuracy: bayes / pairs,
  };
}
