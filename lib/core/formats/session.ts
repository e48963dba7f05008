/**
 * The lab's own files: the dataset file (`goodhart-dataset`, lib/core/types.ts) and the session bundle
 * (`goodhart-session`: datasets, labels, skips, K-way rankings, annotators, reward models and settings in
 * one JSON file that round-trips exactly; `rankings` is optional, so bundles written before it stay valid). Import validates every record on its own, so one bad record is reported by
 * its path (`comparisons.12.outcome`) and the valid ones can still be imported; references between
 * records (a comparison's responses, a response's prompt) are checked too.
 */
import { z } from 'zod';
import { rankingProblems } from '../labeling/ranking';
import type { Annotator, Comparison, DatasetFile, Ranking, Skip } from '../types';
import { damagedRunLabel, runRecordSchema, type RunRecord } from '../reward-model/run-record';
import { IssueLog } from './builder';
import { hashId } from './hash';
import { jsonPathLines, parseJson } from './json';
import type { ImportIssue, ImportOptions, ImportResult } from './result';
import {
  annotatorSchema,
  comparisonSchema,
  datasetFileSchema,
  datasetSchema,
  promptSchema,
  responseSchema,
  skipSchema,
  zodProblems,
} from './schemas';

/** Everything a participant or facilitator needs to move a session between machines. */
export interface SessionBundle {
  format: 'goodhart-session';
  version: 1;
  /** Epoch milliseconds. */
  exportedAt: number;
  datasets: DatasetFile[];
  comparisons: Comparison[];
  skips: Skip[];
  annotators: Annotator[];
  /** Reward-model runs (lib/core/reward-model/run-record.ts), each checked on import as the app reads it. */
  models: RunRecord[];
  settings: Record<string, unknown>;
  /** K-way rankings (their expanded pairs are in `comparisons`, with `rankingId`). Absent in older bundles. */
  rankings?: Ranking[];
}

const id = z.string().min(1);

/** A comparison record as a session carries it, including the ranking it was expanded from. */
export const sessionComparisonSchema = comparisonSchema.extend({ rankingId: id.optional() });

/** A K-way ranking record (lib/core/types.ts `Ranking`). */
export const rankingSchema = z.object({
  id,
  datasetId: id,
  promptId: id,
  annotatorId: id,
  tiers: z.array(z.array(id)),
  createdAt: z.number().int().nonnegative(),
  durationMs: z.number().nonnegative(),
});

// Compile-time checks: the schemas' outputs are exactly the shared types (both directions).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameTypes: [
  Same<z.infer<typeof rankingSchema>, Ranking>,
  Same<Required<z.infer<typeof sessionComparisonSchema>>, Required<Comparison>>,
] = [true, true];
void sameTypes;

/** zod schema of a whole session bundle (strict validation in one go). */
export const sessionBundleSchema = z.object({
  format: z.literal('goodhart-session'),
  version: z.literal(1),
  exportedAt: z.number().int().nonnegative(),
  datasets: z.array(datasetFileSchema),
  comparisons: z.array(sessionComparisonSchema),
  skips: z.array(skipSchema),
  annotators: z.array(annotatorSchema),
  models: z.array(runRecordSchema),
  settings: z.record(z.string(), z.unknown()),
  rankings: z.array(rankingSchema).optional(),
});

/** Serialise a session bundle (pretty-printed JSON, one field per line, so problems have useful lines). */
export function exportSession(bundle: SessionBundle): string {
  return JSON.stringify(bundle, null, 1) + '\n';
}

/** Serialise one dataset file. */
export function exportDataset(file: DatasetFile): string {
  return JSON.stringify(file, null, 1) + '\n';
}

type Log = IssueLog;

/** Index of each validated record in its original list (filters below report that index). */
const origin = new WeakMap<object, number>();
const indexOf = (x: object, fallback: number) => origin.get(x) ?? fallback;

/** Validate each element of `items` with `schema`; report failures at `path.i.field`; keep the good ones. */
function each<T>(
  items: unknown,
  schema: z.ZodType<T>,
  path: string,
  log: Log,
  counts: { total: number; valid: number },
): T[] {
  if (!Array.isArray(items)) {
    log.add(1, 'expected a list', 'error', path);
    return [];
  }
  const out: T[] = [];
  items.forEach((item, i) => {
    counts.total++;
    const r = schema.safeParse(item);
    if (r.success) {
      counts.valid++;
      origin.set(r.data as object, i);
      out.push(r.data);
    } else
      for (const p of zodProblems(r.error))
        log.add(1, p.message, 'error', p.field ? `${path}.${i}.${p.field}` : `${path}.${i}`);
  });
  return out;
}

