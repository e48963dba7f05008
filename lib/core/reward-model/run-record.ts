/**
 * A saved reward-model run (the `runs` table, and the `models` of a session bundle): its experiment
 * config, its figures, the labels it used and the model file. One schema, used wherever a run comes in
 * (a bundle's import) and wherever a stored run is read (/train, /inspect), so a damaged run is reported
 * by its field rather than crashing a page. Metrics are of two kinds: a run trained here (held-out and
 * training figures, curves, backend) or an imported model file (its own held-out accuracy only).
 */
import { z } from 'zod';
import { TrainConfigSchema, RewardModelFileSchema, modelFileProblems } from './model-file';
import { featureSetDim } from './feature-sets';

const id = z.string().min(1);

/** A figure that may be missing: NaN in IndexedDB (no data), null once written to JSON. */
const figure = z.union([z.number(), z.nan(), z.null()]);
const count = z.number().int().nonnegative();

const calibrationSchema = z.object({
  bins: z.array(
    z.object({ lo: z.number(), hi: z.number(), meanPredicted: figure, fractionPositive: figure, count }),
  ),
  ece: figure,
});

/** The figures of one split of a trained run (lib/core/reward-model/run-metrics.ts `SplitFigures` as stored). */
export const splitFiguresSchema = z.object({
  n: count,
  accuracy: figure,
  logLoss: figure,
  calibration: calibrationSchema.nullable(),
  byStrength: z.array(
    z.object({
      strength: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal('none')]),
      accuracy: figure,
      n: count,
    }),
  ),
  trl: z
    .object({ accuracy: figure, margin: figure, min_reward: figure, mean_reward: figure, max_reward: figure })
    .nullable(),
});

/** One epoch of a training curve. */
export const trainingEpochSchema = z.object({
  epoch: z.number().int(),
  loss: z.number(),
  trainAccuracy: z.number(),
  valAccuracy: figure,
  valLoss: figure,
  /** ‖∇f‖₂ when the point is an exact-solver iteration. */
  gradNorm: z.number().optional(),
});

/** Figures of a run trained in the app. */
export const trainedMetricsSchema = z.object({
  heldOut: splitFiguresSchema,
  train: splitFiguresSchema,
  history: z.array(trainingEpochSchema),
  backend: z.string(),
  rewardMean: figure,
  rewardStd: figure,
  labels: count,
});

/** Figures of an imported model file: only what the file itself records. */
export const importedMetricsSchema = z.object({
  imported: z.literal(true),
  heldOut: z.object({ n: count, accuracy: figure }),
});

export type TrainedRunMetrics = z.infer<typeof trainedMetricsSchema>;
export type ImportedRunMetrics = z.infer<typeof importedMetricsSchema>;
export type RunMetrics = TrainedRunMetrics | ImportedRunMetrics;
export type StoredSplitFigures = z.infer<typeof splitFiguresSchema>;

/** The experiment config saved with a run (lib/core/reward-model/experiment.ts; missing training settings take defaults). */
const experimentConfigSchema = z.object({
  format: z.literal('goodhart-experiment'),
  version: z.literal(1),
  datasetId: id,
  annotatorIds: z.array(z.string()),
  train: TrainConfigSchema.partial(),
});

/**
 * The model of a run: a reward-model file whose features this build computes (its feature set's width, the
 * encoder version of this build for the encoder sets), with sane weights.
 */
const runModelSchema = RewardModelFileSchema.superRefine((file, ctx) => {
  for (const p of modelFileProblems(file, featureSetDim))
    ctx.addIssue({ code: 'custom', message: p.message, path: p.path });
});

const runBase = z.object({
  id,
  datasetId: id,
  createdAt: z.number().int().nonnegative(),
  name: z.string(),
  config: experimentConfigSchema,
  labelIds: z.array(z.string()),
  model: runModelSchema,
});

/** A saved reward-model run, as checked. */
export type RunRecord = z.infer<typeof runBase> & { metrics: RunMetrics };

