/**
 * `goodhart train <pairs> --out model.json`: trains a Bradley–Terry reward model on a pairs file (TRL,
 * HH-RLHF, ranked-candidates or goodhart-labels JSONL, optionally .gz): the linear model by the exact
 * solver (plain TypeScript; TF.js is not loaded), the MLP or `--solver adam` by Adam on TF.js's CPU
 * backend (loaded only then). Prints progress per iteration or epoch to stderr and held-out metrics to
 * stdout, and writes the model file. Also exports `readPairsFile`.
 */
import { writeFileSync } from 'node:fs';
import { CliError, parseArgs, problemLines, rankingPairsFlag, readTextInput, withoutField } from '../io';
import type { CliIO } from '../io';
import { parsePairsText } from '../../lib/core/formats/pairs';
import type { PreferencePair } from '../../lib/core/formats/pairs';
import type { RankingPairsMode } from '../../lib/core/labeling/ranking';
import { validateTrainConfig } from '../../lib/core/reward-model/model-file';
import type { TrainConfig } from '../../lib/core/reward-model/model-file';
import {
  TRAIN_SETTINGS,
  TRAIN_SETTING_KEYS,
  parseSettingText,
  settingsHelp,
  type TrainSettingKey,
} from '../../lib/core/reward-model/settings';
import { featureSetDim } from '../../lib/core/reward-model/feature-sets';
import { buildRows, pairsToLabels } from '../../lib/core/reward-model/training-data';
import { CACHE_USAGE, cacheDirFlag, featureRowsFor } from '../features';
import { needsTfjs, train, type EpochProgress } from '../../lib/ml/train';

/** One-line description for `goodhart --help`. */
export const summary = 'train a Bradley–Terry reward model on a pairs file';

/** The options: each a usage and its description lines; the training settings come from their table. */
const OPTIONS: [string, ...string[]][] = [
  ['--out FILE', 'where to write the model (required)'],
  ...settingsHelp().map((h): [string, ...string[]] => [h.usage, h.summary, h.help]),
  [
    '--ranking-pairs P',
    'all (default): a ranked-candidates row gives its C(K,2) pairs (K ≤ 141);',
    'adjacent: only the K − 1 pairs of neighbours in the ranking',
  ],
  CACHE_USAGE,
  ['--json', 'print the final metrics as JSON'],
];

const COLUMN = Math.max(...OPTIONS.map(([usage]) => usage.length)) + 4;

const USAGE = [
  'usage: goodhart train <pairs.jsonl[.gz]> --out model.json [options]',
  '',
  ...OPTIONS.flatMap(([usage, ...lines]) =>
    lines.map((l, i) => (i === 0 ? `  ${usage}`.padEnd(COLUMN) : ' '.repeat(COLUMN)) + l),
  ),
].join('\n');

/**
 * Reads and parses a pairs file; throws CliError with `file:line: message` lines on any problem (capped
 * and counted as every command does, cli/io.ts `problemLines`); decoder warnings and rows that give no
 * preference (pairs.ts `warnings`) go to `warn`.
 */
export function readPairsFile(
  file: string,
  rankingPairs: RankingPairsMode,
  warn: (line: string) => void,
): PreferencePair[] {
  const text = readTextInput(file, warn);
  const parsed = parsePairsText(text, { rankingPairs });
  if (parsed.errors.length > 0) throw new CliError(problemLines(file, withoutField(parsed.errors)));
  const warnings = withoutField(parsed.warnings).map((w) => ({ ...w, severity: 'warning' as const }));
  for (const line of problemLines(file, warnings)) warn(line);
  if (parsed.pairs.length === 0) throw new CliError([`${file}: no preference pairs found`]);
  return parsed.pairs;
}

/** The training settings given as flags, each read and range-checked by the settings table. */
function configFrom(flags: Record<string, string | boolean>): TrainConfig {
  const partial: Partial<Record<TrainSettingKey, unknown>> = {};
  const problems: string[] = [];
  for (const key of TRAIN_SETTING_KEYS) {
    const flag = TRAIN_SETTINGS[key].flag;
    const raw = flags[flag];
    if (raw === undefined) continue;
    const r = parseSettingText(key, String(raw));
    if (r.ok) partial[key] = r.value;
    else problems.push(`--${flag}: ${r.message}`);
  }
  if (problems.length) throw new CliError(problems);
  // Every value was read by its own setting's parser, so this is a Partial<TrainConfig>.
  const checked = validateTrainConfig(partial as Partial<TrainConfig>);
  if (!checked.ok) throw new CliError(checked.errors.map((e) => `invalid option: ${e}`));
  return checked.config;
}

