/**
 * The lab's raw labels JSONL (`format: "goodhart-labels"`): one comparison per line with the annotator,
 * timestamps, duration, rationale, the ranking it was expanded from (if any), the prompt and both response
 * texts. Only `prompt`, `response_a`, `response_b` (or their short names `a`, `b`) and `outcome` are
 * required; {@link readLabelLine} checks a line for this importer and for the pairs parser (pairs.ts,
 * `goodhart train`/`eval`) alike, so both read a labels file the same way. Importing one
 * restores the comparisons and annotators with their original ids (a participant's file imported twice
 * adds nothing twice); lines without ids (e.g. from `goodhart simulate`) get deterministic ones. The
 * prompts and responses come back as text only (gold and tags are not in a labels file), and the dataset's
 * description, source and creation time are made up: {@link labelsFieldDefaults} names these fields, so
 * the database layer (lib/db/merge.ts) keeps a stored row's own values and an exported labels file
 * re-imports as a no-op.
 */
import { z } from 'zod';
import type { Annotator, Comparison, Prompt, Response } from '../types';
import { IssueLog, importAnnotatorName } from './builder';
import { hashId } from './hash';
import type { ImportOptions, ImportResult, RowSink } from './result';
import type { RowProblem } from './conversation';
import { outcomeSchema, strengthSchema, zodProblems } from './schemas';

const id = z.string().min(1);

/** One line of a labels file (the export writes every field; see the file header for the required ones). */
export const labelLineSchema = z.object({
  format: z.literal('goodhart-labels').optional(),
  version: z.literal(1).optional(),
  id: id.optional(),
  dataset_id: id.optional(),
  dataset: z.string().optional(),
  prompt_id: id.optional(),
  prompt: z.string(),
  category: z.string().optional(),
  a_id: id.optional(),
  response_a: z.string(),
  b_id: id.optional(),
  response_b: z.string(),
  outcome: outcomeSchema,
  strength: strengthSchema.optional(),
  rationale: z.string().optional(),
  annotator_id: id.optional(),
  annotator: z.string().optional(),
  annotator_kind: z.enum(['human', 'simulated']).optional(),
  annotator_created: z.number().int().nonnegative().optional(),
  created_at: z.number().int().nonnegative().optional(),
  duration_ms: z.number().nonnegative().optional(),
  /** Set when the comparison was expanded from a K-way ranking (the ranking's id). */
  ranking_id: id.optional(),
});

/** A labels line (see {@link labelLineSchema}). */
export type LabelLine = z.infer<typeof labelLineSchema>;

/**
 * Checks one labels line against {@link labelLineSchema}, reading `a`/`b` as short names for
 * `response_a`/`response_b`, and refuses a line comparing a response with itself (the same id, or
 * without ids the same text). `outcome` "a" means response A (shown on the left) was preferred;
 * `both_bad` carries no preference.
 */
export function readLabelLine(
  value: unknown,
): { ok: true; line: LabelLine } | { ok: false; problems: RowProblem[] } {
  const v = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  const parsed = labelLineSchema.safeParse(
    v ? { ...v, response_a: v.response_a ?? v.a, response_b: v.response_b ?? v.b } : value,
  );
  if (!parsed.success) return { ok: false, problems: zodProblems(parsed.error) };
  const l = parsed.data;
  const self =
    l.a_id !== undefined || l.b_id !== undefined ? l.a_id === l.b_id : l.response_a === l.response_b;
  if (self) return { ok: false, problems: [{ field: 'b_id', message: 'a response compared with itself' }] };
  return { ok: true, line: l };
}

/** The category a prompt gets when its line has none. */
const NO_CATEGORY = 'uncategorized';

/**
 * The fields of a labels import that are defaults, not read from the file (per table, field → the default
 * value): an incoming field equal to its default never replaces what is stored.
 */
export function labelsFieldDefaults(
  result: Pick<ImportResult, 'dataset'>,
): Record<'datasets' | 'prompts' | 'responses', Record<string, unknown>> {
  const d = result.dataset.dataset;
  return {
    datasets: { description: d.description, source: d.source, created: d.created },
    prompts: { category: NO_CATEGORY },
    responses: { tags: [] },
  };
}

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
  const seqs = new Map<string, number>();

  function add(line: number, value: unknown): boolean {
    const read = readLabelLine(value);
    if (!read.ok) {
      for (const p of read.problems) log.add(line, p.message, 'error', p.field);
      return false;
    }
    const l = read.line;
    const dsId = l.dataset_id ?? hashId('ds', 'goodhart-labels', fileName);
    dataset ??= { id: dsId, name: l.dataset ?? fileName.replace(/\.[^.]+$/, '') };
    if (dsId !== dataset.id) {
      log.add(
        line,
        `labels for a second dataset (${dsId}); export one dataset per file`,
        'error',
        'dataset_id',
      );
      return false;
    }
    const promptId = l.prompt_id ?? hashId('pr', dsId, l.prompt);
    const aId = l.a_id ?? hashId('rs', promptId, l.response_a);
    const bId = l.b_id ?? hashId('rs', promptId, l.response_b);
    const annotatorName = l.annotator ?? importAnnotatorName(fileName);
    const annotatorId = l.annotator_id ?? hashId('ann', annotatorName);
    const mismatch = (field: string) => (
      log.add(line, 'same id as an earlier line but different text', 'error', field),
      false
    );
    const p = prompts.get(promptId);
    if (p && p.text !== l.prompt) return mismatch('prompt');
    for (const [rid, text, field] of [
      [aId, l.response_a, 'response_a'],
      [bId, l.response_b, 'response_b'],
    ] as const) {
      const r = responses.get(rid);
      if (r && (r.text !== text || r.promptId !== promptId)) return mismatch(field);
    }
    const seq = (seqs.get(`${annotatorId}|${aId}|${bId}`) ?? 0) + 1;
    seqs.set(`${annotatorId}|${aId}|${bId}`, seq);
    const cid = l.id ?? hashId('cmp', dsId, annotatorId, aId, bId, String(seq - 1));
    const earlier = comparisons.get(cid);
    if (earlier) {
      duplicates++;
      log.add(line, `duplicate of line ${earlier.line}; merged`, 'warning', 'id');
      return true;
    }
    prompts.set(promptId, {
      id: promptId,
      datasetId: dsId,
      text: l.prompt,
      category: l.category ?? NO_CATEGORY,
    });
    for (const [rid, text] of [
      [aId, l.response_a],
      [bId, l.response_b],
    ] as const) {
      if (!responses.has(rid)) responses.set(rid, { id: rid, promptId, datasetId: dsId, text, tags: [] });
    }
    const createdAt = l.created_at ?? now;
    if (!annotators.has(annotatorId)) {
      annotators.set(annotatorId, {
        id: annotatorId,
        name: annotatorName,
        kind: l.annotator_kind ?? 'human',
        created: l.annotator_created ?? createdAt,
      });
    }
    const c: Comparison = {
      id: cid,
      datasetId: dsId,
      promptId,
      aId,
      bId,
      outcome: l.outcome,
      annotatorId,
      createdAt,
      durationMs: l.duration_ms ?? 0,
    };
    if (l.strength !== undefined) c.strength = l.strength;
    if (l.rationale !== undefined) c.rationale = l.rationale;
    if (l.ranking_id !== undefined) c.rankingId = l.ranking_id;
    comparisons.set(cid, { c, line });
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
