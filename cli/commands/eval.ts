/**
 * `goodhart eval <model.json> <pairs>`: pairwise accuracy and log-loss of a saved reward model on a
 * pairs file, scored in plain JS (TF.js's wasm backend only to embed responses for an encoder feature
 * set, through the cache, cli/features.ts). Ties in the file are left out of both metrics.
 */
import { CliError, parseArgs, rankingPairsFlag, readTextInput } from '../io';
import type { CliIO } from '../io';
import { featureSetDim } from '../../lib/core/reward-model/feature-sets';
import {
  modelFeatures,
  modelInputDim,
  parseModelFile,
  scoreMatrix,
} from '../../lib/core/reward-model/model-file';
import type { RewardModelFile } from '../../lib/core/reward-model/model-file';
import { pairwiseMetrics } from '../../lib/core/reward-model/metrics';
import { pairsToLabels } from '../../lib/core/reward-model/training-data';
import { CACHE_USAGE, cacheDirFlag, featureRowsFor } from '../features';
import { readPairsFile } from './train';

/** One-line description for `goodhart --help`. */
export const summary = 'accuracy and log-loss of a reward model on a pairs file';

const USAGE = [
  'usage: goodhart eval <model.json> <pairs.jsonl[.gz]> [--ranking-pairs all|adjacent] [--cache DIR] [--json]',
  '',
  `  ${CACHE_USAGE[0]}  ${CACHE_USAGE[1]}`,
].join('\n');

/**
 * Reads and validates a model file of any feature set this build can compute (an encoder model of another
 * encoder version is refused); throws CliError with `file: message` lines; decoder warnings go to `warn`.
 */
export function readModelFile(file: string, warn: (line: string) => void): RewardModelFile {
  const parsed = parseModelFile(readTextInput(file, warn), featureSetDim);
  if (!parsed.ok) throw new CliError(parsed.errors.map((e) => `${file}: ${e}`));
  return parsed.file;
}

/** Runs `goodhart eval`; returns the exit code. */
export async function run(argv: string[], io: CliIO): Promise<number> {
  const { positionals, flags } = parseArgs(argv, {
    boolean: ['json', 'help'],
    string: ['ranking-pairs', 'cache'],
  });
  if (flags.help) {
    io.out(USAGE);
    return 0;
  }
  if (positionals.length !== 2) throw new CliError([USAGE.split('\n')[0]]);
  const model = readModelFile(positionals[0], io.err);
  const pairs = readPairsFile(positionals[1], rankingPairsFlag(flags['ranking-pairs']), io.err).filter(
    (p) => !p.tie,
  );
  // Each distinct (prompt, response) is featurized and scored once, however many pairs it is in.
  const { items, labels } = pairsToLabels(pairs);
  const vectors = await featureRowsFor(modelFeatures(model).set, items, io, cacheDirFlag(flags.cache));
  const rewards = scoreMatrix(model.weights, vectors, modelInputDim(model.weights));
  const m = pairwiseMetrics(
    labels.map((l) => rewards[l.a]),
    labels.map((l) => rewards[l.b]),
  );
  if (flags.json) io.out(JSON.stringify({ accuracy: m.accuracy, logLoss: m.logLoss, n: m.n }));
  else io.out(`accuracy ${m.accuracy.toFixed(4)}  log-loss ${m.logLoss.toFixed(4)}  n ${m.n}`);
  return 0;
}