const fmt = (x: number | null) => (x === null ? 'n/a' : x.toFixed(4));

/** Settings only Adam reads: given with the exact solver they change nothing, and the user is told. */
const ADAM_ONLY: readonly TrainSettingKey[] = ['epochs', 'learningRate', 'batchSize', 'patience'];

/** One progress line: an L-BFGS iteration (objective and gradient norm) or an Adam epoch. */
function progressLine(p: EpochProgress, epochs: number): string {
  const figures = `train acc ${p.trainAccuracy.toFixed(4)}  val acc ${fmt(p.valAccuracy)}  val loss ${fmt(p.valLoss)}`;
  return p.gradNorm === undefined
    ? `epoch ${p.epoch}/${epochs}  loss ${p.loss.toFixed(4)}  ${figures}`
    : `iteration ${p.epoch}  objective ${p.loss.toFixed(6)}  grad norm ${p.gradNorm.toExponential(2)}  ${figures}`;
}

/** Runs `goodhart train`; returns the exit code. */
export async function run(argv: string[], io: CliIO): Promise<number> {
  const { positionals, flags } = parseArgs(argv, {
    boolean: ['json', 'help'],
    string: ['out', ...TRAIN_SETTING_KEYS.map((k) => TRAIN_SETTINGS[k].flag), 'ranking-pairs', 'cache'],
  });
  if (flags.help) {
    io.out(USAGE);
    return 0;
  }
  if (positionals.length !== 1 || typeof flags.out !== 'string') throw new CliError([USAGE.split('\n')[0]]);
  const config = configFrom(flags);
  const rankingPairs = rankingPairsFlag(flags['ranking-pairs']);
  const file = positionals[0];
  const pairs = readPairsFile(file, rankingPairs, io.err);
  // Each distinct (prompt, response) is featurized once, with the embeddings of the feature set if any.
  const { items, labels } = pairsToLabels(pairs);
  const vectors = await featureRowsFor(config.features, items, io, cacheDirFlag(flags.cache));
  const set = buildRows(labels, vectors, featureSetDim(config.features), {
    marginPreset: config.marginPreset,
    ties: config.ties,
  });
  const tfjs = needsTfjs(config);
  let engine = 'solver L-BFGS, plain JS';
  if (tfjs) {
    // TF.js is large: loaded only for a run that trains with it.
    const { startCpuBackend } = await import('../../lib/ml/backend');
    engine = `Adam, backend ${await startCpuBackend()}`;
  }
  io.err(
    `training on ${set.chosen.length} rows from ${pairs.length} pairs (features ${config.features}, ${engine}, seed ${config.seed})`,
  );
  if (!tfjs)
    for (const key of ADAM_ONLY)
      if (flags[TRAIN_SETTINGS[key].flag] !== undefined)
        io.err(`warning: --${TRAIN_SETTINGS[key].flag} is ignored by the L-BFGS solver (use --solver adam)`);
  const { model } = await train(set, config, (p) => io.err(progressLine(p, config.epochs)));
  const fit = model.fit;
  if (fit?.solver === 'lbfgs')
    io.err(
      fit.converged
        ? `converged: ${fit.iterations} iterations, grad norm ${fit.gradNorm!.toExponential(2)} ≤ ${fit.gradTolerance}, objective ${fit.objective!.toFixed(6)}`
        : `warning: not converged after ${fit.iterations} iterations (grad norm ${fit.gradNorm!.toExponential(2)} > ${fit.gradTolerance}); with --l2 0 separable data has no optimum`,
    );
  try {
    writeFileSync(flags.out, JSON.stringify(model));
  } catch (e) {
    throw new CliError([`${flags.out}: cannot write (${(e as NodeJS.ErrnoException).code ?? String(e)})`]);
  }
  const val = model.metrics.val;
  if (flags.json) {
    io.out(
      JSON.stringify({
        accuracy: val.accuracy,
        logLoss: val.logLoss,
        n: val.n,
        train: model.metrics.train,
        epochs: model.metrics.epochs,
        fit: model.fit,
        out: flags.out,
      }),
    );
  } else {
    io.out(`held-out accuracy ${fmt(val.accuracy)}  log-loss ${fmt(val.logLoss)}  n ${val.n}`);
    io.out(`wrote ${flags.out}`);
  }
  return 0;
}
