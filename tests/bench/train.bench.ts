/**
 * Node training benchmark (`npx tsx tests/bench/train.bench.ts`): trains the default linear reward
 * model (TF.js CPU backend) on 1k, 10k and 100k synthetic BT pairs over 64 Gaussian features and prints
 * wall time, pairs/s (training pairs × epochs / s) and the final training and held-out log-loss next
 * to the Bayes log-loss floor of the generating model. Not a timed test: figures go in the README.
 */
import { startCpuBackend } from '../../lib/ml/backend';
import { train } from '../../lib/ml/train';
import { syntheticPairs } from '../../lib/ml/synthetic';

const DIM = 64;
const SIZES: [pairs: number, epochs: number][] = [
  [1_000, 30],
  [10_000, 30],
  [100_000, 10],
];

const backend = await startCpuBackend();
console.log(
  `goodhart train benchmark: Node ${process.version}, TF.js backend ${backend}, ${DIM} features, linear model`,
);
console.log(
  '| pairs | epochs | wall time (s) | pairs/s | train log-loss | held-out log-loss | held-out acc | Bayes acc |',
);
console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const [pairs, epochs] of SIZES) {
  const { set, bayesAccuracy } = syntheticPairs({ pairs, dim: DIM, seed: 1 });
  const t0 = performance.now();
  const { model } = await train(set, { epochs, seed: 1 });
  const seconds = (performance.now() - t0) / 1000;
  const m = model.metrics;
  console.log(
    `| ${pairs} | ${epochs} | ${seconds.toFixed(2)} | ${Math.round((m.train.n * epochs) / seconds)} | ` +
      `${m.train.logLoss!.toFixed(4)} | ${m.val.logLoss!.toFixed(4)} | ${m.val.accuracy!.toFixed(4)} | ${bayesAccuracy.toFixed(4)} |`,
  );
}
