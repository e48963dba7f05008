/**
 * The `goodhart` command: thin argument parsing over lib/. Each subcommand lives in cli/commands/<name>.ts
 * and exports `run(argv: string[], io: CliIO): Promise<number>` (the exit code, printing its own usage and
 * options for `--help`) and a one-line `summary`. To add a command, add one line to COMMANDS: it is loaded
 * only when run (or for `goodhart --help`).
 */
import type { CliIO } from './io';
import { CliError, defaultIO } from './io';

type Loader = () => Promise<{ run: (argv: string[], io: CliIO) => Promise<number>; summary: string }>;

const COMMANDS: Record<string, Loader> = {
  import: () => import('./commands/import'),
  simulate: () => import('./commands/simulate'),
  train: () => import('./commands/train'),
  eval: () => import('./commands/eval'),
  score: () => import('./commands/score'),
  leaderboard: () => import('./commands/leaderboard'),
  inspect: () => import('./commands/inspect'),
  probe: () => import('./commands/probe'),
  optimize: () => import('./commands/optimize'),
  room: () => import('./commands/room'),
};

/**
 * `goodhart --help`: an overview line per command (its `summary`), then each command's own `--help` text,
 * indented. Every command prints its options in its own help, so this lists them all from there (one home
 * per command, nothing copied here); loading every command for it is the price of `--help` only.
 */
export async function helpText(): Promise<string> {
  const mods = await Promise.all(
    Object.entries(COMMANDS).map(async ([name, load]) => [name, await load()] as const),
  );
  const width = Math.max(...mods.map(([name]) => name.length)) + 2;
  const parts = [
    'goodhart: the Goodhart Lab command line (same lib/ code as the app)',
    '',
    'usage: goodhart <command> [options]',
    '',
    'commands:',
    ...mods.map(([name, mod]) => `  ${name.padEnd(width)}${mod.summary}`),
  ];
  for (const [name, mod] of mods) {
    const lines: string[] = [];
    const keep = (line: string) => void lines.push(...line.split('\n'));
    await mod.run(['--help'], { out: keep, err: keep });
    parts.push('', `goodhart ${name}`, ...lines.map((l) => (l ? `  ${l}` : l)));
  }
  return parts.join('\n');
}

export async function main(argv: string[], io: CliIO = defaultIO()): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(await helpText());
    return name ? 0 : 1;
  }
  const load = COMMANDS[name];
  if (!load) {
    io.err(`goodhart: unknown command "${name}". Run \`goodhart --help\`.`);
    return 1;
  }
  try {
    const mod = await load();
    return await mod.run(rest, io);
  } catch (e) {
    if (e instanceof CliError) {
      for (const line of e.lines) io.err(line);
      return e.exitCode;
    }
    // Never a stack trace: one line that says what failed.
    io.err(failureLine(name, e));
    return 1;
  }
}

/** Messages of the engine's RangeErrors that mean "this input is too large for memory or the stack". */
const TOO_LARGE = /call stack size|Invalid (string|array|typed array) length|Array buffer allocation failed/i;

/**
 * The one line printed for an unexpected failure of `goodhart <name>`: what failed, in words, never a
 * stack trace. An engine limit (stack overflow, a string or array too long for memory) says the input
 * was too large; any other unexpected error says it is a bug to report, with the engine's message.
 */
export function failureLine(name: string, e: unknown): string {
  const message = (e instanceof Error ? e.message : String(e)).split('\n')[0];
  if (e instanceof RangeError && TOO_LARGE.test(message))
    return `goodhart ${name}: the input is too large to process here (${message}); split it into smaller files`;
  if (e instanceof Error && !(e instanceof RangeError) && e.name !== 'Error')
    return `goodhart ${name}: internal error (${e.name}: ${message}); please report it with the command and input`;
  return `goodhart ${name}: ${message}`;
}
