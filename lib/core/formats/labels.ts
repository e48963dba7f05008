/**
 * The lab's raw labels JSONL (`format: "goodhart-labels"`): one comparison per line with the annotator,
 * timestamps, duration, rationale, the prompt and both response texts. Written by the labels export;
 * importing it restores the comparisons and annotators with their original ids (so a participant's
 * file imported twice adds nothing twice) plus the prompts and responses they refer to (text only: gold
 * and tags are not in a labels file, so the database layer should add these only where missing).
 */
import { z } from 'zod';
import type { Annotator, Comparison, Prompt, Response } from '../types';
import { IssueLog } from './builder';
import { hashId } from './hash';
import type { ImportOptions, ImportResult, RowSink } from './result';
import { outcomeSchema, strengthSchema, zodProblems } from './schemas';

const id = z.string().min(1);

/** One line of a labels file. */
export const labelLineSchema = z.object({
  format: z.literal('goodhart-labels'),
  version: z.literal(1),
  id,
  datasetId: id,
  dataset: z.string(),
  promptId: id,
  prompt: z.string(),
  category: z.string(),
  aId: id,
  a: z.string(),
  bId: id,
  b: z.string(),
  outcome: outcomeSchema,
  strength: strengthSchema.optional(),
  rationale: z.string().optional(),
  annotatorId: id,
  annotator: z.string(),
  annotatorKind: z.enum(['human', 'simulated']),
  createdAt: z.number().int().nonnegative(),
  durationMs: z.number().nonnegative(),
});

/** A labels line (see {@link labelLineSchema}). */
export type LabelLine = z.infer<typeof labelLineSchema>;

/** A sink for labels lines. All lines must belong to one dataset. */
export function createLabelsSink(fileName: string, opts: ImportOptions = {}): RowSink {
  const now = opts.now ?? Date.now();
  const log = new IssueLog(opts.maxIssues);
  let total = 0;
  let valid = 0;
  let duplicates = 0;
  let dataset: { id: string; name: string } | undefined;
  const prompts = new Map<string, Prompt>();
  const responses = new Map<string, Response>();
  const annotators = new Map<string, Annotator>();
  const comparisons = new Map<string, { c: Comparison; line: number }>();

  function add(line: number, value: unknown): boolean {
    const parsed = labelLineSchema.safeParse(value);
    if (!parsed.success) {
      for (const p of zodProblems(parsed.error)) log.add(line, p.message, 'error', p.field);
      return false;
    }
    const l = parsed.data;
    dataset ??= { id: l.datasetId, name: l.dataset };
    if (l.datasetId !== dataset.id) {
      log.add(
        line,
        `labels for a second dataset (${l.datasetId}); export one dataset per file`,
        'error',
        'datasetId',
      );
      return false;
    }
    const mismatch = (field: string) => (
      log.add(line, 'same id as an earlier line but different text', 'error', field),
      false
    );
    const p = prompts.get(l.promptId);
    if (p && p.text !== l.prompt) return mismatch('prompt');
    for (const [rid, text, field] of [
      [l.aId, l.a, 'a'],
      [l.bId, l.b, 'b'],
    ] as const) {
      const r = responses.get(rid);
      if (r && (r.text !== text || r.promptId !== l.promptId)) return mismatch(field);
    }
    const earlier = comparisons.get(l.id);
    if (earlier) {
      duplicates++;
      log.add(line, `duplicate of line ${earlier.line}; merged`, 'warning', 'id');
      return true;
    }
    prompts.set(l.promptId, { id: l.promptId, datasetId: l.datasetId, text: l.prompt, category: l.category });
    for (const [rid, text] of [
      [l.aId, l.a],
      [l.bId, l.b],
    ] as const) {
      if (!responses.has(rid))
        responses.set(rid, { id: rid, promptId: l.promptId, datasetId: l.datasetId, text, tags: [] });
    }
    if (!annotators.has(l.annotatorId))
      annotators.set(l.annotatorId, {
        id: l.annotatorId,
        name: l.annotator,
        kind: l.annotatorKind,
        created: l.createdAt,
      });
    const c: Comparison = {
      id: l.id,
      datasetId: l.datasetId,
      promptId: l.promptId,
      aId: l.aId,
      bId: l.bId,
      outcome: l.outcome,
      annotatorId: l.annotatorId,
      createdAt: l.createdAt,
      durationMs: l.durationMs,
    };
    if (l.strength !== undefined) c.strength = l.strength;
    if (l.rationale !== undefined) c.rationale = l.rationale;
    comparisons.set(l.id, { c, line });
    return true;
  }

  return {
    content: () => {},
    row: (line, value) => {
      total++;
      if (add(line, value)) valid++;
    },
    invalid: (line, message) => {
      total++;
      log.add(line, message);
    },
    finish: (): ImportResult => {
      const ds = dataset ?? { id: hashId('ds', 'goodhart-labels', fileName), name: fileName };
      return {
        format: 'goodhart-labels',
        dataset: {
          format: 'goodhart-dataset',
          version: 1,
          dataset: {
            id: ds.id,
            name: ds.name,
            description: `Labels imported from ${fileName}`,
            source: `import:goodhart-labels:${fileName}`,
            created: now,
          },
          prompts: [...prompts.values()],
          responses: [...responses.values()],
        },
        comparisons: [...comparisons.values()].map((x) => x.c),
        annotators: [...annotators.values()],
        issues: log.all(),
        validRows: valid,
        totalRows: total,
        duplicates,
      };
    },
  };
}
