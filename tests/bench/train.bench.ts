/**
 * Node training benchmark (`npx tsx tests/bench/train.bench.ts`, the first half of `npm run bench:train`).
 * Prints, as Markdown tables:
 *  1. synthetic BT pairs over 64 Gaussian features (1k, 10k, 100k): the exact solver (L-BFGS, the
 *     default) beside Adam (TF.js CPU backend), against the Bayes accuracy of the generating model;
 *  2. synthetic sparse pairs at the lab's feature width (100k and 1M, each in its own process,
 *     ./train-sparse.bench.ts): time and peak RSS;
 *  3. the shared HH-RLHF harmless test file (2,312 pairs, 4,115 sparse text features): solver, Adam and
 *     the MLP in-process, beside the independent reference regression of the HH quality test
 *     (tests/unit/reference-logistic.ts, Newton-CG, same λ);
 *  4. the side-by-side row: whole-process `goodhart train` (compiled CLI; the default style+hashed set
 *     and `--features hashed`, the n-grams alone) against scikit-learn's L2 logistic regression on hashed
 *     1–2-grams of the same split (./hh_reference.py), median of 5 interleaved runs, held-out accuracy
 *     and log-loss, as ratios; without scikit-learn the row says so, and the same recipe on scipy's
 *     L-BFGS-B stands in. scikit-learn's best C is picked on the held-out pairs themselves (an optimistic
 *     baseline); a last row gives its accuracy on the responses alone, the text goodhart's n-grams read;
 *  5. start-up: `goodhart train` on an empty file (median of 10).
 * Not a timed test: figures go in the README.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { decodeMaybeGzip, parsePairsText } from '../../lib/core/formats/pairs';
import { DEFAULT_TRAIN_CONFIG } from '../../lib/core/reward-model/model-file';
import { pairsToTrainingSet, splitByPrompt } from '../../lib/core/reward-model/training-data';
import { startCpuBackend } from '../../lib/ml/backend';
import { train } from '../../lib/ml/train';
import { syntheticPairs } from '../../lib/ml/synthetic';
import {
  accuracy,
  differences,
  dot,
  logisticRegression,
  referenceObjective,
} from '../unit/reference-logistic';

const ROOT = path.resolve(import.meta.dirname, '../..');
const HH_FILE = path.resolve(ROOT, '../shared/data/hh-rlhf-harmless-test.jsonl.gz');
const f4 = (x: number | null | undefined) => (x === null || x === undefined ? 'n/a' : x.toFixed(4));
const secs = (ms: number) => (ms / 1000).toFixed(2);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const backend = await startCpuBackend();
console.log(
  `goodhart train benchmark: Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ` +
    `${Math.round(totalmem() / 2 ** 30)} GiB; TF.js backend for Adam: ${backend}`,
);

// 1. Synthetic dense pairs.
const DIM = 64;
console.log(`\n1. Synthetic BT pairs, ${DIM} Gaussian features, linear model`);
console.log(
  '| pairs | trainer | iterations / epochs | wall time (s) | train log-loss | held-out log-loss | held-out acc | Bayes acc |',
);
console.log('| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const [pairs, epochs] of [
  [1_000, 30],
  [10_000, 30],
  [100_000, 10],
] as const) {
  const { set, bayesAccuracy } = syntheticPairs({ pairs, dim: DIM, seed: 1 });
  for (const solver of ['lbfgs', 'adam'] as const) {
    const t0 = performance.now();
    const { model } = await train(set, { epochs, seed: 1, solver });
    const ms = performance.now() - t0;
    const m = model.metrics;
    console.log(
      `| ${pairs} | ${solver === 'lbfgs' ? 'L-BFGS (exact)' : 'Adam lr 0.01'} | ${m.epochs} | ${secs(ms)} | ` +
        `${f4(m.train.logLoss)} | ${f4(m.val.logLoss)} | ${f4(m.val.accuracy)} | ${f4(bayesAccuracy)} |`,
    );
  }
}

// 2. Large sparse runs, each in its own process.
console.log(
  '\n2. Synthetic sparse pairs, 4,115 features (31 nonzeros per vector), exact solver, own process',
);
console.log(
  '| pairs | nonzeros | data gen (s) | training (s) | iterations | grad norm | held-out acc | peak RSS (MiB) |',
);
console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const pairs of [100_000, 1_000_000]) {
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', path.join(ROOT, 'tests/bench/train-sparse.bench.ts'), String(pairs)],
    { cwd: ROOT, encoding: 'utf8' },
  );
  const r = JSON.parse(out.trim().split('\n').at(-1)!);
  console.log(
    `| ${pairs} | ${r.nonzeros} | ${r.genSeconds.toFixed(2)} | ${r.trainSeconds.toFixed(2)} | ${r.iterations} | ` +
      `${r.gradNorm.toExponential(1)} | ${f4(r.valAccuracy)} | ${Math.round(r.peakRssMiB)} |`,
  );
}

// 3. HH-RLHF in-process, beside the reference regression.
const pairs = parsePairsText(decodeMaybeGzip(readFileSync(HH_FILE))).pairs;
const hh = pairsToTrainingSet(pairs, { marginPreset: 'none', ties: 'half' });
const split = splitByPrompt(hh.promptKeys, DEFAULT_TRAIN_CONFIG.valFraction, 1);
console.log(
  `\n3. HH-RLHF harmless test (${hh.chosen.length} pairs: ${split.train.length} train, ${split.val.length} held out; ` +
    `${hh.dim} sparse features), in-process`,
);
console.log(
  '| trainer | iterations / epochs | fit time (s) | objective | held-out acc | held-out log-loss |',
);
console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
for (const [name, cfg] of [
  ['linear, L-BFGS (default)', {}],
  ['linear, Adam, 30 epochs', { solver: 'adam' }],
  ['MLP (32 hidden), Adam, 30 epochs', { model: 'mlp' }],
] as const) {
  const t0 = performance.now();
  const { model } = await train(hh, { ...cfg, seed: 1 });
  const ms = performance.now() - t0;
  console.log(
    `| ${name} | ${model.metrics.epochs} | ${secs(ms)} | ${model.fit?.objective?.toFixed(8) ?? 'n/a'} | ` +
      `${f4(model.metrics.val.accuracy)} | ${f4(model.metrics.val.logLoss)} |`,
  );
}
{
  const t0 = performance.now();
  const trainD = differences(hh, split.train);
  const ref = logisticRegression(trainD, hh.dim, DEFAULT_TRAIN_CONFIG.l2);
  const ms = performance.now() - t0;
  const valD = differences(hh, split.val);
  const valLoss = valD.reduce((s, d) => s + Math.log1p(Math.exp(-dot(ref.w, d))), 0) / valD.length;
  console.log(
    `| reference: Newton-CG (tests/unit/reference-logistic.ts) | — | ${secs(ms)} | ` +
      `${referenceObjective(ref.w, trainD, DEFAULT_TRAIN_CONFIG.l2).toFixed(8)} | ${f4(accuracy(ref.w, valD))} | ${f4(valLoss)} |`,
  );
}

// 4. Whole-process side by side on the same split.
execFileSync(process.execPath, [path.join(ROOT, 'scripts/build-cli.mjs')], { cwd: ROOT, stdio: 'pipe' });
const tmp = mkdtempSync(path.join(tmpdir(), 'goodhart-bench-'));
const trl = (rows: number[]) =>
  rows
    .map((i) =>
      JSON.stringify({ prompt: pairs[i].prompt, chosen: pairs[i].chosen, rejected: pairs[i].rejected }),
    )
    .join('\n');
// pairsToTrainingSet keeps one row per HH pair (no ties), so row i is pairs[i].
if (hh.chosen.length !== pairs.length) throw new Error('expected one training row per HH pair');
writeFileSync(path.join(tmp, 'train.jsonl'), trl(split.train));
writeFileSync(path.join(tmp, 'val.jsonl'), trl(split.val));
writeFileSync(path.join(tmp, 'empty.jsonl'), '');

/** Runs a command; returns its wall time (ms) and stdout. */
function timed(
  cmd: string,
  args: string[],
  env: Record<string, string> = {},
): { ms: number; out: string; err: string } {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env } });
  const ms = performance.now() - t0;
  if (r.status !== 0 && !args.includes(path.join(tmp, 'empty.jsonl')))
    throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  return { ms, out: r.stdout, err: r.stderr };
}

