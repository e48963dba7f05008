/**
 * `goodhart probe <model.json> <dataset> [--json] [--seed S] [--resamples N]`: what a reward model pays
 * for, from counterfactual edits of every response (lib/core/goodhart/probes): per edit the mean reward
 * change with a 95% bootstrap interval, the share of responses whose reward rises and whether gold changed.
 * `--json` prints `{"edits": [{"id","name","meanDelta","ciLow","ciHigh","raisedShare","goldChanged","n"}]}`.
 */
import { probe } from '../../lib/core/goodhart/probes/probe';
import { featureRewardFn, type RewardFn } from '../../lib/core/goodhart/probes/reward';
import type { RewardModelFile } from '../../lib/core/reward-model/model-file';
import { CliError, intFlag, parseArgs } from '../io';
import type { CliIO } from '../io';
import { readModelFile } from './eval';
import { loadDataset } from './simulate';

/** One-line description for `goodhart --help`. */
export const summary = 'what the reward model pays for: reward change under counterfactual edits';

const HELP = `usage: goodhart probe <model.json> <dataset> [--json] [--seed S] [--resamples N]

<dataset> is "demo" (the built-in pack) or a goodhart-dataset / goodhart-session file. Every response
is edited by each edit of the library (confident preamble, hedges removed, markdown structure,
flattery, padding, invented citation; and, where gold allows, a wrong claim spliced in) and rescored.

  --json          print {"edits": [{"id","name","meanDelta","ciLow","ciHigh","raisedShare",
                  "goldChanged","n"}]}
  --seed S        seed of the edits' phrasing and of the bootstrap (default 1)
  --resamples N   bootstrap resamples of the 95% interval (default 1000)`;

/** The reward function of a model file, for every command that scores edited texts. */
export function modelRewardFn(model: RewardModelFile): RewardFn {
  return featureRewardFn(model);
}

const num = (x: number) => (Number.isFinite(x) ? (x >= 0 ? ' ' : '') + x.toFixed(3) : '  —  ');

/** Runs the command; returns the exit code. */
export async function run(argv: string[], io: CliIO): Promise<number> {
  const { positionals, flags } = parseArgs(argv, {
    boolean: ['json', 'help'],
    string: ['seed', 'resamples'],
  });
  if (flags.help) {
    io.out(HELP);
    return 0;
  }
  if (positionals.length !== 2)
    throw new CliError([
      `expected a model file and a dataset, got ${positionals.length} arguments`,
      HELP.split('\n')[0],
    ]);
  const seed = intFlag(flags.seed, 'seed', 1, 0);
  const resamples = intFlag(flags.resamples, 'resamples', 1000, 1);
  const model = readModelFile(positionals[0], io.err);
  const { dataset } = loadDataset(positionals[1], io.err);
  const report = await probe(dataset, modelRewardFn(model), { seed, resamples });
  if (flags.json) {
    io.out(
      JSON.stringify({
        edits: report.edits.map((e) => ({
          id: e.id,
          name: e.name,
          meanDelta: e.meanDelta,
          ciLow: e.ciLow,
          ciHigh: e.ciHigh,
          raisedShare: e.raisedShare,
          goldChanged: e.goldChanged,
          n: e.n,
        })),
      }),
    );
    return 0;
  }
  io.out(`${report.responses} responses; reward change per edit (95% bootstrap interval, seed ${seed})`);
  io.out('  edit                      n   mean Δ   [ low,    high ]  rises   gold');
  for (const e of report.edits)
    io.out(
      `  ${e.name.padEnd(24)} ${String(e.n).padStart(4)}  ${num(e.meanDelta)}  [${num(e.ciLow)}, ${num(e.ciHigh)}]  ${Number.isFinite(e.raisedShare) ? `${(100 * e.raisedShare).toFixed(0).padStart(3)}%` : '  — '}   ${e.goldChanged ? 'changed' : e.changesGold ? 'no gold' : 'kept'}`,
    );
  return 0;
}
