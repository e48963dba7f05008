/**
 * Bring-your-own scores: JSONL from any external reward model, one scored response per line,
 * `{"prompt": string, "response": string, "reward": number, "correct"?: boolean, "style"?: string}`, for
 * the inspection views (`inspectScores` in ../goodhart/report.ts). Validated with zod; every problem is
 * reported with its 1-based line number; never throws.
 */
import { z } from 'zod';
import type { ExternalScore } from '../goodhart/report';

/** One line of a scores file. `style` (e.g. `fluent`, `hedged`) is optional, for the hacking gap. */
export const scoreLineSchema = z.object({
  prompt: z.string(),
  response: z.string(),
  reward: z.number().finite(),
  correct: z.boolean().optional(),
  style: z.string().optional(),
});

/** A problem on one line (1-based). */
export interface ScoresIssue {
  line: number;
  field?: string;
  message: string;
}

/** Parsed scores and every problem found. */
export interface ParsedScores {
  scores: ExternalScore[];
  issues: ScoresIssue[];
}

/**
 * Parses scores JSONL. Blank lines are ignored; a byte-order mark and CRLF line ends are accepted; bad
 * JSON, non-objects, missing fields and wrong types become issues, and the line is left out.
 */
export function parseScoresJsonl(text: string): ParsedScores {
  const scores: ExternalScore[] = [];
  const issues: ScoresIssue[] = [];
  const lines = text.replace(/^\ufeff/, '').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i].trim();
    if (raw === '') continue;
    const line = i + 1;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (e) {
      issues.push({ line, message: `invalid JSON (${e instanceof Error ? e.message : String(e)})` });
      continue;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      issues.push({ line, message: 'expected a JSON object {"prompt", "response", "reward", "correct"?}' });
      continue;
    }
    const r = scoreLineSchema.safeParse(value);
    if (!r.success) {
      for (const issue of r.error.issues) {
        const field = issue.path.map(String).join('.');
        const missing = field !== '' && issue.path.length === 1 && !(field in value);
        issues.push({
          line,
          ...(field ? { field } : {}),
          message: missing ? `missing "${field}"` : field ? `"${field}": ${issue.message}` : issue.message,
        });
      }
      continue;
    }
    const s: ExternalScore = { prompt: r.data.prompt, response: r.data.response, reward: r.data.reward };
    if (r.data.correct !== undefined) s.correct = r.data.correct;
    if (r.data.style !== undefined) s.style = r.data.style;
    scores.push(s);
  }
  return { scores, issues };
}