/**
 * zod schema of a run record. The metrics are checked against the kind they say they are (`imported:
 * true`, else trained), so a problem is reported at its field (`metrics.heldOut`), not as "no variant".
 */
export const runRecordSchema: z.ZodType<RunRecord> = z.unknown().transform((value, ctx) => {
  const base = runBase.safeParse(value);
  const rec = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const rawMetrics = rec.metrics;
  const metricsSchema =
    typeof rawMetrics === 'object' &&
    rawMetrics !== null &&
    (rawMetrics as Record<string, unknown>).imported === true
      ? importedMetricsSchema
      : trainedMetricsSchema;
  const metrics = metricsSchema.safeParse(rawMetrics);
  // What a page needs first (metrics, model) before the rest, at most two problems per field: a field that
  // is wholly wrong (`model: {}`) would otherwise bury the others under its own list.
  const order = ['id', 'datasetId', 'createdAt', 'name', 'metrics', 'model', 'labelIds', 'config'];
  const rank = (i: { path: PropertyKey[] }) => {
    const k = order.indexOf(String(i.path[0]));
    return k < 0 ? order.length : k;
  };
  const issues = [
    ...(base.success ? [] : base.error.issues),
    ...(metrics.success ? [] : metrics.error.issues.map((i) => ({ ...i, path: ['metrics', ...i.path] }))),
  ].sort((a, b) => rank(a) - rank(b));
  const perField = new Map<string, number>();
  const shown = issues.filter((i) => {
    const key = String(i.path[0]);
    perField.set(key, (perField.get(key) ?? 0) + 1);
    return perField.get(key)! <= 2;
  });
  for (const [key, n] of perField)
    if (n > 2)
      shown.push({
        code: 'custom',
        path: [key],
        message: `${n - 2} more problems in "${key}"`,
        input: undefined,
      });
  if (!base.success || !metrics.success) {
    for (const i of shown.sort((a, b) => rank(a) - rank(b)))
      ctx.addIssue({
        code: 'custom',
        message:
          i.code === 'invalid_type' && i.message.endsWith('received undefined') && i.path.length
            ? `missing "${String(i.path[i.path.length - 1])}"`
            : i.message,
        path: i.path.map((k) => (typeof k === 'symbol' ? String(k) : k)),
      });
    return z.NEVER;
  }
  return { ...base.data, metrics: metrics.data };
});

/** One problem of a stored or imported run: the dotted field and what is wrong. */
export interface RunProblem {
  field: string;
  message: string;
}

/** Check a run record; a damaged one gives its problems (at most `max`), each with its field. */
export function parseRunRecord(
  value: unknown,
  max = 20,
): { ok: true; run: RunRecord } | { ok: false; problems: RunProblem[] } {
  const r = runRecordSchema.safeParse(value);
  if (r.success) return { ok: true, run: r.data };
  return {
    ok: false,
    problems: r.error.issues.slice(0, max).map((i) => ({
      field: i.path.map(String).join('.'),
      message: i.message,
    })),
  };
}

/** Whether run metrics are those of an imported model file (no curves, no training figures). */
export function isImportedMetrics(m: RunMetrics): m is ImportedRunMetrics {
  return 'imported' in m;
}

/** What a page can say about a stored run it cannot use: its name if it has one, else its id. */
export function damagedRunLabel(value: unknown, fallbackId: string): string {
  const rec = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  return typeof rec.name === 'string' && rec.name ? rec.name : fallbackId;
}

/** The first few problems of a damaged run in one line (`metrics.heldOut: missing "heldOut"; …`). */
export function describeRunProblems(problems: readonly RunProblem[], max = 3): string {
  const shown = problems.slice(0, max).map((p) => `${p.field || 'run'}: ${p.message}`);
  return shown.join('; ') + (problems.length > max ? ` (and ${problems.length - max} more)` : '');
}
