/**
 * `goodhart probe <model.json> <dataset> [--json] [--seed S] [--resamples N] [--full] [--cache DIR]`: what
 * a reward model pays for, from counterfactual edits of every response (lib/core/goodhart/probes): per
 * edit the mean reward change with a 95% bootstrap interval, the share of responses whose reward rises
 * and whether gold changed. An encoder model is probed on a seeded sample of responses unless `--full`
 * (probes/budget.ts), its edited texts embedded through the folder cache, and says so on stderr.
 * `--json` prints `{"edits": [{"id","name","meanDelta","ciLow","ciHigh","raisedShare","goldChanged","n"}],
 * "responses", "totalResponses"}`.
 */
import { ENCODER_BOUNDS, encoderBoundsNote, probeBounds } from '../../lib/core/goodhart/probes/budget';
import { probe, probeTexts } from '../../lib/core/goodhart/probes/probe';
import { modelRewardFn as rewardOfModel, type RewardFn } from '../../lib/core/goodhart/probes/reward';
import { usesEncoder } from '../../lib/core/reward-model/feature-sets';
import { modelFeatures, type RewardModelFile } from '../../lib/core/reward-model/model-file';
import { CACHE_USAGE, cacheDirFlag, embeddingsFor } from '../features';
import { intFlag, modelAndDataset, parseArgs } from '../io';
import type { CliIO } from '../io';
import { readModelFile } from './eval';
import { loadDataset } from './simulate';
import { encoderWorkerCount } from '../encoder-pool';

/** One-line description for `goodhart --help`. */
export const summary = 'what the reward model pays for: reward change under counterfactual edits';

const HELP = `usage: goodhart probe <model.json> <dataset> [--json] [--seed S] [--resamples N] [--full]
         [--cache DIR]

<dataset> is "demo" (the built-in pack) or a goodhart-dataset / goodhart-session file. Every response
is edited by each edit of the library (confident preamble, hedges removed, markdown structure,
flattery, padding, invented citation; and, where gold allows, a wrong claim spliced in) and rescored.

  --json          print {"edits": [{"id","name","meanDelta","ciLow","ciHigh","raisedShare",
                  "goldChanged","n"}]}
  --seed S        seed of the edits' phrasing and of the bootstrap (default 1)
  --resamples N   bootstrap resamples of the 95% interval (default 1000)
  --full          an encoder model: probe every response (default: a seeded sample of
                  ${ENCODER_BOUNDS.probeResponses}, since each edited text must be embedded)
  ${CACHE_USAGE[0].padEnd(15)} ${CACHE_USAGE[1]}`;

/**
 * The reward function of a model file over `texts`, for every command that scores edited texts: an
 * encoder model's texts are embedded first through the folder cache at `cacheDir` (progress on stderr).
 */
export async function modelRewardFn(
  model: RewardModelFile,
  texts: readonly string[],
  io: CliIO,
  cacheDir: string,
): Promise<RewardFn> {
  if (!usesEncoder(modelFeatures(model).set)) return rewardOfModel(model);
  const unique = [...new Set(texts)];
  const vectors = await embeddingsFor(unique, io, cacheDir, 'texts');
  return rewardOfModel(model, { texts: unique, vectors });
}

const num = (x: number) => (Number.isFinite(x) ? (x >= 0 ? ' ' : '') + x.toFixed(3) : '  —  ');

/** Runs the command; returns the exit code. */
export async function run(argv: string[], io: CliIO): Promise<number> {
  const { positionals, flags } = parseArgs(argv, {
    boolean: ['json', 'help', 'full'],
    string: ['seed', 'resamples', 'cache'],
  });
  if (flags.help) {
    io.out(HELP);
    return 0;
  }
  const [modelPath, datasetPath] = modelAndDataset(positionals, HELP);
  const seed = intFlag(flags.seed, 'seed', 1, 0);
  const resamples = intFlag(flags.resamples, 'resamples', 1000, 1);
  const model = readModelFile(modelPath, io.err);
  const { dataset } = loadDataset(datasetPath, io.err);
  const set = modelFeatures(model).set;
  const opts = { seed, resamples, ...probeBounds(set, flags.full === true) };
  const texts = probeTexts(dataset, opts);
  const note = encoderBoundsNote(
    set,
    'probe',
    flags.full === true,
    texts.length,
    encoderWorkerCount(texts.length),
  );
  if (note) io.err(note);
  const reward = await modelRewardFn(model, texts, io, cacheDirFlag(flags.cache));
  const report = await probe(dataset, reward, opts);
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
        responses: report.responses,
        totalResponses: report.totalResponses,
      }),
    );
    return 0;
  }
  const sampled =
    report.responses < report.totalResponses
      ? ` of ${report.totalResponses} (a seeded sample; --full for all)`
      : '';
  io.out(
    `${report.responses}${sampled} responses; reward change per edit (95% bootstrap interval, seed ${seed})`,
  );
  io.out('  edit                      n   mean Δ   [ low,    high ]  rises   gold');
  for (const e of report.edits)
    io.out(
      `  ${e.name.padEnd(24)} ${String(e.n).padStart(4)}  ${num(e.meanDelta)}  [${num(e.ciLow)}, ${num(e.ciHigh)}]  ${Number.isFinite(e.raisedShare) ? `${(100 * e.raisedShare).toFixed(0).padStart(3)}%` : '  — '}   ${e.goldChanged ? 'changed' : e.changesGold ? 'no gold' : 'kept'}`,
    );
  return 0;
}
