/**
 * One large sparse run of bench:train, in its own process so its peak memory is its own:
 * `npx tsx tests/bench/train-sparse.bench.ts 1000000` draws that many synthetic sparse pairs at the lab's
 * feature width (./sparse-synthetic.ts), trains the default linear model (the exact solver) on them, and
 * prints one JSON line: generation and training seconds, iterations, final gradient norm, held-out
 * accuracy and log-loss, and the process's peak RSS.
 */
import { trainSparse } from '../../lib/ml/train';
import { sparsePairs } from './sparse-synthetic';

const pairs = Number(process.argv[2]);
if (!Number.isInteger(pairs) || pairs < 10) throw new Error('usage: train-sparse.bench.ts <pairs>');
const g0 = performance.now();
const set = sparsePairs(pairs, 1);
const genSeconds = (performance.now() - g0) / 1000;
const t0 = performance.now();
const { model } = await trainSparse(set, { seed: 1 });
const trainSeconds = (performance.now() - t0) / 1000;
console.log(
  JSON.stringify({
    pairs,
    nonzeros: set.vectors.values.length,
    genSeconds,
    trainSeconds,
    iterations: model.fit!.iterations,
    gradNorm: model.fit!.gradNorm,
    converged: model.fit!.converged,
    valAccuracy: model.metrics.val.accuracy,
    valLogLoss: model.metrics.val.logLoss,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
  }),
);
