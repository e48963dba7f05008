/**
 * `goodhart simulate <dataset> --rater <preset> --n N --seed S [--out labels.jsonl]`: a simulated rater
 * (lib/core/labeling/raters.ts) labels pairs of a dataset's responses and writes the lab's labels JSONL
 * (`goodhart-labels`, one comparison per line with the prompt and both texts), which `goodhart train`
 * reads. `<dataset>` is `demo` (the built-in pack, found next to this source, not via the cwd) or a
 * dataset or session file. Also exports the dataset loader that `goodhart inspect` shares.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { raterAccuracyAgainstGold } from '../../lib/core/labeling/agreement';
import { DEMO_FILE } from '../../lib/core/demo';
import { labelLines } from '../../lib/core/formats/export';
import type { LabelLine } from '../../lib/core/formats/labels';
import { parseLabFile } from '../../lib/core/formats/session';
import { RATER_PRESETS, isRaterPreset, simulateLabels } from '../../lib/core/labeling/raters';
import type { SimulatedLabels } from '../../lib/core/labeling/raters';
import type { Comparison, DatasetFile } from '../../lib/core/types';
import { CliError, intFlag, oneLine, parseArgs, problemLines, readTextInput } from '../io';
import type { CliIO } from '../io';

/** One-line description for `goodhart --help`. */
export const summary = 'label a dataset with a simulated rater (hurried or careful) and write labels JSONL';

const PRESETS = Object.keys(RATER_PRESETS).join(', ');
const HELP = `usage: goodhart simulate <dataset> --rater <preset> --n N --seed S [--out labels.jsonl]

A simulated rater judges N pairs of responses of <dataset> ("demo" for the built-in pack, or a
goodhart-dataset / goodhart-session JSON file): P(prefers A) = σ(β·(u(A) − u(B)) + position bias), with
u from style (length, confident polish, flattery) and, when the rater fact-checks, gold correctness.

  --rater P   one of: ${PRESETS}
  --n N       number of labels (default 500)
  --seed S    seed of the pairs, sides and verdicts (default 1)
  --out F     write the labels JSONL (goodhart-labels) to F; without it, to stdout`;

/** Reads a file as text, or fails with a CliError naming it; decoder warnings go to `warn` (`io.err`). */
export function readTextFile(file: string, warn: (line: string) => void): string {
  return readTextInput(file, warn);
}

export { oneLine };

/** The built-in demo pack's path, resolved from this module's location. */
export function demoPath(): string {
  return fileURLToPath(new URL(`../../${DEMO_FILE}`, import.meta.url));
}

/** A dataset (and any labels in a session file) loaded for a command. */
export interface LoadedDataset {
  dataset: DatasetFile;
  comparisons: Comparison[];
  /** Label for messages: `demo` or the file name. */
  name: string;
}

/**
 * Loads `demo` or a goodhart-dataset / goodhart-session JSON file. Errors become a CliError, one line
 * `file:line: [field] message` each, capped and counted as every command does (cli/io.ts
 * `problemLines`); warnings (the decoder's and the file's) go to `warn` (`io.err`).
 */
export function loadDataset(arg: string, warn: (line: string) => void): LoadedDataset {
  const file = arg === 'demo' ? demoPath() : arg;
  const result = parseLabFile(file, readTextFile(file, warn), { now: 0 });
  if (result.issues.some((i) => i.severity === 'error'))
    throw new CliError(problemLines(arg, result.issues, { errorsOnly: true }));
  for (const line of problemLines(arg, result.issues)) warn(line);
  if (result.dataset.prompts.length === 0) throw new CliError([`${arg}:1: the dataset has no prompts`]);
  return { dataset: result.dataset, comparisons: result.comparisons, name: arg };
}

/** The labels JSONL lines (goodhart-labels, via the lab's labels export) of simulated comparisons. */
export function simulatedLabelLines(dataset: DatasetFile, sim: SimulatedLabels): LabelLine[] {
  return labelLines({ dataset, comparisons: sim.comparisons, annotators: [sim.annotator] });
}

/** Runs the command; returns the exit code. Bad input throws {@link CliError}. */
export async function run(argv: string[], io: CliIO): Promise<number> {
  const { positionals, flags } = parseArgs(argv, {
    boolean: ['help'],
    string: ['rater', 'n', 'seed', 'out'],
  });
  if (flags.help) {
    io.out(HELP);
    return 0;
  }
  const problems: string[] = [];
  if (positionals.length !== 1)
    problems.push(`expected one dataset ("demo" or a file), got ${positionals.length}`);
  const rater = typeof flags.rater === 'string' ? flags.rater : undefined;
  if (rater === undefined) problems.push(`missing --rater (one of: ${PRESETS})`);
  else if (!isRaterPreset(rater)) problems.push(`unknown rater "${rater}" (one of: ${PRESETS})`);
  if (problems.length > 0) throw new CliError([...problems, HELP.split('\n')[0]]);
  const n = intFlag(flags.n, 'n', 500, 1);
  const seed = intFlag(flags.seed, 'seed', 1, 0);
  const { dataset, name } = loadDataset(positionals[0], io.err);
  let sim: SimulatedLabels;
  try {
    sim = simulateLabels(dataset, rater as keyof typeof RATER_PRESETS, n, seed);
  } catch (e) {
    throw new CliError([`${name}: ${e instanceof Error ? e.message : String(e)}`]);
  }
  const text = simulatedLabelLines(dataset, sim)
    .map((l) => JSON.stringify(l) + '\n')
    .join('');
  const out = typeof flags.out === 'string' ? flags.out : undefined;
  if (out === undefined) {
    io.out(text.trimEnd());
    return 0;
  }
  try {
    writeFileSync(out, text);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CliError([`${out}: cannot write file${code ? ` (${code})` : ''}`]);
  }
  const gold = new Map(dataset.responses.map((r) => [r.id, r.correct]));
  const vsGold = raterAccuracyAgainstGold(sim.comparisons, gold)[0];
  io.out(`wrote ${n} labels by "${sim.annotator.name}" (seed ${seed}) on ${name} to ${out}`);
  if (vsGold?.wrongRate != null)
    io.out(
      `the rater preferred the incorrect answer in ${(100 * vsGold.wrongRate).toFixed(1)}% of the ${vsGold.n} pairs with exactly one correct answer`,
    );
  return 0;
}
