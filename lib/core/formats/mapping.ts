/**
 * The column mapping for generic JSONL, CSV and JSON: which field of a row holds the prompt, the
 * responses (or a chosen/rejected pair), the winner, the gold and the category. Holds the mapping's
 * schema, `suggestMapping` (a mapping proposed from the field names), `getField` (reading a possibly
 * dotted field from a row) and `describeMapping` (the mapping in words). Rows are read through a mapping
 * by ./mapped-sink.ts; how winner and gold values are read is in ./mapped-values.ts.
 */
import { z } from 'zod';

/** Which field of a row holds what. Field names may be dotted paths into nested objects. */
export const columnMappingSchema = z.object({
  prompt: z.string().min(1),
  responses: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
  chosen: z.string().min(1).optional(),
  rejected: z.string().min(1).optional(),
  winner: z.string().min(1).optional(),
  correct: z.string().min(1).optional(),
  category: z.string().min(1).optional(),
  /** Whether winner numbers count from 0 or 1; inferred from the whole column when absent. */
  winnerBase: z.union([z.literal(0), z.literal(1)]).optional(),
  /** Whether gold (`correct`) indices count from 0 or 1; inferred from the whole column when absent. */
  correctBase: z.union([z.literal(0), z.literal(1)]).optional(),
  /** Not a column: the content warning the dataset carries (as the import option; parse.ts `withContentWarning`). */
  contentWarning: z.string().optional(),
});

/** A column mapping (see {@link columnMappingSchema}). */
export type ColumnMapping = z.infer<typeof columnMappingSchema>;

/** A field name compared loosely: lowercase, with spaces, `_` and `-` ignored. */
export const norm = (h: string) => h.toLowerCase().replace(/[\s_-]+/g, '');
const PROMPT = ['prompt', 'question', 'q', 'instruction', 'input', 'query', 'context', 'turn1', 'user'];
const CHOSEN = ['chosen', 'preferred', 'better', 'responsechosen', 'chosenresponse'];
const REJECTED = ['rejected', 'dispreferred', 'worse', 'responserejected', 'rejectedresponse'];
const RESPONSE_LIST = ['responses', 'completions', 'candidates', 'answers', 'outputs'];
const RESPONSE_EACH = /^(response|answer|completion|output|candidate|model)(a|b|c|d|\d+)$/;
const SINGLE_RESPONSE = ['response', 'answer', 'completion', 'output'];
const WINNER = ['winner', 'preference', 'choice', 'label'];
const CORRECT = ['correct', 'iscorrect', 'gold', 'correctindex', 'goldindex'];
const CATEGORY = ['category', 'topic', 'subject', 'type'];

/**
 * Propose a mapping for these headers (CSV columns or the keys of the first JSON rows), or undefined if
 * no prompt field, or neither responses nor a chosen/rejected pair, can be recognised.
 */
export function suggestMapping(headers: string[]): ColumnMapping | undefined {
  const find = (names: string[]) => headers.find((h) => names.includes(norm(h)));
  const prompt = find(PROMPT);
  if (prompt === undefined) return undefined;
  const mapping: ColumnMapping = { prompt };
  const chosen = find(CHOSEN);
  const rejected = find(REJECTED);
  if (chosen !== undefined && rejected !== undefined) {
    mapping.chosen = chosen;
    mapping.rejected = rejected;
  } else {
    const each = headers.filter((h) => RESPONSE_EACH.test(norm(h)));
    const list = find(RESPONSE_LIST) ?? find(SINGLE_RESPONSE);
    if (each.length >= 2) mapping.responses = each;
    else if (list !== undefined) mapping.responses = list;
    else return undefined;
    const winner = find(WINNER);
    if (winner !== undefined) mapping.winner = winner;
  }
  const correct = find(CORRECT);
  if (correct !== undefined) mapping.correct = correct;
  const category = find(CATEGORY);
  if (category !== undefined) mapping.category = category;
  return mapping;
}

/** Read `path` from a row: the key itself if present, else a dotted path into nested objects. */
export function getField(row: unknown, path: string): unknown {
  if (typeof row !== 'object' || row === null) return undefined;
  const rec = row as Record<string, unknown>;
  if (Object.prototype.hasOwnProperty.call(rec, path)) return rec[path];
  let cur: unknown = row;
  for (const part of path.split('.')) {
    if (typeof cur !== 'object' || cur === null || !Object.prototype.hasOwnProperty.call(cur, part))
      return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

/** The mapping in words: `prompt ← "question"; responses ← "a", "b"; winner ← "w"`. */
export function describeMapping(m: ColumnMapping): string {
  const q = (f: string) => `"${f}"`;
  const parts = [`prompt ← ${q(m.prompt)}`];
  if (m.chosen && m.rejected) parts.push(`chosen ← ${q(m.chosen)}`, `rejected ← ${q(m.rejected)}`);
  else if (m.responses)
    parts.push(`responses ← ${(Array.isArray(m.responses) ? m.responses : [m.responses]).map(q).join(', ')}`);
  if (m.winner) parts.push(`winner ← ${q(m.winner)}`);
  if (m.correct) parts.push(`gold ← ${q(m.correct)}`);
  if (m.category) parts.push(`category ← ${q(m.category)}`);
  return parts.join('; ');
}
