/**
 * Sentence-encoder benchmark (`npm run bench:encoder`): (1) responses embedded per second in Node by the
 * USE-lite encoder on TF.js's wasm backend (no cache), saying SIMD and threads, in this process (one
 * worker) and on the CLI's pool of worker threads (cli/encoder-pool.ts, as many workers as the CLI would
 * use; `ENCODER_BENCH=throughput` stops after this part); (2) HH-RLHF held-out
 * accuracy of each feature set on the README's split (80/20 by prompt, seed 1; default config, L-BFGS),
 * and the mean over seeds 1–10; (3) the demo lesson (500 simulated labels, seed 1) for each feature set:
 * hurried vs careful rater, how often the model prefers a wrong answer on held-out prompts and the hacking
 * gap. Embeddings for (2) and (3) go through the CLI's default cache folder, so a second run is quick.
 * Not a timed test: the figures go in the README.
 */
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import path from 'node:path';
import { defaultCacheDir, folderEmbeddingCache } from '../../cli/embedding-cache';
import { encoderWorkerCount, startEncoderPool } from '../../cli/encoder-pool';
import { DEMO_FILE } from '../../lib/core/demo';
import { decodeMaybeGzip, parsePairsText } from '../../lib/core/formats/pairs';
import { inspect } from '../../lib/core/goodhart/report';
import { simulateLabels } from '../../lib/core/labeling/raters';
import { embedWithCache } from '../../lib/core/reward-model/embedding-cache';
import { ENCODER_SPEC, ENCODER_VERSION } from '../../lib/core/reward-model/encoder-spec';
import {
  FEATURE_SETS,
  featureSetDim,
  featurizeWithSet,
  usesEncoder,
  type FeatureSet,
} from '../../lib/core/reward-model/feature-sets';
import { DEFAULT_TRAIN_CONFIG } from '../../lib/core/reward-model/model-file';
import {
  buildRows,
  pairsToLabels,
  selectTrainingLabels,
  type LabelledPair,
} from '../../lib/core/reward-model/training-data';
import type { DatasetFile } from '../../lib/core/types';
import { loadEncoder } from '../../lib/ml/encoder/encoder';
import { nodeEncoderSource } from '../../lib/ml/encoder/node-source';
import { train } from '../../lib/ml/train';

const root = path.resolve(import.meta.dirname, '../..');
const t0 = performance.now();
const encoder = await loadEncoder(nodeEncoderSource());
const loadSeconds = (performance.now() - t0) / 1000;
const { info } = encoder;
const embedder = {
  version: ENCODER_VERSION,
  dim: ENCODER_SPEC.dim,
  load: async () => ({ version: info.version, dim: ENCODER_SPEC.dim, embed: encoder.embed }),
};
const cache = folderEmbeddingCache(defaultCacheDir());
const embedAll = async (texts: string[]) => (await embedWithCache(texts, cache, embedder)).embeddings;

console.log(
  `goodhart encoder benchmark: Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}\n` +
    `encoder ${info.version}\nTF.js ${info.backend}, SIMD ${info.simd ? 'on' : 'off'}, ${info.threads} thread(s); loaded and checked in ${loadSeconds.toFixed(2)} s`,
);

// (1) Throughput, no cache: the demo pack's responses, and 80-word paragraphs.
const demo: DatasetFile = JSON.parse(readFileSync(path.join(root, DEMO_FILE), 'utf8'));
const words =
  'the quick brown fox jumps over a lazy dog while farmers watch the sky and wonder about rain'.split(' ');
const paragraphs = Array.from({ length: 96 }, (_, i) =>
  Array.from({ length: 80 }, (_, k) => words[(i * 7 + k * 3) % words.length]).join(' '),
);
console.log('\n| Node, wasm backend | texts | mean words | wall time | responses/s |');
console.log('| --- | ---: | ---: | ---: | ---: |');
const throughputSets = [
  ['demo pack responses', demo.responses.map((r) => r.text)],
  ['80-word paragraphs', paragraphs],
] as const;
const workers = encoderWorkerCount(Math.min(...throughputSets.map(([, texts]) => texts.length)));
const p0 = performance.now();
const pool = workers > 1 ? await startEncoderPool(workers) : undefined;
const poolLoad = (performance.now() - p0) / 1000;
for (const [name, texts] of throughputSets)
  for (const [label, run] of [
    ['1 worker (this process)', encoder],
    ...(pool ? ([[`pool of ${workers} worker threads`, pool]] as const) : []),
  ] as const) {
    await run.embed(texts.slice(0, 16)); // warm-up (every worker of the pool)
    const s = performance.now();
    await run.embed(texts, { batchSize: 16 });
    const secs = (performance.now() - s) / 1000;
    const meanWords = texts.reduce((a, t) => a + t.split(/\s+/).length, 0) / texts.length;
    console.log(
      `| ${name}, ${label} | ${texts.length} | ${meanWords.toFixed(0)} | ${secs.toFixed(2)} s | ${(texts.length / secs).toFixed(1)} |`,
    );
  }
