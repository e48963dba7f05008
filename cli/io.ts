import { RANKING_PAIRS_MODES, type RankingPairsMode } from '../lib/core/ranking';

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
