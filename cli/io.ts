import { RANKING_PAIRS_MODES, type RankingPairsMode } from '../lib/core/labeling/ranking';

/**
 * Output and errors for CLI commands (injectable so tests can capture them), the flag parser, and the
 * one way every command reads an input file: in chunks through the shared decoder of
 * lib/core/formats/decode.ts (gzip, size cap, encoding), exactly as the browser's import worker does.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { createByteDecoder } from '../lib/core/formats/decode';
import { issueCounts, type ImportIssue } from '../lib/core/formats/result';

/** Output and errors for CLI commands, injectable so tests can capture them. */
export interface CliIO {
  out: (line: string) => void;
  err: (line: string) => void;
}

export function defaultIO(): CliIO {
  return {
    out: (line) => process.stdout.write(line + '\n'),
    err: (line) => process.stderr.write(line + '\n'),
  };
}

/** A user-facing failure: each line is printed to stderr (e.g. `file.jsonl:12: missing "chosen"`). */
export class CliError extends Error {
  constructor(
    public readonly lines: string[],
    public readonly exitCode = 1,
  ) {
    super(lines.join('\n'));
  }
}

/** Minimal flag parser: `--key value`, `--flag`, positionals. */
export function parseArgs(
  argv: string[],
  spec: { boolean?: string[]; string?: string[] },
): { positionals: string[]; flags: Record<string, string | boolean> } {
  const positionals: string[] = [];
  const flags: Record<string, string | boolean> = {};
  const bools = new Set(spec.boolean ?? []);
  const strings = new Set(spec.string ?? []);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg.startsWith('--')) {
      const [key, inline] = arg.slice(2).split('=', 2);
      if (bools.has(key)) flags[key] = true;
      else if (strings.has(key)) {
        const value = inline ?? argv[++i];
        if (value === undefined) throw new CliError([`missing value for --${key}`]);
        flags[key] = value;
      } else throw new CliError([`unknown option --${key}`]);
    } else positionals.push(arg);
  }
  return { positionals, flags };
}

/** The `--ranking-pairs` flag (`all` when absent); throws CliError on any other value. */
export function rankingPairsFlag(value: string | boolean | undefined): RankingPairsMode {
  if (value === undefined) return 'all';
  const mode = RANKING_PAIRS_MODES.find((m) => m === value);
  if (!mode)
    throw new CliError([
      `--ranking-pairs: expected ${RANKING_PAIRS_MODES.join(' or ')}, got "${String(value)}"`,
    ]);
  return mode;
}

/**
 * A problem found in an input file: an importer's issue, or a parser's `{ line, message }` (an error).
 * Give `field` only when the message does not already name it (the pairs, battles and scores parsers'
 * messages do: `missing "rejected"`).
 */
export type Problem = Pick<ImportIssue, 'line' | 'field' | 'message' | 'unlisted'> & {
  severity?: ImportIssue['severity'];
};

/** At most this many problems of one file are printed by any command; the rest are counted. */
export const MAX_PROBLEM_LINES = 200;

/** A message on one line (JSON.parse messages can quote the multi-line input). */
export function oneLine(message: string): string {
  return message.replace(/\s*\n\s*/g, ' ');
}

/** One problem as every command prints it: `file:line: [warning: ][[field] ]message`, on one line. */
export function formatIssue(file: string, issue: Problem): string {
  const field = issue.field ? `[${issue.field}] ` : '';
  const kind = issue.severity === 'warning' ? 'warning: ' : '';
  return `${file}:${issue.line}: ${kind}${field}${oneLine(issue.message)}`;
}

/**
 * The lines every command prints for a file's problems: the first `max` (a capped list's summary line
 * is not one of them), then `file: ... and N more problems` with N exact, counting what a capped list
 * left out (lib/core/formats/result.ts `issueCounts`). `errorsOnly` lists and counts only errors.
 */
export function problemLines(
  file: string,
  problems: readonly Problem[],
  opts: { max?: number; errorsOnly?: boolean } = {},
): string[] {
  const max = opts.max ?? MAX_PROBLEM_LINES;
  const issues: ImportIssue[] = problems.map((p) => ({ ...p, severity: p.severity ?? 'error' }));
  const { errors, warnings } = issueCounts(issues);
  const total = opts.errorsOnly ? errors : errors + warnings;
  const listed = issues.filter((i) => !i.unlisted && (!opts.errorsOnly || i.severity === 'error'));
  const lines = listed.slice(0, max).map((i) => formatIssue(file, i));
  if (total > lines.length) lines.push(`${file}: ... and ${total - lines.length} more problems`);
  return lines;
}

/** A parser's problems without their `field`, for parsers whose messages already quote it. */
export function withoutField(problems: readonly Problem[]): Problem[] {
  return problems.map(({ line, message }) => ({ line, message }));
}

/** Bytes read from a file at a time. */
const READ_CHUNK = 1 << 20;

/**
 * Read `file` in chunks, handing each to `onChunk` until it returns false (memory stays bounded by what
 * the consumer keeps). Throws a CliError `file: cannot read file (CODE)` if the file cannot be read.
 */
export function readFileChunks(file: string, onChunk: (bytes: Uint8Array) => boolean): void {
  const failed = (e: unknown) => {
    const code = (e as NodeJS.ErrnoException).code;
    return new CliError([`${file}: cannot read file${code ? ` (${code})` : ''}`]);
  };
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (e) {
    throw failed(e);
  }
  try {
    const buffer = new Uint8Array(READ_CHUNK);
    for (;;) {
      let n: number;
      try {
        n = readSync(fd, buffer, 0, READ_CHUNK, null);
      } catch (e) {
        throw failed(e);
      }
      if (n === 0 || !onChunk(buffer.slice(0, n))) break;
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * The whole text of an input file through the shared decoder. A refused file (truncated or corrupt
 * gzip, over the size cap, bad encoding) throws a CliError `file:line: message`; a warning (an
 * encoding that had to be inferred) is passed to `warn` (a command's `io.err`, never process.stderr
 * directly, so tests see it) as `file:line: warning: message`.
 */
export function readTextInput(file: string, warn: (line: string) => void): string {
  const parts: string[] = [];
  const decoder = createByteDecoder((text) => parts.push(text));
  readFileChunks(file, (bytes) => decoder.push(bytes));
  const decoded = decoder.finish();
  if (decoded.error) throw new CliError([`${file}:${decoded.error.line}: ${decoded.error.message}`]);
  for (const w of decoded.warnings) warn(`${file}:${w.line}: warning: ${w.message}`);
  return parts.join('');
}

/** The two positionals of a command that reads a model and a dataset (inspect, probe, optimize); else a CliError. */
export function modelAndDataset(positionals: readonly string[], help: string): [string, string] {
  if (positionals.length !== 2)
    throw new CliError([
      `expected a model file and a dataset, got ${positionals.length} arguments`,
      help.split('\n')[0],
    ]);
  return [positionals[0], positionals[1]];
}

/** Parses an integer flag (or its default); a bad value is a CliError. */
export function intFlag(
  value: string | boolean | undefined,
  name: string,
  fallback: number,
  min: number,
): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (typeof value !== 'string' || !Number.isInteger(n) || n < min)
    throw new CliError([`--${name} must be an integer >= ${min}, got "${String(value)}"`]);
  return n;
}
