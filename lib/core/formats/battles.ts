/**
 * Chatbot Arena battles JSONL: one `{"model_a", "model_b", "winner"}` object per line, where winner is
 * `model_a`, `model_b`, `tie` or `tie (bothbad)` (the last counts as a tie). Other fields on the line
 * (question_id, language, tstamp, ...) are ignored. Parsing never throws: every problem is reported with
 * its 1-based line number, so the CLI can print `file:line: message`. Model names are trimmed and
 * Unicode-normalised (NFC); a battle whose two names are then the same model ("gpt" vs "gpt ") is a
 * self-battle, which says nothing about strength: it is left out and reported in `skipped` with its line.
 */
import { z } from 'zod';
import type { Battle } from '../leaderboard/bradley-terry';

/** A model name: trimmed, non-empty, NFC-normalised. */
const modelName = z
  .string()
  .trim()
  .min(1, 'must be a non-empty string')
  .transform((s) => s.normalize('NFC'));

/** The schema of one battle line (extra fields allowed). */
export const arenaBattleSchema = z.object({
  model_a: modelName,
  model_b: modelName,
  winner: z.enum(['model_a', 'model_b', 'tie', 'tie (bothbad)']),
});

/** One problem in a battles file. */
export interface BattleParseError {
  /** 1-based line number. */
  line: number;
  /** The offending field, when the problem is in one. */
  field?: string;
  message: string;
}

/** Result of {@link parseBattlesJsonl}: the valid battles (with their line numbers) and every problem. */
export interface BattlesParseResult {
  battles: Battle[];
  /** 1-based source line of each battle, parallel to `battles`. */
  lines: number[];
  errors: BattleParseError[];
  /** Lines left out on purpose (self-battles), each with why. */
  skipped: BattleParseError[];
}

const WINNER: Record<z.infer<typeof arenaBattleSchema>['winner'], Battle['winner']> = {
  model_a: 'a',
  model_b: 'b',
  tie: 'tie',
  'tie (bothbad)': 'tie',
};

/** Parses battles JSONL text (blank lines skipped, a leading BOM and CRLF line ends accepted). */
export function parseBattlesJsonl(text: string): BattlesParseResult {
  const result: BattlesParseResult = { battles: [], lines: [], errors: [], skipped: [] };
  const rows = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  rows.forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (e) {
      result.errors.push({ line, message: `invalid JSON (${e instanceof Error ? e.message : String(e)})` });
      return;
    }
    const parsed = arenaBattleSchema.safeParse(value);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path.length > 0 ? issue.path.map(String).join('.') : undefined;
        const message =
          field === undefined
            ? 'expected an object with "model_a", "model_b" and "winner"'
            : (value as Record<string, unknown>)[field] === undefined
              ? `missing "${field}"`
              : field === 'winner'
                ? `"winner" must be one of "model_a", "model_b", "tie", "tie (bothbad)"`
                : `"${field}" must be a non-empty string`;
        result.errors.push({ line, field, message });
      }
      return;
    }
    if (parsed.data.model_a === parsed.data.model_b) {
      result.skipped.push({
        line,
        field: 'model_b',
        message: `"model_a" and "model_b" are the same model (${JSON.stringify(parsed.data.model_a)}); a self-battle says nothing about strength, skipped`,
      });
      return;
    }
    result.battles.push({
      a: parsed.data.model_a,
      b: parsed.data.model_b,
      winner: WINNER[parsed.data.winner],
    });
    result.lines.push(line);
  });
  return result;
}
