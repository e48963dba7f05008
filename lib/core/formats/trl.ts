/**
 * Pairwise preference rows: TRL preference JSONL (`prompt`, `chosen`, `rejected`, optional `margin`) and
 * the implicit-prompt form `{chosen, rejected}` with HH-RLHF transcripts, split by pairs.ts's
 * `splitHhTranscripts` (the prompt is the shared text up to and including the last shared
 * `\n\nAssistant:`; the replies are the rest, trimmed). TRL's conversational form (message lists
 * `{"role", "content"}`, with or without `prompt`) goes the same way once conversation.ts's `splitConversation`
 * has turned it into texts: the prompt is the conversation before the final assistant turn (a lone user
 * message as is, else an HH-RLHF transcript ending in `\n\nAssistant:`), the replies are the final
 * assistant messages. Each row becomes one prompt (shared by rows with the same prompt text), its two
 * responses and one comparison with `aId` = chosen and outcome `a`, credited to an annotator named after
 * the file. A prompt that is empty (or only whitespace) is an error, as in the mapped importer.
 *
 * Margin → strength: no margin → no strength (1 by default); margin < 1 → 1; 1 ≤ margin < 2 → 2;
 * margin ≥ 2 → 3. The TRL export writes margin = strength − 1, so strengths survive a round trip.
 */
import { z } from 'zod';
import type { Strength } from '../types';
import { ImportBuilder, importAnnotatorName } from './builder';
import type { ImportOptions, RowSink } from './result';
import { conversationalPreferenceSchema, zodProblems } from './schemas';
import { isConversationalRow, splitConversation } from './conversation';
import { splitHhTranscripts } from './pairs';

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

/** A sink for TRL rows (standard or conversational) and HH-RLHF rows, whatever the detected format. */
export function createPairSink(format: string, fileName: string, opts: ImportOptions = {}): RowSink {
  const b = new ImportBuilder(format, fileName, opts.now, opts.maxIssues);
  const seenPairs = new Map<string, number>();

  function pair(line: number, value: unknown): boolean {
    const hasPrompt = typeof value === 'object' && value !== null && 'prompt' in value;
    let prompt: string;
    let chosen: string;
    let rejected: string;
    let strength: Strength | undefined;
    if (isConversationalRow(value)) {
      const parsed = conversationalPreferenceSchema.safeParse(value);
      if (!parsed.success) {
        for (const p of zodProblems(parsed.error)) b.log.add(line, p.message, 'error', p.field);
        return false;
      }
      const split = splitConversation(parsed.data);
      if ('problems' in split) {
        for (const p of split.problems) b.log.add(line, p.message, 'error', p.field);
        return false;
      }
      ({ prompt, chosen, rejected } = split);
      if (parsed.data.margin !== undefined) strength = marginToStrength(parsed.data.margin);
    } else if (hasPrompt) {
      const parsed = trlRowSchema.safeParse(value);
      if (!parsed.success) {
        for (const p of zodProblems(parsed.error)) b.log.add(line, p.message, 'error', p.field);
        return false;
      }
      ({ prompt, chosen, rejected } = parsed.data);
      if (parsed.data.margin !== undefined) strength = marginToStrength(parsed.data.margin);
    } else {
      const parsed = hhRowSchema.safeParse(value);
      if (!parsed.success) {
        for (const p of zodProblems(parsed.error)) b.log.add(line, p.message, 'error', p.field);
        return false;
      }
      const split = splitHhTranscripts(parsed.data.chosen, parsed.data.rejected);
      if (!split) {
        b.log.add(line, 'no "prompt", and "chosen"/"rejected" share no "\\n\\nAssistant:" turn', 'error');
        return false;
      }
      ({ prompt, chosen, rejected } = split);
    }
    if (prompt.trim() === '') {
      b.log.add(line, 'missing or empty prompt', 'error', 'prompt');
      return false;
    }
    if (chosen === rejected) {
      b.log.add(line, '"chosen" and "rejected" are identical; no comparison made', 'warning', 'rejected');
      return true;
    }
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

  return {
    content: (text) => b.hashContent(text),
    row: (line, value) => b.row(pair(line, value)),
    invalid: (line, message) => {
      b.log.add(line, message);
      b.row(false);
    },
    finish: () => b.finish(),
  };
}