pool?.dispose();
if (pool)
  console.log(
    `| (the pool's ${workers} workers started and loaded the encoder in ${poolLoad.toFixed(2)} s) | | | | |`,
  );
console.log(
  '| Chromium worker: measured next by tests/bench/encoder-browser.bench.ts (`npm run bench:encoder` runs both) | | | | |',
);
if (process.env.ENCODER_BENCH === 'throughput') {
  encoder.dispose();
  process.exit(0);
}

// (2) HH-RLHF held-out accuracy per feature set.
const HH_FILE = path.resolve(root, '../shared/data/hh-rlhf-harmless-test.jsonl.gz');
const hh = parsePairsText(decodeMaybeGzip(readFileSync(HH_FILE))).pairs;
const { items, labels } = pairsToLabels(hh);
const e0 = performance.now();
const hhEmbeddings = await embedAll(items.map((it) => it.response));
console.log(
  `\nHH-RLHF harmless test: ${hh.length} pairs, ${items.length} distinct responses (embeddings ready in ${((performance.now() - e0) / 1000).toFixed(1)} s, cache ${cache.where})`,
);
console.log(
  '| feature set | features | held-out acc. (seed 1, README split) | mean of seeds 1–10 | train acc. |',
);
console.log('| --- | ---: | ---: | ---: | ---: |');
for (const set of FEATURE_SETS) {
  const vectors = featurizeWithSet(set, items, usesEncoder(set) ? hhEmbeddings : undefined);
  const rows = buildRows(labels, vectors, featureSetDim(set), { marginPreset: 'none', ties: 'half' });
  const accs: number[] = [];
  let first = { val: 0, train: 0 };
  for (let seed = 1; seed <= 10; seed++) {
    const { model } = await train(rows, { features: set, seed, valFraction: 0.2 });
    accs.push(model.metrics.val.accuracy!);
    if (seed === 1) first = { val: model.metrics.val.accuracy!, train: model.metrics.train.accuracy! };
  }
  const mean = accs.reduce((a, b) => a + b, 0) / accs.length;
  console.log(
    `| ${set} | ${featureSetDim(set)} | ${first.val.toFixed(4)} | ${mean.toFixed(4)} | ${first.train.toFixed(4)} |`,
  );
}

// (3) The demo lesson per feature set.
const promptText = new Map(demo.prompts.map((p) => [p.id, p.text]));
const responses = demo.responses.filter((r) => promptText.has(r.promptId));
const demoItems = responses.map((r) => ({ prompt: promptText.get(r.promptId)!, response: r.text }));
const rowOf = new Map(responses.map((r, i) => [r.id, i]));
const demoEmbeddings = await embedAll(demoItems.map((it) => it.response));

async function lesson(set: FeatureSet, rater: 'hurried' | 'careful') {
  const sim = simulateLabels(demo, rater, 500, 1);
  const cfg = { ...DEFAULT_TRAIN_CONFIG, features: set };
  const vectors = featurizeWithSet(set, demoItems, usesEncoder(set) ? demoEmbeddings : undefined);
  const pairs: LabelledPair[] = selectTrainingLabels(sim.comparisons, cfg.ties).used.map((c) => ({
    promptKey: c.promptId,
    a: rowOf.get(c.aId)!,
    b: rowOf.get(c.bId)!,
    outcome: c.outcome,
    ...(c.strength !== undefined ? { strength: c.strength } : {}),
  }));
  const { model } = await train(buildRows(pairs, vectors, featureSetDim(set), cfg), cfg);
  const report = inspect(model, demo, {
    features: { vectors, rowOf },
    comparisons: sim.comparisons,
    annotators: [sim.annotator],
  });
  const h = report.heldOut;
  const gold = h.bestOfN.map((p) => p.gold);
  return { h, gold, val: model.metrics.val.accuracy };
}

console.log(
  `\nDemo lesson (${demo.responses.length} responses, 500 simulated labels, seed 1, default config)`,
);
console.log(
  '| feature set | rater | held-out prompts | prefers a wrong answer | hacking gap (SD) | best-of-n gold, n = 1 → 16 | val acc. (vs the rater) |',
);
console.log('| --- | --- | ---: | ---: | ---: | --- | ---: |');
for (const set of FEATURE_SETS)
  for (const rater of ['hurried', 'careful'] as const) {
    const { h, gold, val } = await lesson(set, rater);
    console.log(
      `| ${set} | ${rater} | ${h.prompts} | ${h.wrongPreferredRate === null ? '—' : `${(100 * h.wrongPreferredRate).toFixed(0)}%`} | ` +
        `${h.hackingGap?.toFixed(2) ?? '—'} | ${gold[0]?.toFixed(2)} → ${gold[gold.length - 1]?.toFixed(2)} | ${val?.toFixed(3) ?? '—'} |`,
    );
  }
encoder.dispose();
