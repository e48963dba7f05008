/**
 * Ranked candidates JSONL: `{prompt, responses: [string | {text, correct?, goldScore?, source?, tags?}],
 * ranking?: number[], category?}`. Gold labels go onto the responses; a ranking (indices into
 * `responses`, best first, possibly covering only some of them) expands into its C(K,2) comparisons
 * (or, with `rankingPairs: 'adjacent'`, the K − 1 between neighbours), each with the better response as
 * `a` and outcome `a`, credited to an annotator named after the file. A ranking that would expand into
 * more than ranking.ts's MAX_RANKING_PAIRS comparisons, or pass the file's MAX_FILE_RANKING_PAIRS, is
 * refused on its line and adds nothing.
 */
import { z } from 'zod';
import { forEachRankingPair, RankingPairBudget } from '../ranking';
import { ImportBuilder, importAnnotatorName } from './builder';
import type { ImportOptions, RowSink } from './result';
import { zodProblems } from './schemas';

/** One candidate response: a bare string or an object with gold labels. */
export const rankedResponseSchema = z.union([
  z.string(),
  z.object({
    text: z.string(),
    correct: z.boolean().optional(),
    goldScore: z.number().optional(),
    source: z.string().optional(),
    tags: z.array(z.string()).optional(),
  }),
]);

/** One ranked-candidates row. */
export const rankedRowSchema = z
  .object({
    prompt: z.string(),
    responses: z.array(rankedResponseSchema).min(1),
    ranking: z.array(z.number().int().nonnegative()).optional(),
    category: z.string().optional(),
  })
  .superRefine((row, ctx) => {
    if (!row.ranking) return;
    const seen = new Set<number>();
    row.ranking.forEach((r, i) => {
      if (r >= row.responses.length) {
        ctx.addIssue({
          code: 'custom',
          path: ['ranking', i],
          message: `index ${r} is out of range (${row.responses.length} responses)`,
        });
      } else if (seen.has(r)) {
        ctx.addIssue({ code: 'custom', path: ['ranking', i], message: `index ${r} appears twice` });
      }
      seen.add(r);
    });
  });

/** A sink for ranked-candidates rows. */
export function createRankedSink(fileName: string, opts: ImportOptions = {}): RowSink {
  const b = new ImportBuilder('ranked-jsonl', fileName, opts.now, opts.maxIssues);
  const annotator = importAnnotatorName(fileName);
  const budget = new RankingPairBudget(opts.rankingPairs);

  function add(line: number, value: unknown): boolean {
    const parsed = rankedRowSchema.safeParse(value);
    if (!parsed.success) {
      for (const p of zodProblems(parsed.error)) b.log.add(line, p.message, 'error', p.field);
      return false;
    }
    const row = parsed.data;
    const ranking = row.ranking ?? [];
    const tooMany = ranking.length >= 2 ? budget.take(ranking.length) : null;
    if (tooMany) {
      b.log.add(line, tooMany, 'error', 'ranking');
      return false;
    }
    const p = b.prompt(row.prompt, row.category ?? 'uncategorized', line);
    if (!p.isNew) {
      b.duplicates++;
      b.log.add(line, `prompt repeats line ${p.line}; responses merged`, 'warning', 'prompt');
    }
    const keys = row.responses.map((resp, i) => {
      const r = typeof resp === 'string' ? { text: resp } : resp;
      const { text, ...extras } = r;
      const added = b.response(p.key, text, extras, line);
      if (!added.isNew) {
        b.duplicates++;
        b.log.add(
          line,
          `duplicate response${added.line === line ? '' : ` (first on line ${added.line})`}; merged`,
          'warning',
          `responses.${i}`,
        );
      }
      if (added.conflict)
        b.log.add(line, 'duplicate response with different gold; gold cleared', 'warning', `responses.${i}`);
      return added.key;
    });
    if (ranking.length > 0) {
      const who = b.annotator(annotator);
      forEachRankingPair(ranking.length, budget.mode, (i, j) => {
        const better = keys[ranking[i]];
        const worse = keys[ranking[j]];
        if (better === worse) {
          b.log.add(
            line,
            `ranking compares a response with its duplicate (indices ${ranking[i]} and ${ranking[j]}); skipped`,
            'warning',
            'ranking',
          );
          return;
        }
        b.comparison({ prompt: p.key, a: better, b: worse, outcome: 'a', annotator: who });
      });
    }
    return true;
  }

  return {
    content: (text) => b.hashContent(text),
    row: (line, value) => b.row(add(line, value)),
    invalid: (line, message) => {
      b.log.add(line, message);
      b.row(false);
    },
    finish: () => b.finish(),
  };
}
