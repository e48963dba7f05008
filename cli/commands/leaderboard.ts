/**
 * `goodhart leaderboard <battles.jsonl> [--json] [--bootstrap N] [--seed S]`: a Chatbot Arena style
 * leaderboard (Bradley–Terry strengths, Elo scale, bootstrap 95% intervals) from battles JSONL
 * (`.gz` accepted). Thin wrapper over lib/core/leaderboard/ (bradley-terry.ts, leaderboard.ts) and lib/core/formats/battles.ts.
 */
import { maxOf } from '../../lib/core/stats/arrays';
import { parseBattlesJsonl } from '../../lib/core/formats/battles';
import { leaderboard, type LeaderboardRow } from '../../lib/core/leaderboard/leaderboard';
import { CliError, intFlag, parseArgs, problemLines, readTextInput, withoutField, type CliIO } from '../io';

/** One-line description for `goodhart --help`. */
export const summary = 'rank items from Chatbot Arena battles (Bradley–Terry, Elo scale, bootstrap CI)';

const DEFAULT_BOOTSTRAP = 200;

const HELP = `usage: goodhart leaderboard <battles.jsonl> [--json] [--bootstrap N] [--seed S]

Fits Bradley–Terry strengths (maximum likelihood, ties = half a win each way) from Chatbot Arena
battles: one {"model_a", "model_b", "winner"} object per line, winner one of "model_a", "model_b",
"tie", "tie (bothbad)". A .gz file is decompressed. Names are trimmed; a battle of a model with itself
is skipped with a warning naming its line.

  --json          print {"items":[{"id","score","elo","ci_low","ci_high","n"}]} (score = natural-log
                  strength with mean 0; elo = 1000 + 400·log10(strength); CI on the Elo scale)
  --bootstrap N   resamples for the 95% intervals (default ${DEFAULT_BOOTSTRAP}; 0 = no intervals)
  --seed S        seed of the resampling (default 1)`;

function fmt(x: number | null, digits: number): string {
  return x === null ? '—' : x.toFixed(digits);
}

function table(rows: LeaderboardRow[]): string[] {
  const header = ['rank', 'item', 'elo', '95% CI', 'score', 'n'];
  const body = rows.map((r, i) => [
    String(i + 1),
    r.id,
    fmt(r.elo, 1),
    r.ci_low === null ? '—' : `${fmt(r.ci_low, 1)} – ${fmt(r.ci_high, 1)}`,
    fmt(r.score, 4),
    String(r.n),
  ]);
  const widths = header.map((h, c) =>
    maxOf(
      body.map((row) => row[c].length),
      h.length,
    ),
  );
  const line = (cells: string[]) =>
    cells.map((cell, c) => (c === 1 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)];
}

/** Runs the command; returns the exit code. Bad input throws {@link CliError} (`file:line: message`). */
export async function run(argv: string[], io: CliIO): Promise<number> {
  const { positionals, flags } = parseArgs(argv, {
    boolean: ['json', 'help'],
    string: ['bootstrap', 'seed'],
  });
  if (flags.help) {
    io.out(HELP);
    return 0;
  }
  if (positionals.length !== 1) {
    throw new CliError([`expected one battles file, got ${positionals.length}`, HELP.split('\n')[0]]);
  }
  const bootstrap = intFlag(flags.bootstrap, 'bootstrap', DEFAULT_BOOTSTRAP, 0);
  const seed = intFlag(flags.seed, 'seed', 1, 0);
  const file = positionals[0];
  const parsed = parseBattlesJsonl(readTextInput(file, io.err));
  if (parsed.errors.length > 0) {
    throw new CliError(problemLines(file, withoutField(parsed.errors)));
  }
  for (const s of parsed.skipped) io.err(`${file}:${s.line}: warning: ${s.message}`);
  if (parsed.battles.length === 0) throw new CliError([`${file}: no battles found`]);
  const rows = leaderboard(parsed.battles, { bootstrap, seed });
  if (flags.json) {
    io.out(
      JSON.stringify({
        items: rows.map(({ id, score, elo, ci_low, ci_high, n }) => ({ id, score, elo, ci_low, ci_high, n })),
      }),
    );
  } else {
    for (const l of table(rows)) io.out(l);
    io.out('');
    io.out(
      `${parsed.battles.length} battles, ${rows.length} items` +
        (parsed.skipped.length > 0 ? ` (${parsed.skipped.length} self-battles skipped)` : '') +
        `; elo = 1000 + 400·log10(strength)` +
        (bootstrap > 0 ? `; 95% CI from ${bootstrap} bootstrap resamples (seed ${seed})` : ''),
    );
  }
  return 0;
}
