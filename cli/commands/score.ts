/**
 * `goodhart score <model.json> <responses.jsonl>`: echoes each JSONL line `{prompt, response, ...}` with
 * `reward` added (plain-JS scoring; TF.js's wasm backend only to embed responses for an encoder feature
 * set, through the cache, cli/features.ts). Any bad line stops the run with `file:line: message`.
 */
import { CliError, parseArgs, problemLines, readTextInput, type Problem } from '../io';
import type { CliIO } from '../io';
import { modelFeatures, modelInputDim, scoreMatrix } from '../../lib/core/reward-model/model-file';
import { CACHE_USAGE, cacheDirFlag, featureRowsFor } from '../features';
import { readModelFile } from './eval';

/** One-line description for `goodhart --help`. */
export const summary = 'add the reward model score to each {prompt, response} line';

const USAGE = [
  'usage: goodhart score <model.json> <responses.jsonl> [--cache DIR]',
  '',
  `  ${CACHE_USAGE[0]}  ${CACHE_USAGE[1]}`,
].join('\n');

/** Runs `goodhart score`; returns the exit code. */
export async function run(argv: string[], io: CliIO): Promise<number> {
  const { positionals, flags } = parseArgs(argv, { boolean: ['help'], string: ['cache'] });
  if (flags.help) {
    io.out(USAGE);
    return 0;
  }
  if (positionals.length !== 2) throw new CliError([USAGE.split('\n')[0]]);
  const [modelPath, file] = positionals;
  const model = readModelFile(modelPath, io.err);
  const text = readTextInput(file, io.err);
  const problems: Problem[] = [];
  const rows: Record<string, unknown>[] = [];
  text.split('\n').forEach((raw, i) => {
    if (raw.trim() === '') return;
    const line = i + 1;
    let obj: unknown;
    try {
      obj = JSON.parse(raw);
    } catch {
      problems.push({ line, message: 'invalid JSON' });
      return;
    }
    if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) {
      problems.push({ line, message: 'expected a JSON object' });
      return;
    }
    const rec = obj as Record<string, unknown>;
    for (const key of ['prompt', 'response'])
      if (typeof rec[key] !== 'string')
        problems.push({ line, message: key in rec ? `"${key}" must be a string` : `missing "${key}"` });
    rows.push(rec);
  });
  if (problems.length > 0) throw new CliError(problemLines(file, problems));
  // Checked above: every row has a string prompt and response.
  const items = rows.map((r) => ({ prompt: r.prompt as string, response: r.response as string }));
  const vectors = await featureRowsFor(modelFeatures(model).set, items, io, cacheDirFlag(flags.cache));
  const rewards = scoreMatrix(model.weights, vectors, modelInputDim(model.weights));
  rows.forEach((rec, i) => io.out(JSON.stringify({ ...rec, reward: rewards[i] })));
  return 0;
}
