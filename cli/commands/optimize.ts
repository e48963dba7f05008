/**
 * `goodhart optimize <model.json> <dataset> --method bon|rl [--seed S] [--steps N] [--kl-coef B]
 * [--mitigation M] [--members a.json,b.json] [--combine min|mean-sd] [--json]`: an optimiser pushed
 * against the reward model over edited variants of each prompt's answers (lib/core/goodhart/optimize).
 * `--json` prints `{"curve": [{"step","kl","proxy","gold"}], "samples": [...], "fit": {...}, ...}`; KL is
 * 0 at the first point and never decreases. An encoder model plays on a bounded action table unless
 * `--full` (probes/budget.ts tableBounds), its texts embedded through the folder cache (`--cache DIR`),
 * and says so on stderr.
 */
import {
  MITIGATIONS,
  mitigate,
  mitigationById,
  type EnsembleCombine,
} from '../../lib/core/goodhart/optimize/mitigations';
import { OPTIMIZE_DEFAULTS, optimize, type Method } from '../../lib/core/goodhart/optimize/run';
import {
  DEFAULT_OPTIMIZER_SETTINGS,
  ENSEMBLE_ON,
  OPTIMIZER_SETTINGS as OPT,
  optimizerSettingsProblems,
} from '../../lib/core/goodhart/optimize/settings';
import { buildTable, scoreTable } from '../../lib/core/goodhart/optimize/table';
import { ENCODER_BOUNDS, encoderBoundsNote, tableBounds } from '../../lib/core/goodhart/probes/budget';
import { scoreAll } from '../../lib/core/goodhart/probes/reward';
import { modelFeatures } from '../../lib/core/reward-model/model-file';
import { CACHE_USAGE, cacheDirFlag } from '../features';
import { CliError, intFlag, modelAndDataset, parseArgs } from '../io';
import type { CliIO } from '../io';
import { readModelFile } from './eval';
import { modelRewardFn } from './probe';
import { loadDataset } from './simulate';
import { encoderWorkerCount } from '../encoder-pool';

/** One-line description for `goodhart --help`. */
export const summary = 'best-of-n or RL against the reward model: proxy and gold against √KL';

const COMBINES = Object.keys(OPT.ensembleCombine.choices) as EnsembleCombine[];

const HELP = `usage: goodhart optimize <model.json> <dataset> --method bon|rl [--seed S] [--steps N]
         [--kl-coef B] [--mitigation M] [--members a.json,b.json] [--combine min|mean-sd] [--json]
         [--full] [--cache DIR]

Each prompt's answers, edited by up to 3 edits of the probe library, are the actions; the base policy
is uniform over the answers and edits each one with probability ${OPTIMIZE_DEFAULTS.baseEditRate}.

  --method bon|rl   best-of-n (n = 1, 2, 4, … 2^steps; exact) or REINFORCE with a KL penalty (seeded)
  --steps N         RL steps (default ${OPTIMIZE_DEFAULTS.rlSteps}); best-of-n doublings (default ${OPTIMIZE_DEFAULTS.bonSteps})
  --kl-coef B       the KL penalty coefficient β of RL (default ${OPTIMIZE_DEFAULTS.klCoef})
  --seed S          seed of RL's sampling and of the samples (default ${OPTIMIZE_DEFAULTS.seed})
  --mitigation M    ${MITIGATIONS.map((m) => m.id).join(', ')} (default none)
  --members F,F     other reward models for --mitigation ensemble (the model is the first member)
  --combine C       how the ensemble combines: ${COMBINES.map((c) => `${c} (${OPT.ensembleCombine.choices[c].replace('k·', `${ENSEMBLE_ON.k} `)})`).join(' or ')}; default ${ENSEMBLE_ON.combine}
  --json            print {"curve": [{"step","kl","proxy","gold"}], "samples": [...], "fit", ...}
  --full            an encoder model: the full action table (default: edit sets of at most
                    ${ENCODER_BOUNDS.maxEdits} edit on a seeded sample of ${ENCODER_BOUNDS.maxPrompts} prompts, since each text is embedded)
  ${CACHE_USAGE[0].padEnd(17)} ${CACHE_USAGE[1]}`;

function floatFlag(value: string | boolean | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const x = typeof value === 'string' ? Number(value) : NaN;
  if (!Number.isFinite(x) || x < 0)
    throw new CliError([`--${name}: expected a number ≥ 0, got "${String(value)}"`]);
  return x;
}

const f3 = (x: number | null) => (x === null ? '   —  ' : x.toFixed(3).padStart(7));

