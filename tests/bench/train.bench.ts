/**
 * Node training benchmark (`npx tsx tests/bench/train.bench.ts`): trains the default linear reward
 * model (TF.js CPU backend) on 1k, 10k and 100k synthetic BT pairs over 64 Gaussian features and prints
 * wall time, pairs/s (training pairs × epochs / s) and the final training and held-out log-loss next
 * to the Bayes log-loss floor of the generating model. Then both model kinds on the real text features
 * (4,115 wide, sparse) of the shared HH-RLHF harmless test file (2,312 pairs). Not a timed test: figures go
 * in the README.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeMaybeGzip, parsePairsText } from '../../lib/core/formats/pairs';
import { pairsToTrainingSet } from '../../lib/core/reward-model/training-data';
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

const HH_FILE = path.resolve(import.meta.dirname, '../../../shared/data/hh-rlhf-harmless-test.jsonl.gz');
const hh = pairsToTrainingSet(parsePairsText(decodeMaybeGzip(readFileSync(HH_FILE))).pairs, {
  marginPreset: 'none',
  ties: 'half',
});
console.log(`\nHH-RLHF harmless test (${hh.chosen.length} pairs, ${hh.dim} sparse text features), 30 epochs`);
console.log('| model | wall time (s) | train acc | held-out acc |');
console.log('| --- | ---: | ---: | ---: |');
for (const kind of ['linear', 'mlp'] as const) {
  const t0 = performance.now();
  const { model } = await train(hh, { model: kind, epochs: 30, patience: 0, seed: 1 });
  const seconds = (performance.now() - t0) / 1000;
  console.log(
    `| ${kind}${kind === 'mlp' ? ` (${model.config.hiddenUnits} hidden)` : ''} | ${seconds.toFixed(2)} | ` +
      `${model.metrics.train.accuracy!.toFixed(4)} | ${model.metrics.val.accuracy!.toFixed(4)} |`,
  );
}
