/**
 * `goodhart eval <model.json> <pairs>`: pairwise accuracy and log-loss of a saved reward model on a
 * pairs file, scored in plain JS (no TF.js). Ties in the file are left out of both metrics.
 */
import { CliError, parseArgs, rankingPairsFlag, readTextInput } from '../io';
import type { CliIO } from '../io';
import { FEATURE_DIM } from '../../lib/core/reward-model/features/index';
import { parseModelFile, scoreMatrix } from '../../lib/core/reward-model/model-file';
import type { RewardModelFile } from '../../lib/core/reward-model/model-file';
import { pairwiseMetrics } from '../../lib/core/reward-model/metrics';
import { featurizeAll, pairsToLabels } from '../../lib/core/reward-model/training-data';
import { readPairsFile } from './train';

/** One-line description for `goodhart --help`. */
export const summary = 'accuracy and log-loss of a reward model on a pairs file';

const USAGE = 'usage: goodhart eval <model.json> <pairs.jsonl[.gz]> [--ranking-pairs all|adjacent] [--json]';

/** Reads and validates a model file; throws CliError with `file: message` lines; decoder warnings go to `warn`. */
export function readModelFile(file: string, warn: (line: string) => void): RewardModelFile {
  const parsed = parseModelFile(readTextInput(file, warn), FEATURE_DIM);
  if (!parsed.ok) throw new CliError(parsed.errors.map((e) => `${file}: ${e}`));
  return parsed.file;
}

/** Runs `goodhart eval`; returns the exit code. */
export async function run(argv: string[], io: CliIO): Promise<number> {
  const { positionals, flags } = parseArgs(argv, { boolean: ['json', 'help'], string: ['ranking-pairs'] });
  if (flags.help) {
    io.out(USAGE);
    return 0;
  }
  if (positionals.length !== 2) throw new CliError([USAGE]);
  const model = readModelFile(positionals[0], io.err);
  const pairs = readPairsFile(positionals[1], rankingPairsFlag(flags['ranking-pairs']), io.err).filter(
    (p) => !p.tie,
  );
  // Each distinct (prompt, response) is featurized and scored once, however many pairs it is in.
  const { items, labels } = pairsToLabels(pairs);
  const rewards = scoreMatrix(model.weights, featurizeAll(items), FEATURE_DIM);
  const m = pairwiseMetrics(
    labels.map((l) => rewards[l.a]),
    labels.map((l) => rewards[l.b]),
  );
  if (flags.json) io.out(JSON.stringify({ accuracy: m.accuracy, logLoss: m.logLoss, n: m.n }));
  else io.out(`accuracy ${m.accuracy.toFixed(4)}  log-loss ${m.logLoss.toFixed(4)}  n ${m.n}`);
  return 0;
}
