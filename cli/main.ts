/**
 * The `goodhart` command: thin argument parsing over lib/. Each subcommand lives in cli/commands/<name>.ts
 * and exports `run(argv: string[], io: CliIO): Promise<number>` (the exit code).
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

const USAGE = `goodhart: the Goodhart Lab command line (same lib/ code as the app)

usage: goodhart <command> [options]

commands:
  import <file> [--format F] [--out dataset.json]   validate and convert a dataset file
  simulate <dataset> --rater <preset> --n N --seed S --out labels.jsonl
  train <pairs> --out model.json [--seed N] [--epochs N] [--model linear|mlp] [--val 0.2] [--json]
  eval <model.json> <pairs> [--json]
  score <model.json> <responses.jsonl>
  leaderboard <battles.jsonl> [--json] [--bootstrap N]
  inspect <model.json> <dataset> [--json]
  probe <model.json> <dataset> [--json]              what the model pays for: counterfactual edits
  optimize <model.json> <dataset> --method bon|rl [--seed S] [--steps N] [--kl-coef B] [--json]
  room [--port 3000] [--data DIR] [--dataset FILE] [--json]   serve a workshop room
  room export --data DIR --out FILE [--format session|trl]

Run \`goodhart <command> --help\` for details.`;

export async function main(argv: string[], io: CliIO = defaultIO()): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(USAGE);
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