/** Runs the command; returns the exit code. */
export async function run(argv: string[], io: CliIO): Promise<number> {
  const { positionals, flags } = parseArgs(argv, {
    boolean: ['json', 'help', 'full'],
    string: ['method', 'seed', 'steps', 'kl-coef', 'mitigation', 'members', 'combine', 'cache'],
  });
  if (flags.help) {
    io.out(HELP);
    return 0;
  }
  const [modelPath, datasetPath] = modelAndDataset(positionals, HELP);
  if (flags.method !== 'bon' && flags.method !== 'rl')
    throw new CliError([
      `--method: expected bon or rl, got ${flags.method === undefined ? 'nothing' : `"${String(flags.method)}"`}`,
    ]);
  const method: Method = flags.method;
  const mitigation = mitigationById(typeof flags.mitigation === 'string' ? flags.mitigation : 'none').id;
  const combine = (flags.combine ?? ENSEMBLE_ON.combine) as EnsembleCombine;
  if (!COMBINES.includes(combine))
    throw new CliError([`--combine: expected ${COMBINES.join(' or ')}, got "${String(flags.combine)}"`]);
  const memberFiles = typeof flags.members === 'string' ? flags.members.split(',').filter(Boolean) : [];
  if (mitigation === 'ensemble' && memberFiles.length === 0)
    throw new CliError(['--mitigation ensemble needs --members with at least one more model file']);
  const opts = {
    method,
    seed: intFlag(flags.seed, 'seed', OPTIMIZE_DEFAULTS.seed, 0),
    steps: intFlag(
      flags.steps,
      'steps',
      method === 'rl' ? OPTIMIZE_DEFAULTS.rlSteps : OPTIMIZE_DEFAULTS.bonSteps,
      0,
    ),
    klCoef: floatFlag(flags['kl-coef'], 'kl-coef', OPTIMIZE_DEFAULTS.klCoef),
  };
  // The same ranges as /optimize and the playground (optimize/settings.ts), named by their flags.
  const problems = optimizerSettingsProblems({ ...DEFAULT_OPTIMIZER_SETTINGS, ...opts });
  if (problems.length) throw new CliError(problems.map((p) => `--${p.replace(/^klCoef:/, 'kl-coef:')}`));
  const model = readModelFile(modelPath, io.err);
  const { dataset } = loadDataset(datasetPath, io.err);
  const full = flags.full === true;
  const cacheDir = cacheDirFlag(flags.cache);
  const set = modelFeatures(model).set;
  const table = buildTable(dataset, { seed: opts.seed, ...tableBounds(set, full) });
  const texts = table.texts.map((t) => t.response);
  const distinct = new Set(texts).size;
  const note = encoderBoundsNote(set, 'optimize', full, distinct, encoderWorkerCount(distinct));
  if (note) io.err(note);
  await scoreTable(table, await modelRewardFn(model, texts, io, cacheDir));
  const members = mitigation === 'ensemble' ? [table.rewards] : undefined;
  for (const f of mitigation === 'ensemble' ? memberFiles : []) {
    const member = readModelFile(f, io.err);
    members!.push(
      Float64Array.from(await scoreAll(await modelRewardFn(member, texts, io, cacheDir), table.texts)),
    );
  }
  // Every member given is used: the model and its --members files, combined with the lab's k.
  const ensemble = { members: memberFiles.length + 1, combine, k: ENSEMBLE_ON.k };
  const m = mitigate(table, table.rewards, mitigation, opts, members, ensemble);
  const result = await optimize(table, m.opts, m.rewards);
  if (flags.json) {
    io.out(
      JSON.stringify({
        ...result,
        mitigation,
        table: { prompts: table.prompts.length, texts: table.texts.length, maxEdits: table.maxEdits },
      }),
    );
    return 0;
  }
  io.out(
    `${method === 'bon' ? 'best-of-n' : `REINFORCE (β ${m.opts.klCoef})`} on ${table.prompts.length} prompts (edit sets of up to ${table.maxEdits}), ${table.texts.length} distinct texts; mitigation: ${mitigation}`,
  );
  io.out(`   step${method === 'bon' ? '      n' : ''}   KL (nats)   √KL    proxy    gold`);
  for (const p of result.curve)
    io.out(
      `  ${String(p.step).padStart(5)}${p.n !== undefined ? String(p.n).padStart(7) : ''}  ${p.kl.toFixed(3).padStart(9)}  ${Math.sqrt(p.kl).toFixed(3)}  ${f3(p.proxy)}  ${f3(p.gold)}`,
    );
  for (const [name, fit] of Object.entries(result.fit))
    if (fit)
      io.out(
        `${name}: R(d) = d(${fit.alpha.toFixed(3)} ${fit.beta < 0 ? '+' : '−'} ${Math.abs(fit.beta).toFixed(3)}${method === 'bon' ? '·d' : '·ln d'}), d = √KL`,
      );
  io.out(
    `edit rates of the final policy: ${result.editRates.map((e) => `${e.id} ${e.rate.toFixed(2)}`).join(', ')}`,
  );
  const last = result.samples.at(-1);
  if (last)
    for (const line of [
      '',
      `sample at step ${last.step} (KL ${last.kl.toFixed(2)}), edits: ${last.edits.join(', ') || 'none'}:`,
      last.text,
    ])
      io.out(line);
  return 0;
}