/** Drop records whose id was already seen (keeping the first), with a warning for each. */
function dedupe<T extends { id: string }>(items: T[], path: string, log: Log, dup: { n: number }): T[] {
  const seen = new Set<string>();
  return items.filter((x, i) => {
    if (seen.has(x.id)) {
      dup.n++;
      log.add(1, `duplicate id "${x.id}"; the first one is kept`, 'warning', `${path}.${indexOf(x, i)}.id`);
      return false;
    }
    seen.add(x.id);
    return true;
  });
}

function checkDataset(
  raw: unknown,
  path: string,
  log: Log,
  counts: { total: number; valid: number },
  dup: { n: number },
): DatasetFile | undefined {
  const envelope = z
    .object({ format: z.literal('goodhart-dataset'), version: z.literal(1), dataset: datasetSchema })
    .safeParse(raw);
  counts.total++;
  if (!envelope.success) {
    for (const p of zodProblems(envelope.error))
      log.add(1, p.message, 'error', p.field ? (path ? `${path}.${p.field}` : p.field) : path || undefined);
    return undefined;
  }
  counts.valid++;
  const rec = raw as Record<string, unknown>;
  const at = (name: string) => (path ? `${path}.${name}` : name);
  const id = envelope.data.dataset.id;
  const prompts = dedupe(
    each(rec.prompts, promptSchema, at('prompts'), log, counts),
    at('prompts'),
    log,
    dup,
  ).filter((p, i) => {
    if (p.datasetId === id) return true;
    log.add(
      1,
      `prompt ${p.id} belongs to dataset ${p.datasetId}, not ${id}`,
      'error',
      at(`prompts.${indexOf(p, i)}.datasetId`),
    );
    return false;
  });
  const promptIds = new Set(prompts.map((p) => p.id));
  const responses = dedupe(
    each(rec.responses, responseSchema, at('responses'), log, counts),
    at('responses'),
    log,
    dup,
  ).filter((r, i) => {
    if (r.datasetId === id && promptIds.has(r.promptId)) return true;
    log.add(
      1,
      `response ${r.id} refers to a prompt or dataset not in this file`,
      'error',
      at(`responses.${indexOf(r, i)}`),
    );
    return false;
  });
  return { format: 'goodhart-dataset', version: 1, dataset: envelope.data.dataset, prompts, responses };
}

/**
 * The bundle's reward-model runs, each checked as the app reads a stored run (metrics of its kind, the
 * experiment config, a model file for this build with sane weights); a problem names the run and its field.
 */
function checkRuns(items: unknown, log: Log, counts: { total: number; valid: number }): RunRecord[] {
  if (items === undefined) return [];
  if (!Array.isArray(items)) return []; // reported with the bundle's head ("models": expected a list)
  const out: RunRecord[] = [];
  items.forEach((item, i) => {
    counts.total++;
    const r = runRecordSchema.safeParse(item);
    if (r.success) {
      counts.valid++;
      origin.set(r.data, i);
      out.push(r.data);
      return;
    }
    const label = damagedRunLabel(item, `#${i + 1}`);
    const issues = r.error.issues;
    for (const issue of issues.slice(0, 10))
      log.add(1, `run "${label}": ${issue.message}`, 'error', ['models', i, ...issue.path].join('.'));
    if (issues.length > 10)
      log.add(1, `run "${label}": ${issues.length - 10} more problems`, 'error', `models.${i}`);
  });
  return out;
}

/** Put each issue on the line where its field (or the nearest enclosing value) starts. */
function locate(text: string, issues: ImportIssue[]): ImportIssue[] {
  const wanted = new Set<string>();
  for (const issue of issues) {
    const parts = issue.field?.split('.') ?? [];
    for (let k = 1; k <= parts.length; k++) wanted.add(parts.slice(0, k).join('.'));
  }
  if (wanted.size === 0) return issues;
  const lines = jsonPathLines(text, wanted);
  return issues.map((issue) => {
    const parts = issue.field?.split('.') ?? [];
    for (let k = parts.length; k >= 1; k--) {
      const line = lines.get(parts.slice(0, k).join('.'));
      if (line !== undefined) return { ...issue, line };
    }
    return issue;
  });
}

function emptyDataset(fileName: string, format: string, now: number): DatasetFile {
  return {
    format: 'goodhart-dataset',
    version: 1,
    dataset: {
      id: hashId('ds', 'empty', fileName),
      name: fileName,
      description: '',
      source: `import:${format}:${fileName}`,
      created: now,
    },
    prompts: [],
    responses: [],
  };
}

