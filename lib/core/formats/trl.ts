/**
 * Pairwise preference rows: TRL preference JSONL (`prompt`, `chosen`, `rejected`, optional `margin`) and
 * the implicit-prompt form `{chosen, rejected}` with HH-RLHF transcripts, split by conversation.ts's
 * `splitHhTranscripts` (the prompt is the shared text up to and including the last shared
 * `\n\nAssistant:`; the replies are the rest, trimmed). TRL's conversational form (message lists
 * `{"role", "content"}`, with or without `prompt`) goes the same way once conversation.ts's `splitConversation`
 * has turned it into texts: the prompt is the conversation before the final assistant turn (a lone user
 * message as is, else an HH-RLHF transcript ending in `\n\nAssistant:`), the replies are the final
 * assistant messages. Each row becomes one prompt (shared by rows with the same prompt text), its two
 * responses and one comparison with `aId` = chosen and outcome `a`, credited to an annotator named after
 * the file. A prompt that is empty (or only whitespace) is an error, as in the mapped importer. A file of
 * HH-RLHF transcripts carries HH_CONTENT_WARNING (conversation.ts) unless the import says otherwise.
 *
 * Margin → strength: no margin → no strength (1 by default); margin < 1 → 1; 1 ≤ margin < 2 → 2;
 * margin ≥ 2 → 3. The TRL export writes margin = strength − 1, so strengths survive a round trip.
 */
import { z } from 'zod';
import type { Strength } from '../types';
import { ImportBuilder, importAnnotatorName } from './builder';
import type { ImportOptions, RowSink } from './result';
import { conversationalPreferenceSchema, zodProblems } from './schemas';
import {
  HH_CONTENT_WARNING,
  isConversationalRow,
  splitConversation,
  splitHhTranscripts,
  type RowProblem,
} from './conversation';

/** An explicit-prompt TRL preference row. */
export const trlRowSchema = z.object({
  prompt: z.string(),
  chosen: z.string(),
  rejected: z.string(),
  margin: z.number().finite().optional(),
});

/** An implicit-prompt row: two full HH-RLHF transcripts. */
export const hhRowSchema = z.object({ chosen: z.string(), rejected: z.string() });

/** Strength for a TRL margin (see the file header for the mapping). */
export function marginToStrength(margin: number): Strength {
  return margin >= 2 ? 3 : margin >= 1 ? 2 : 1;
}

/** Margin written by the TRL export for a strength (1 → 0, 2 → 1, 3 → 2; none → 0). */
export function strengthToMargin(strength: Strength | undefined): number {
  return (strength ?? 1) - 1;
}

/**
 * What one pairwise row says, by the rules in the file header: a preference (`form` is the line format
 * it was read as; `margin` as given), a row that is valid but carries none (`chosen` equals `rejected`:
 * a warning, nothing to compare), or the problems that make it invalid. The TRL importer below and the
 * pairs parser (pairs.ts, `goodhart train`/`eval`) both read rows with this, so they agree on every row.
 */
export type PairRow =
  | {
      kind: 'pair';
      form: 'trl' | 'hh-rlhf';
      prompt: string;
      chosen: string;
      rejected: string;
      margin?: number;
    }
  | { kind: 'no-preference'; problem: RowProblem }
  | { kind: 'invalid'; problems: RowProblem[] };

/** Reads one TRL (standard or conversational) or HH-RLHF row; see {@link PairRow}. */
export function readPairRow(value: unknown): PairRow {
  const invalid = (problems: RowProblem[]): PairRow => ({ kind: 'invalid', problems });
  let texts: { prompt: string; chosen: string; rejected: string };
  let margin: number | undefined;
  let form: 'trl' | 'hh-rlhf' = 'trl';
  if (isConversationalRow(value)) {
    const parsed = conversationalPreferenceSchema.safeParse(value);
    if (!parsed.success) return invalid(zodProblems(parsed.error));
    const split = splitConversation(parsed.data);
    if ('problems' in split) return invalid(split.problems);
    texts = split;
    margin = parsed.data.margin;
  } else if (typeof value === 'object' && value !== null && 'prompt' in value) {
    const parsed = trlRowSchema.safeParse(value);
    if (!parsed.success) return invalid(zodProblems(parsed.error));
    texts = parsed.data;
    margin = parsed.data.margin;
  } else {
    const parsed = hhRowSchema.safeParse(value);
    if (!parsed.success) return invalid(zodProblems(parsed.error));
    const split = splitHhTranscripts(parsed.data.chosen, parsed.data.rejected);
    if (!split)
      return invalid([{ message: 'no "prompt", and "chosen"/"rejected" share no "\\n\\nAssistant:" turn' }]);
    texts = split;
    form = 'hh-rlhf';
  }
  if (texts.prompt.trim() === '') return invalid([{ field: 'prompt', message: 'missing or empty prompt' }]);
  if (texts.chosen === texts.rejected)
    return {
      kind: 'no-preference',
      problem: { field: 'rejected', message: '"chosen" and "rejected" are identical; no comparison made' },
    };
  const row: PairRow = {
    kind: 'pair',
    form,
    prompt: texts.prompt,
    chosen: texts.chosen,
    rejected: texts.rejected,
  };
  if (margin !== undefined) row.margin = margin;
  return row;
}

/** A sink for TRL rows (standard or conversational) and HH-RLHF rows, whatever the detected format. */
export function createPairSink(format: string, fileName: string, opts: ImportOptions = {}): RowSink {
  const b = new ImportBuilder(format, fileName, opts.now, opts.maxIssues);
  const seenPairs = new Map<string, number>();
  let transcripts = format === 'hh-rlhf-jsonl';

  function pair(line: number, value: unknown): boolean {
    const read = readPairRow(value);
    if (read.kind === 'pair' && read.form === 'hh-rlhf') transcripts = true;
    if (read.kind === 'invalid') {
      for (const p of read.problems) b.log.add(line, p.message, 'error', p.field);
      return false;
    }
    if (read.kind === 'no-preference') {
      b.log.add(line, read.problem.message, 'warning', read.problem.field);
      return true;
    }
    const { prompt, chosen, rejected } = read;
    const strength = read.margin === undefined ? undefined : marginToStrength(read.margin);
    const p = b.prompt(prompt, 'uncategorized', line);
    const a = b.response(p.key, chosen, {}, line);
    const r = b.response(p.key, rejected, {}, line);
    const key = `${a.key}|${r.key}`;
    const earlier = seenPairs.get(key);
    if (earlier !== undefined) {
      b.duplicates++;
      b.log.add(line, `duplicate of line ${earlier}; merged`, 'warning');
      return true;
    }
    const reversed = seenPairs.get(`${r.key}|${a.key}`);
    if (reversed !== undefined)
      b.log.add(line, `contradicts line ${reversed} (chosen and rejected swapped)`, 'warning');
    seenPairs.set(key, line);
    b.comparison({
      prompt: p.key,
      a: a.key,
      b: r.key,
      outcome: 'a',
      strength,
      annotator: b.annotator(importAnnotatorName(fileName)),
    });
    return true;
  }

  return b.sink(
    (line, value) => (b.row(pair(line, value)), true),
    () => {
      const result = b.finish();
      if (transcripts) result.dataset.dataset.contentWarning = HH_CONTENT_WARNING;
      return result;
    },
  );
}
