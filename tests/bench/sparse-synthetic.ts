/**
 * Synthetic sparse preference pairs at the lab's real feature width, for bench:train's large runs: each
 * pair has two fresh vectors of FEATURE-like shape (19 Gaussian "style" features and `hashed` one-hot
 * "word" features of value 1/√hashed among 4,096 buckets, so 31 nonzeros of 4,115 by default), written
 * straight into CSR (a dense copy of 1M pairs would need 33 GB), labelled by the Bradley–Terry model
 * under a hidden linear utility. Seeded.
 */
import type { SparseTrainingSet } from '../../lib/ml/train';
import { sigmoid } from '../../lib/core/stats/logistic';
import { mulberry32, normal } from '../../lib/core/stats/random';

const STYLE = 19;
const BUCKETS = 4096;

/** `pairs` BT-labelled pairs over 2·pairs sparse vectors, one prompt per pair. */
export function sparsePairs(pairs: number, seed: number, hashed = 12): SparseTrainingSet {
  const rng = mulberry32(seed);
  const dim = STYLE + BUCKETS;
  const w = Float64Array.from({ length: dim }, (_, j) => normal(rng) * (j < STYLE ? 0.6 : 1.5));
  const perRow = STYLE + hashed;
  const rows = 2 * pairs;
  const offsets = new Int32Array(rows + 1);
  const indices = new Int32Array(rows * perRow);
  const values = new Float32Array(rows * perRow);
  const utility = new Float64Array(rows);
  const v = 1 / Math.sqrt(hashed);
  for (let r = 0; r < rows; r++) {
    let k = r * perRow;
    let u = 0;
    for (let j = 0; j < STYLE; j++, k++) {
      indices[k] = j;
      values[k] = normal(rng);
      u += w[j] * values[k];
    }
    for (let h = 0; h < hashed; h++, k++) {
      indices[k] = STYLE + Math.floor(rng() * BUCKETS);
      values[k] = v;
      u += w[indices[k]] * v;
    }
    offsets[r + 1] = k;
    utility[r] = u;
  }
  const chosen = new Int32Array(pairs);
  const rejected = new Int32Array(pairs);
  for (let p = 0; p < pairs; p++) {
    const aWins = rng() < sigmoid(utility[2 * p] - utility[2 * p + 1]);
    chosen[p] = aWins ? 2 * p : 2 * p + 1;
    rejected[p] = aWins ? 2 * p + 1 : 2 * p;
  }
  return {
    dim,
    vectors: { rows, dim, offsets, indices, values },
    chosen,
    rejected,
    margin: new Float32Array(pairs),
    weight: new Float32Array(pairs).fill(1),
    tie: new Uint8Array(pairs),
    promptKeys: Array.from({ length: pairs }, (_, p) => `p${p}`),
  };
}