/** Import a `goodhart-dataset` or `goodhart-session` JSON text. Never throws. */
export function parseLabFile(fileName: string, text: string, opts: ImportOptions = {}): ImportResult {
  const now = opts.now ?? Date.now();
  const log = new IssueLog(opts.maxIssues);
  const counts = { total: 0, valid: 0 };
  const dup = { n: 0 };
  const parsed = parseJson(text);
  const value: unknown = parsed.ok ? parsed.value : undefined;
  if (!parsed.ok) log.add(parsed.line, parsed.message);
  const rec =
    typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  if (parsed.ok && !rec) log.add(1, 'expected a JSON object');
  const format = rec?.format === 'goodhart-session' ? 'goodhart-session' : 'goodhart-dataset';
  const done = (dataset: DatasetFile | undefined, extra: Partial<ImportResult> = {}): ImportResult => ({
    format,
    dataset: dataset ?? emptyDataset(fileName, format, now),
    comparisons: [],
    annotators: [],
    issues: parsed.ok ? locate(text, log.all()) : log.all(),
    validRows: counts.valid,
    totalRows: Math.max(counts.total, 1),
    duplicates: dup.n,
    ...extra,
  });
  if (!rec) return done(undefined);
  if (format === 'goodhart-dataset') return done(checkDataset(rec, '', log, counts, dup));

  const head = z
    .object({
      version: z.literal(1),
      exportedAt: z.number().int().nonnegative(),
      models: z.array(z.unknown()),
      settings: z.record(z.string(), z.unknown()),
    })
    .safeParse(rec);
  if (!head.success) for (const p of zodProblems(head.error)) log.add(1, p.message, 'error', p.field);
  const datasets: DatasetFile[] = [];
  if (!Array.isArray(rec.datasets)) log.add(1, 'expected a list', 'error', 'datasets');
  else
    rec.datasets.forEach((d, i) => {
      const file = checkDataset(d, `datasets.${i}`, log, counts, dup);
      if (file && datasets.some((x) => x.dataset.id === file.dataset.id)) {
        dup.n++;
        log.add(
          1,
          `duplicate dataset id "${file.dataset.id}"; the first one is kept`,
          'warning',
          `datasets.${i}`,
        );
      } else if (file) datasets.push(file);
    });
  const annotators = dedupe(
    each(rec.annotators, annotatorSchema, 'annotators', log, counts),
    'annotators',
    log,
    dup,
  );
  const annotatorIds = new Set(annotators.map((a) => a.id));
  const responsePrompt = new Map<string, string>();
  for (const d of datasets) for (const r of d.responses) responsePrompt.set(r.id, r.promptId);
  const linked = <T extends Comparison | Skip>(items: T[], path: string) =>
    items.filter((c, i) => {
      const ok =
        responsePrompt.get(c.aId) === c.promptId &&
        responsePrompt.get(c.bId) === c.promptId &&
        annotatorIds.has(c.annotatorId);
      if (!ok)
        log.add(
          1,
          'refers to a prompt, response or annotator not in this file',
          'error',
          `${path}.${indexOf(c, i)}`,
        );
      return ok;
    });
  const comparisons = linked(
    dedupe(
      each(rec.comparisons, sessionComparisonSchema, 'comparisons', log, counts),
      'comparisons',
      log,
      dup,
    ),
    'comparisons',
  );
  const skips = linked(dedupe(each(rec.skips, skipSchema, 'skips', log, counts), 'skips', log, dup), 'skips');
  const candidatesOf = new Map<string, string[]>();
  for (const d of datasets)
    for (const r of d.responses) {
      const key = `${r.datasetId}|${r.promptId}`;
      const list = candidatesOf.get(key);
      if (list) list.push(r.id);
      else candidatesOf.set(key, [r.id]);
    }
  const rankings =
    rec.rankings === undefined
      ? undefined
      : dedupe(each(rec.rankings, rankingSchema, 'rankings', log, counts), 'rankings', log, dup).filter(
          (r, i) => {
            const candidates = candidatesOf.get(`${r.datasetId}|${r.promptId}`);
            const problems = candidates
              ? rankingProblems(r, candidates)
              : ['refers to a prompt not in this file'];
            if (!annotatorIds.has(r.annotatorId)) problems.push('refers to an annotator not in this file');
            for (const p of problems) log.add(1, p, 'error', `rankings.${indexOf(r, i)}`);
            return problems.length === 0;
          },
        );
  const models = dedupe(checkRuns(rec.models, log, counts), 'models', log, dup);
  const session: SessionBundle = {
    format: 'goodhart-session',
    version: 1,
    exportedAt: head.success ? head.data.exportedAt : now,
    datasets,
    comparisons,
    skips,
    annotators,
    models,
    settings: head.success ? head.data.settings : {},
    ...(rankings ? { rankings } : {}),
  };
  return done(datasets[0], { comparisons, annotators, session });
}
