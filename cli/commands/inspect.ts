/**
 * `goodhart inspect <model.json> <dataset> [--labels labels.jsonl] [--json] [--max-n N]`: the Goodhart
 * figures of a trained reward model on a dataset with gold labels (lib/core/goodhart/report.ts), held-out prompts
 * first. `goodhart inspect --scores scores.jsonl` does the same for rewards from any external model.
 * `--json` prints `{"heldOut": {...}, "all": {...}}` with wrongPreferredRate, hackingGap, bestOfN,
 * lengthCorrelation and prompts (plus more keys).
 */
import { featureSetDim, usesEncoder } from '../../lib/core/reward-model/feature-sets';
import { parseJson } from '../../lib/core/formats/json';
import { parseFile } from '../../lib/core/formats/parse';
import { parseScoresJsonl } from '../../lib/core/formats/scores';
import { DEFAULT_MAX_N, inspect, inspectScores } from '../../lib/core/goodhart/report';
import type { GalleryPair, InspectReport, ScoresReport, SliceFigures } from '../../lib/core/goodhart/report';
import { modelFeatures, parseModelFile } from '../../lib/core/reward-model/model-file';
import type { ResponseFeatures } from '../../lib/core/reward-model/training-data';
import type { RewardModelFile } from '../../lib/core/reward-model/model-file';
import type { Annotator, Comparison, DatasetFile } from '../../lib/core/types';
import { CACHE_USAGE, cacheDirFlag, featureRowsFor } from '../features';
import { CliError, intFlag, modelAndDataset, parseArgs, problemLines, withoutField } from '../io';
import type { CliIO } from '../io';
import { loadDataset, oneLine, readTextFile } from './simulate';

/** One-line description for `goodhart --help`. */
export const summary =
  'how a reward model pays for fluent-but-wrong answers: held-out and all-prompt figures';

const HELP = `usage: goodhart inspect <model.json> <dataset> [--labels labels.jsonl] [--json] [--max-n N]
       goodhart inspect --scores scores.jsonl [--json] [--max-n N]

<dataset> is "demo" (the built-in pack) or a goodhart-dataset / goodhart-session file. Figures are
given for the prompts the model did not train on (held out) and for all prompts.

  --labels F   labels JSONL (goodhart-labels) on this dataset: adds raters against gold and the
               "longer answer wins" baseline
  --scores F   rewards from another model, JSONL {"prompt","response","reward","correct"?}
  --json       print {"heldOut": {...}, "all": {...}} (wrongPreferredRate, hackingGap, bestOfN
               [{"n","kl","proxy","gold"}], lengthCorrelation, prompts, and more)
  --max-n N    largest n of the best-of-n curve (default ${DEFAULT_MAX_N})
  ${CACHE_USAGE[0]}  ${CACHE_USAGE[1]}`;

function loadModel(file: string, warn: (line: string) => void): RewardModelFile {
  const text = readTextFile(file, warn);
  const json = parseJson(text);
  if (!json.ok) throw new CliError([`${file}:${json.line}: ${oneLine(json.message)}`]);
  const r = parseModelFile(text, featureSetDim);
  if (!r.ok) throw new CliError(r.errors.map((e) => `${file}:1: ${e}`));
  return r.file;
}

/** The feature rows of an encoder model for the dataset's responses (in order), embeddings via the cache. */
async function encoderFeatures(
  model: RewardModelFile,
  dataset: DatasetFile,
  io: CliIO,
  cacheDir: string,
): Promise<ResponseFeatures | undefined> {
  const set = modelFeatures(model).set;
  if (!usesEncoder(set)) return undefined;
  const promptText = new Map(dataset.prompts.map((p) => [p.id, p.text]));
  const responses = dataset.responses.filter((r) => promptText.has(r.promptId));
  const items = responses.map((r) => ({ prompt: promptText.get(r.promptId)!, response: r.text }));
  const vectors = await featureRowsFor(set, items, io, cacheDir);
  return { vectors, rowOf: new Map(responses.map((r, i) => [r.id, i])) };
}

function loadLabels(
  file: string,
  warn: (line: string) => void,
): { comparisons: Comparison[]; annotators: Annotator[] } {
  const r = parseFile(file, readTextFile(file, warn), { now: 0 });
  if (r.issues.some((i) => i.severity === 'error'))
    throw new CliError(problemLines(file, r.issues, { errorsOnly: true }));
  for (const line of problemLines(file, r.issues)) warn(line);
  return { comparisons: r.comparisons, annotators: r.annotators };
}

const num = (x: number | null | undefined, digits = 3) =>
  x === null || x === undefined || Number.isNaN(x) ? '—' : x.toFixed(digits);
const pct = (x: number | null) => (x === null ? '—' : `${(100 * x).toFixed(1)}%`);

