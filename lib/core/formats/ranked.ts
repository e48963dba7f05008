/**
 * Ranked candidates JSONL: `{prompt, responses: [string | {text, correct?, goldScore?, source?, tags?}],
 * ranking?: number[], category?}`. Gold labels go onto the responses; a ranking (indices into
 * `responses`, best first, possibly covering only some of them) expands into its C(K,2) comparisons
 * (or, with `rankingPairs: 'adjacent'`, the K − 1 between neighbours), each with the better response as
 * `a` and outcome `a`, credited to an annotator named after the file. A ranking that would expand into
 * more than ranking.ts's MAX_RANKING_PAIRS comparisons, or pass the file's MAX_FILE_RANKING_PAIRS, is
 * refused on its line and adds nothing. Ranking indices count from 0 or from 1 as ./index-base.ts infers
 * from every ranking of the file (the lab's own exports count from 0), so rows from the first ranking
 * on are added once the whole file is read; the reading is reported, an ambiguous file is an error.
 */
import { z } from 'zod';
import { forEachRankingPair, RankingPairBudget } from '../labeling/ranking';
import { ImportBuilder, importAnnotatorName } from './builder';
import { describeBase, inferIndexBase, type IndexBase, type IndexSample } from './index-base';
import type { ImportOptions, ImportReading, RowSink } from './result';
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
    // An index may be 0..K: which base the file uses is settled over all its rankings (rankingBase).
    const seen = new Set<number>();
    const k = row.responses.length;
    const hasZero = row.ranking.includes(0);
    row.ranking.forEach((r, i) => {
      // K fits only 1-based, 0 only 0-based: one ranking holding both is out of range either way.
      if (r > k || (r === k && hasZero)) {
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

/** One row's ranking as index samples for {@link inferIndexBase}. */
export function rankingSamples(ranking: readonly number[], k: number, line: number): IndexSample[] {
  return ranking.map((value) => ({ value, k, line }));
}

/**
 * The base of a file's ranking indices, from all its samples: the base, or an error message naming the
 * evidence when both readings fit, or null when the file has no rankings. `reading` describes the guess.
 */
export function rankingBase(
  samples: readonly IndexSample[],
): { base: IndexBase; reading: ImportReading } | { error: string; line: number } | null {
  const v = inferIndexBase(samples);
  if (v.kind === 'none') return null;
  if (v.kind === 'ambiguous')
    return {
      line: Math.max(v.zeroLine, v.topLine),
      error:
        `cannot tell whether the ranking indices count from 0 or from 1: line ${v.zeroLine} holds 0 and ` +
        `line ${v.topLine} holds ${v.top}, its row's number of responses; write every ranking counting ` +
        `from 0 (0 = first response), as this format does`,
    };
  return {
    base: v.base,
    reading: {
      field: 'ranking',
      what: 'ranking',
      reading: `ranking indices read as ${describeBase(v.base)}: ${v.why}`,
      guessed: true,
    },
  };
}

/** A sink for ranked-candidates rows. */
export function createRankedSink(fileName: string, opts: ImportOptions = {}): RowSink {
  const b = new ImportBuilder('ranked-jsonl', fileName, opts.now, opts.maxIssues);
  const annotator = importAnnotatorName(fileName);
  const budget = new RankingPairBudget(opts.rankingPairs);
  const pending: { line: number; row: z.infer<typeof rankedRowSchema> }[] = [];
  const samples: IndexSample[] = [];

  /** Checks one row; a usable row is added at once, or kept for `finish` from the first ranking on. */
  function read(line: number, value: unknown): boolean {
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
    if (ranking.length > 0)
      for (const s of rankingSamples(ranking, row.responses.length, line)) samples.push(s);
    if (pending.length > 0 || ranking.length > 0) pending.push({ line, row });
    else b.row(add(line, row, 0));
    return true;
  }

  /** Adds a checked row, its ranking read with `base` (null: the file's base is ambiguous). */
  function add(line: number, row: z.infer<typeof rankedRowSchema>, base: IndexBase | null): boolean {
    const ranking = (row.ranking ?? []).map((r) => r - (base ?? 0));
    if (ranking.length > 0 && (base === null || ranking.some((r) => r < 0 || r >= row.responses.length)))
      return false;
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
            `ranking compares a response with its duplicate (indices ${row.ranking![i]} and ${row.ranking![j]}); skipped`,
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

  return b.sink(read, () => {
    const settled = rankingBase(samples);
    if (settled && 'error' in settled) b.log.add(settled.line, settled.error, 'error', 'ranking');
    const base = settled === null ? 0 : 'base' in settled ? settled.base : null;
    for (const { line, row } of pending) b.row(add(line, row, base));
    const result = b.finish();
    return settled && 'reading' in settled ? { ...result, readings: [settled.reading] } : result;
  });
}
