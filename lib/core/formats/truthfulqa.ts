/**
 * TruthfulQA-style CSV: one question per row with `;`-separated `Correct Answers` and `Incorrect Answers`
 * (columns found by name, any order, case-insensitive), optional `Best Answer` and `Category`. Each row
 * becomes a prompt with a gold-labelled candidate pool: every answer is a response tagged `style:plain`
 * with `correct` true or false; the best answer also gets the tag `truthfulqa:best`. No comparisons.
 */
import { z } from 'zod';
import { ImportBuilder } from './builder';
import type { ImportOptions, RowSink } from './result';
import { zodProblems } from './schemas';
import { norm } from './mapping';

/** The columns a TruthfulQA row needs (after header names are normalised). */
export const truthfulQaRowSchema = z.object({
  question: z.string().trim().min(1, 'empty question'),
  correct: z.string(),
  incorrect: z.string(),
  best: z.string().optional(),
  category: z.string().optional(),
});

/** Canonical column → accepted header spellings (compared lowercase, spaces and `_` ignored). */
const COLUMNS: Record<keyof z.infer<typeof truthfulQaRowSchema>, string[]> = {
  question: ['question'],
  correct: ['correctanswers', 'correct'],
  incorrect: ['incorrectanswers', 'incorrect'],
  best: ['bestanswer', 'best'],
  category: ['category'],
};

/** Which canonical columns a header row provides (`{question: 'Question', ...}`). */
export function truthfulQaColumns(headers: string[]): Partial<Record<keyof typeof COLUMNS, string>> {
  const out: Partial<Record<keyof typeof COLUMNS, string>> = {};
  for (const [key, names] of Object.entries(COLUMNS) as [keyof typeof COLUMNS, string[]][]) {
    const found = headers.find((h) => names.includes(norm(h)));
    if (found !== undefined) out[key] = found;
  }
  return out;
}

/** Split a `;`-separated answer list, trimming and dropping empty items. */
export function splitAnswers(cell: string): string[] {
  return cell
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** A sink for TruthfulQA CSV rows (objects keyed by header). Call `header` before the rows. */
export function createTruthfulQaSink(
  fileName: string,
  opts: ImportOptions = {},
): RowSink & { header(fields: string[]): void } {
  const b = new ImportBuilder('truthfulqa-csv', fileName, opts.now, opts.maxIssues);
  let columns: Partial<Record<keyof typeof COLUMNS, string>> | undefined;
  let missing: string[] = [];

  function add(line: number, value: unknown): boolean {
    if (!columns || missing.length > 0) return false;
    const record = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
    const picked: Record<string, unknown> = {};
    for (const [key, header] of Object.entries(columns)) picked[key] = record[header];
    const parsed = truthfulQaRowSchema.safeParse(picked);
    if (!parsed.success) {
      for (const p of zodProblems(parsed.error))
        b.log.add(line, p.message, 'error', p.field && columns[p.field as keyof typeof COLUMNS]);
      return false;
    }
    const row = parsed.data;
    const cols = columns;
    const correct = splitAnswers(row.correct);
    const incorrect = splitAnswers(row.incorrect);
    const best = row.best?.trim();
    if (best && !correct.includes(best)) correct.unshift(best);
    if (correct.length === 0) b.log.add(line, 'no correct answers', 'warning', columns.correct);
    if (incorrect.length === 0) b.log.add(line, 'no incorrect answers', 'warning', columns.incorrect);
    const p = b.prompt(row.question.trim(), row.category?.trim() || 'uncategorized', line);
    if (!p.isNew) {
      b.duplicates++;
      b.log.add(line, `question repeats line ${p.line}; answers merged`, 'warning', columns.question);
    }
    const answers = [
      ...correct.map((text) => ({ text, correct: true, field: cols.correct })),
      ...incorrect.map((text) => ({ text, correct: false, field: cols.incorrect })),
    ];
    for (const ans of answers) {
      const tags = ans.text === best ? ['style:plain', 'truthfulqa:best'] : ['style:plain'];
      const r = b.response(p.key, ans.text, { correct: ans.correct, tags }, line);
      if (r.conflict) {
        b.duplicates++;
        b.log.add(
          line,
          `"${ans.text}" is listed as both correct and incorrect; gold left unset`,
          'warning',
          ans.field,
        );
      } else if (!r.isNew) {
        b.duplicates++;
        b.log.add(line, `answer "${ans.text}" appears twice; merged`, 'warning', ans.field);
      }
    }
    return true;
  }

  return {
    header(fields) {
      columns = truthfulQaColumns(fields);
      missing = (['question', 'correct', 'incorrect'] as const)
        .filter((k) => columns?.[k] === undefined)
        .map(
          (k) => ({ question: 'Question', correct: 'Correct Answers', incorrect: 'Incorrect Answers' })[k],
        );
      if (missing.length > 0)
        b.log.add(1, `missing column${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}`);
    },
    ...b.sink((line, value) => (b.row(add(line, value)), true)),
  };
}