const goodhart = ['bin/goodhart.mjs', 'train', HH_FILE, '--out', path.join(tmp, 'model.json'), '--json'];
const goodhartHashed = [...goodhart, '--features', 'hashed'];
const entry = timed(process.execPath, goodhart, { GOODHART_DEBUG_ENTRY: '1' }).err.split('\n')[0];
// The first Python with scikit-learn (PYTHON, else python3, else Debian's own python3-sklearn's), else python3.
const pythons = [process.env.PYTHON, 'python3', '/usr/bin/python3'].filter((p): p is string => !!p);
const PY = pythons.find((p) => spawnSync(p, ['-c', 'import sklearn']).status === 0) ?? 'python3';
const hasSklearn = spawnSync(PY, ['-c', 'import sklearn']).status === 0;
const reference = (backend: 'sklearn' | 'scipy', c?: number, text = 'prompt+response') => [
  path.join(ROOT, 'tests/bench/hh_reference.py'),
  '--backend',
  backend,
  '--text',
  text,
  path.join(tmp, 'train.jsonl'),
  path.join(tmp, 'val.jsonl'),
  ...(c === undefined ? [] : ['--c', String(c)]),
];
console.log(`\n4. Whole process, same 80/20 split (median of 5 interleaved runs; ${entry})`);
console.log('| program | wall time (s) | held-out acc | held-out log-loss | time ratio (goodhart / other) |');
console.log('| --- | ---: | ---: | ---: | ---: |');
const backends: ('sklearn' | 'scipy')[] = hasSklearn ? ['sklearn', 'scipy'] : ['scipy'];
const grids = Object.fromEntries(backends.map((b) => [b, JSON.parse(timed(PY, reference(b)).out)] as const));
const times: Record<string, number[]> = { goodhart: [], hashed: [], sklearn: [], scipy: [] };
let ours: { accuracy: number; logLoss: number } | undefined;
let oursHashed: { accuracy: number; logLoss: number } | undefined;
for (let i = 0; i < 5; i++) {
  const g = timed(process.execPath, goodhart);
  times.goodhart.push(g.ms);
  ours = JSON.parse(g.out);
  const h = timed(process.execPath, goodhartHashed);
  times.hashed.push(h.ms);
  oursHashed = JSON.parse(h.out);
  for (const b of backends) times[b].push(timed(PY, reference(b, grids[b].best.C)).ms);
}
console.log(
  `| goodhart train (exact solver, style+hashed) | ${secs(median(times.goodhart))} | ${f4(ours!.accuracy)} | ${f4(ours!.logLoss)} | — |`,
);
console.log(
  `| goodhart train --features hashed (n-grams alone) | ${secs(median(times.hashed))} | ${f4(oursHashed!.accuracy)} | ${f4(oursHashed!.logLoss)} | — |`,
);
if (!hasSklearn)
  console.log(
    '| scikit-learn | not run: no python3 here has the sklearn module (PYTHON=… names one; on Debian apt-get install python3-sklearn) | — | — | — |',
  );