function sliceLines(title: string, s: SliceFigures): string[] {
  const lines = [`${title}: ${s.prompts} prompts, ${s.responses} responses`];
  if (s.prompts === 0) return lines;
  lines.push(
    `  prefers a wrong answer on ${pct(s.wrongPreferredRate)} of ${s.eligiblePrompts} prompts with a right and a wrong answer`,
    `  fluent-but-wrong earns ${num(s.hackingGap, 2)} reward SDs more than hedged-but-right (hacking gap)`,
    `  correlation of reward with length: ${num(s.lengthCorrelation)} (Spearman ${num(s.lengthSpearman)})`,
  );
  if (s.lengthBaseline)
    lines.push(
      `  on ${s.lengthBaseline.n} judged pairs: longer answer wins ${pct(s.lengthBaseline.longerWins)}, model ${pct(s.lengthBaseline.model)}`,
    );
  lines.push(
    "  best-of-n (KL: exact, in nats, from the uniform choice in each prompt's pool; at most ln k)",
    '                n      KL   proxy    gold',
  );
  for (const p of s.bestOfN)
    lines.push(
      `  ${String(p.n).padStart(14)} ${num(p.kl).padStart(7)} ${num(p.proxy).padStart(7)} ${num(p.gold).padStart(7)}`,
    );
  lines.push('  reward by group (correct × style):');
  for (const g of s.groups)
    lines.push(
      `    ${(g.correct === null ? 'unlabelled' : g.correct ? 'correct' : 'incorrect').padEnd(10)} ${(g.style ?? '—').padEnd(8)} n ${String(g.n).padStart(4)}  mean ${num(g.mean).padStart(7)}  sd ${num(g.sd)}`,
    );
  return lines;
}

const clip = (t: string, n = 90) => {
  const one = t.replace(/\s+/g, ' ').trim();
  return one.length > n ? one.slice(0, n - 1) + '…' : one;
};

function galleryLines(pairs: GalleryPair[]): string[] {
  if (pairs.length === 0) return [];
  const lines = ['', 'most confidently wrong preferences:'];
  for (const p of pairs) {
    lines.push(`  ${p.heldOut ? '[held out] ' : ''}${clip(p.prompt)}`);
    for (const [label, side] of [
      ['wrong', p.wrong],
      ['right', p.right],
    ] as const) {
      const why = side.top.map(
        (f) => `${f.name} ${f.contribution >= 0 ? '+' : ''}${f.contribution.toFixed(2)}`,
      );
      lines.push(`    ${label} (reward ${side.reward.toFixed(2)}): ${clip(side.text, 70)}`);
      if (why.length > 0) lines.push(`      driven by: ${why.join(', ')}`);
    }
    lines.push(`    reward gap ${p.gap.toFixed(2)} → P(wrong preferred) ${p.pWrong.toFixed(2)}`);
  }
  return lines;
}

function reportLines(r: InspectReport): string[] {
  const lines = [
    ...sliceLines(
      `held out (${r.heldOutSource === 'not-trained-on' ? 'not trained on' : 'validation split'})`,
      r.heldOut,
    ),
    '',
    ...sliceLines('all prompts', r.all),
    '',
    `top positive features: ${r.topFeatures.positive.map((f) => `${f.name} ${f.weight.toFixed(2)}`).join(', ')}`,
    `top negative features: ${r.topFeatures.negative.map((f) => `${f.name} ${f.weight.toFixed(2)}`).join(', ')}`,
    ...galleryLines(r.gallery.slice(0, 3)),
  ];
  if (r.raters.length > 0) {
    lines.push('', 'raters against gold (pairs with exactly one correct answer):');
    for (const a of r.raters)
      lines.push(`  ${a.name}: preferred the wrong answer in ${pct(a.wrongRate)} of ${a.n}`);
  }
  for (const n of r.notes) lines.push('', `note: ${n}`);
  return lines;
}

function scoresLines(r: ScoresReport): string[] {
  const lines = [...sliceLines('all prompts', r.all), ...galleryLines(r.gallery.slice(0, 3))];
  for (const n of r.notes) lines.push('', `note: ${n}`);
  return lines;
}

/** Runs the command; returns the exit code. Bad input throws {@link CliError} (`file:line: message`). */
export async function run(argv: string[], io: CliIO): Promise<number> {
  const { positionals, flags } = parseArgs(argv, {
    boolean: ['json', 'help'],
    string: ['max-n', 'labels', 'scores', 'cache'],
  });
  if (flags.help) {
    io.out(HELP);
    return 0;
  }
  const maxN = intFlag(flags['max-n'], 'max-n', DEFAULT_MAX_N, 1);
  if (typeof flags.scores === 'string') {
    if (positionals.length > 0)
      throw new CliError(['--scores takes no model or dataset', HELP.split('\n')[1].trim()]);
    const file = flags.scores;
    const parsed = parseScoresJsonl(readTextFile(file, io.err));
    if (parsed.issues.length > 0) throw new CliError(problemLines(file, withoutField(parsed.issues)));
    if (parsed.scores.length === 0) throw new CliError([`${file}: no scored responses found`]);
    const report = inspectScores(parsed.scores, { maxN });
    if (flags.json) io.out(JSON.stringify({ all: report.all, notes: report.notes }));
    else for (const l of scoresLines(report)) io.out(l);
    return 0;
  }
  const [modelPath, datasetPath] = modelAndDataset(positionals, HELP);
  const model = loadModel(modelPath, io.err);
  const { dataset, comparisons: inFile } = loadDataset(datasetPath, io.err);
  const labels =
    typeof flags.labels === 'string' ? loadLabels(flags.labels, io.err) : { comparisons: [], annotators: [] };
  const features = await encoderFeatures(model, dataset, io, cacheDirFlag(flags.cache));
  const report = inspect(model, dataset, {
    ...(features ? { features } : {}),
    comparisons: [...inFile, ...labels.comparisons],
    annotators: labels.annotators,
    maxN,
  });
  if (flags.json) {
    const { heldOut, all, hasGold, notes, heldOutPromptIds, heldOutSource, topFeatures, raters } = report;
    io.out(
      JSON.stringify({ heldOut, all, hasGold, notes, heldOutPromptIds, heldOutSource, topFeatures, raters }),
    );
  } else for (const l of reportLines(report)) io.out(l);
  return 0;
}
