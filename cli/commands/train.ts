/**
 * `goodhart train <pairs> --out model.json`: trains a Bradley–Terry reward model (TF.js, CPU backend) on
 * a pairs file (TRL, HH-RLHF, ranked-candidates or goodhart-labels JSONL, optionally .gz), prints per-epoch progress to
 * stderr and held-out metrics to stdout, and writes the model file. Also exports `readPairsFile`.
 */
import { writeFileSync } from 'node:fs';
import { CliError, parseArgs, problemLines, rankingPairsFlag, readTextInput, withoutField } from '../io';
import type { CliIO } from '../io';
import { parsePairsText } from '../../lib/core/formats/pairs';
import type { PreferencePair } from '../../lib/core/formats/pairs';
import type { RankingPairsMode } from '../../lib/core/labeling/ranking';
import { validateTrainConfig } from '../../lib/core/reward-model/model-file';
import type { TrainConfig } from '../../lib/core/reward-model/model-file';
import { pairsToTrainingSet } from '../../lib/core/reward-model/training-data';
import { startCpuBackend } from '../../lib/ml/backend';
import { train } from '../../lib/ml/train';

/** One-line description for `goodhart --help`. */
export const summary = 'train a Bradley–Terry reward model on a pairs file';

const USAGE = `usage: goodhart train <pairs.jsonl[.gz]> --out model.json [options]

  --out FILE        where to write the model (required)
  --seed N          seed for initialisation, shuffles and the split (default 1)
  --epochs N        passes over the training pairs (default 30)
  --model M         linear (default) or mlp
  --hidden N        MLP hidden units (default 32)
  --val F           share of prompts held out for validation (default 0.2)
  --lr X            Adam learning rate (default 0.01)
  --l2 X            L2 penalty (default 0.001)
  --batch N         mini-batch size (default 64)
  --ties T          drop | half (default) | davidson
  --margins M       none (default) | llama2
  --ranking-pairs P all (default): a ranked-candidates row gives its C(K,2) pairs (K ≤ 141);
                    adjacent: only the K − 1 pairs of neighbours in the ranking
  --json            print the final metrics as JSON`;

/**
 * Reads and parses a pairs file; throws CliError with `file:line: message` lines on any problem (capped
 * and counted as every command does, cli/io.ts `problemLines`); decoder warnings go to `warn`.
 */
export function readPairsFile(
  file: string,
  rankingPairs: RankingPairsMode,
  warn: (line: string) => void,
): PreferencePair[] {
  const text = readTextInput(file, warn);
  const parsed = parsePairsText(text, { rankingPairs });
  if (parsed.errors.length > 0) throw new CliError(problemLines(file, withoutField(parsed.errors)));
  if (parsed.pairs.length === 0) throw new CliError([`${file}: no preference pairs found`]);
  return parsed.pairs;
}

function numberFlag(
  flags: Record<string, string | boolean>,
  key: string,
  integer: boolean,
): number | undefined {
  const raw = flags[key];
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (
    typeof raw !== 'string' ||
    raw.trim() === '' ||
    !Number.isFinite(n) ||
    (integer && !Number.isInteger(n))
  )
    throw new CliError([`--${key}: expected ${integer ? 'an integer' : 'a number'}, got "${String(raw)}"`]);
  return n;
}

function configFrom(flags: Record<string, string | boolean>): TrainConfig {
  const partial: Partial<TrainConfig> = {};
  const set = <K extends keyof TrainConfig>(k: K, v: TrainConfig[K] | undefined) => {
    if (v !== undefined) partial[k] = v;
  };
  set('seed', numberFlag(flags, 'seed', true));
  set('epochs', numberFlag(flags, 'epochs', true));
  set('hiddenUnits', numberFlag(flags, 'hidden', true));
  set('valFraction', numberFlag(flags, 'val', false));
  set('learningRate', numberFlag(flags, 'lr', false));
  set('l2', numberFlag(flags, 'l2', false));
  set('batchSize', numberFlag(flags, 'batch', true));
  if (flags.model !== undefined) set('model', flags.model as TrainConfig['model']);
  if (flags.ties !== undefined) set('ties', flags.ties as TrainConfig['ties']);
  if (flags.margins !== undefined) set('marginPreset', flags.margins as TrainConfig['marginPreset']);
  const checked = validateTrainConfig(partial);
  if (!checked.ok) throw new CliError(checked.errors.map((e) => `invalid option: ${e}`));
  return checked.config;
}

const fmt = (x: number | null) => (x === null ? 'n/a' : x.toFixed(4));

/** Runs `goodhart train`; returns the exit code. */
export async function run(argv: string[], io: CliIO): Promise<number> {
  const { positionals, flags } = parseArgs(argv, {
    boolean: ['json', 'help'],
    string: [
      'out',
      'seed',
      'epochs',
      'model',
      'hidden',
      'val',
      'lr',
      'l2',
      'batch',
      'ties',
      'margins',
      'ranking-pairs',
    ],
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
  const set = pairsToTrainingSet(pairs, { marginPreset: config.marginPreset, ties: config.ties });
  const backend = await startCpuBackend();
  io.err(
    `training on ${set.chosen.length} rows from ${pairs.length} pairs (backend ${backend}, seed ${config.seed})`,
  );
  const { model } = await train(set, config, (p) =>
    io.err(
      `epoch ${p.epoch}/${config.epochs}  loss ${p.loss.toFixed(4)}  train acc ${p.trainAccuracy.toFixed(4)}` +
        `  val acc ${fmt(p.valAccuracy)}  val loss ${fmt(p.valLoss)}`,
    ),
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
        out: flags.out,
      }),
    );
  } else {
    io.out(`held-out accuracy ${fmt(val.accuracy)}  log-loss ${fmt(val.logLoss)}  n ${val.n}`);
    io.out(`wrote ${flags.out}`);
  }
  return 0;
}