for (const b of backends) {
  const best = grids[b].best;
  console.log(
    `| ${b === 'sklearn' ? 'scikit-learn LogisticRegression, hashed 1–2-grams' : 'scipy L-BFGS-B, hashed 1–2-grams (sklearn recipe)'}, ` +
      `best C ${best.C} of ${grids[b].grid.length} | ${secs(median(times[b]))} | ${f4(best.accuracy)} | ${f4(best.logLoss)} | ` +
      `${(median(times.goodhart) / median(times[b])).toFixed(2)}× (accuracy ${(ours!.accuracy - best.accuracy).toFixed(4)}; ` +
      `hashed ${(median(times.hashed) / median(times[b])).toFixed(2)}×, accuracy ${(oursHashed!.accuracy - best.accuracy).toFixed(4)}) |`,
  );
}
if (hasSklearn) {
  const r = JSON.parse(timed(PY, reference('sklearn', undefined, 'response')).out).best;
  console.log(
    `| scikit-learn, responses alone (the text goodhart's n-grams read), best C ${r.C} | — | ${f4(r.accuracy)} | ${f4(r.logLoss)} | ` +
      `accuracy ${(ours!.accuracy - r.accuracy).toFixed(4)} (style+hashed), ${(oursHashed!.accuracy - r.accuracy).toFixed(4)} (hashed) |`,
  );
}

// 5. Start-up.
const startup: number[] = [];
for (let i = 0; i < 10; i++)
  startup.push(
    timed(process.execPath, [
      'bin/goodhart.mjs',
      'train',
      path.join(tmp, 'empty.jsonl'),
      '--out',
      path.join(tmp, 'x.json'),
    ]).ms,
  );
const bare: number[] = [];
for (let i = 0; i < 10; i++) bare.push(timed(process.execPath, ['-e', '0']).ms);
console.log(
  `\n5. goodhart train on an empty file: median ${median(startup).toFixed(0)} ms of 10 ` +
    `(min ${Math.min(...startup).toFixed(0)}, max ${Math.max(...startup).toFixed(0)}); bare \`node -e 0\`: median ${median(bare).toFixed(0)} ms`,
);
rmSync(tmp, { recursive: true, force: true });
