import { RANKING_PAIRS_MODES, type RankingPairsMode } from '../lib/core/ranking';

/**
 * Output and errors for CLI commands (injectable so tests can capture them), the flag parser, and the
 * one way every command reads an input file: in chunks through the shared decoder of
 * lib/core/formats/decode.ts (gzip, size cap, encoding), exactly as the browser's import worker does.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { createByteDecoder } from '../lib/core/formats/decode';

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
 * encoding that had to be inferred) is passed to `warn` as `file:line: warning: message`.
 */
export function readTextInput(file: string, warn: (line: string) => void = defaultIO().err): string {
  const parts: string[] = [];
  const decoder = createByteDecoder((text) => parts.push(text));
  readFileChunks(file, (bytes) => decoder.push(bytes));
  const decoded = decoder.finish();
  if (decoded.error) throw new CliError([`${file}:${decoded.error.line}: ${decoded.error.message}`]);
  for (const w of decoded.warnings) warn(`${file}:${w.line}: warning: ${w.message}`);
  return parts.join('');
}
