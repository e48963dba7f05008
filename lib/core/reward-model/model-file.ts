/**
 * The reward model as a file: training configuration (schema and defaults from ./settings.ts), the versioned, validated JSON
 * form of trained weights and metrics, and a pure-JS scorer so the viewer and the CLI can score
 * responses without TF.js (linear: a dot product; MLP: one small hidden layer).
 */
import { z } from 'zod';
import { FEATURES_VERSION } from './features/index';
import {
  FEATURE_SETS,
  LEGACY_FEATURE_SET,
  featureRecordProblem,
  featureSetDim,
  featureSetName,
  unreadColumns,
  usesEncoder,
  usesStyleHashed,
  type FeatureRecord,
  type FeatureSet,
} from './feature-sets';
import {
  TRAIN_SETTING_KEYS,
  acceptsNumber,
  choiceValues,
  refusal,
  trainDefaults,
  trainSetting,
  type Setting,
  type TrainConfig,
  type TrainSettingKey,
} from './settings';

export type { TrainConfig } from './settings';

/** Defaults (the settings table's) that converge on HH-RLHF and on synthetic data (see tests/unit/ml-*.test.ts). */
export const DEFAULT_TRAIN_CONFIG: Readonly<TrainConfig> = trainDefaults();

/** The zod schema of one setting: its kind and range or choices, refused with the table's message. */
function settingSchema(s: Setting): z.ZodType {
  const error = (iss: { input?: unknown }) => refusal(s, iss.input);
  if (s.kind === 'choice') return z.enum(choiceValues(s) as [string, ...string[]], { error });
  return z.number({ error }).refine((v) => acceptsNumber(s, v), { error });
}

/** Every setting of TRAIN_SETTINGS, as the schema of a whole TrainConfig. */
export const TrainConfigSchema = z.object(
  // Each key's schema is built from its own row, so it parses exactly that key's TrainConfig type.
  Object.fromEntries(TRAIN_SETTING_KEYS.map((k) => [k, settingSchema(trainSetting(k))])) as {
    [K in TrainSettingKey]: z.ZodType<TrainConfig[K]>;
  },
);

/**
 * The config as a model file stores it: a setting the file predates (no key) reads as the value its row
 * names `legacy` (what every model was trained with before the setting existed), never as today's default.
 */
const FileConfigSchema = z.object(
  Object.fromEntries(
    TRAIN_SETTING_KEYS.map((k) => {
      const s = trainSetting(k);
      const schema = settingSchema(s);
      return [k, s.kind === 'choice' && s.legacy !== undefined ? schema.default(s.legacy) : schema];
    }),
  ) as { [K in TrainSettingKey]: z.ZodType<TrainConfig[K]> },
);

/** Checks a (partial) config on top of the defaults; returns the config or one message per problem. */
export function validateTrainConfig(
  partial: Partial<TrainConfig>,
): { ok: true; config: TrainConfig } | { ok: false; errors: string[] } {
  const r = TrainConfigSchema.safeParse({ ...DEFAULT_TRAIN_CONFIG, ...partial });
  if (r.success) return { ok: true, config: r.data };
  return { ok: false, errors: r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) };
}

const LinearWeights = z.object({ kind: z.literal('linear'), w: z.array(z.number()), b: z.number() });
const MlpWeights = z.object({
  kind: z.literal('mlp'),
  activation: z.enum(['relu', 'tanh']),
  /** dim × hidden */
  w1: z.array(z.array(z.number())),
  b1: z.array(z.number()),
  w2: z.array(z.number()),
  b2: z.number(),
});

/** Trained parameters as plain arrays. */
export type ModelWeights = z.infer<typeof LinearWeights> | z.infer<typeof MlpWeights>;

/**
 * How the weights were found: `lbfgs` (the exact solver, ./solver/) or `adam`; iterations (L-BFGS) or
 * epochs (Adam); the final ‖∇f‖₂ and objective f of ./solver/objective.ts (null for the MLP, whose
 * objective the solver does not compute); whether the gradient tolerance was met (null for Adam).
 */
const Fit = z.object({
  solver: z.enum(['lbfgs', 'adam']),
  iterations: z.number().int().nonnegative(),
  gradNorm: z.number().nullable(),
  objective: z.number().nullable(),
  gradTolerance: z.number().nullable(),
  converged: z.boolean().nullable(),
});

/** How a model's weights were found (see `Fit`). */
export type FitRecord = z.infer<typeof Fit>;

const Split = z.object({
  accuracy: z.number().nullable(),
  logLoss: z.number().nullable(),
  n: z.number().int(),
});

export const RewardModelFileSchema = z.object({
  format: z.literal('goodhart-reward-model'),
  version: z.literal(1),
  featuresVersion: z.string(),
  config: FileConfigSchema,
  weights: z.discriminatedUnion('kind', [LinearWeights, MlpWeights]),
  /** Davidson tie parameter ν when trained with ties = davidson. */
  tieNu: z.number().positive().optional(),
  rewardMean: z.number(),
  rewardStd: z.number(),
  metrics: z.object({ train: Split, val: Split, epochs: z.number().int() }),
  /** Absent in files written before the exact solver. */
  fit: Fit.optional(),
  /**
   * The feature set (equal to config.features) and the encoder version it reads (null for none); see
   * ./feature-sets.ts. Absent in files written before feature sets: those are style+hashed.
   */
  features: z
    .object({
      set: z.enum(FEATURE_SETS as [FeatureSet, ...FeatureSet[]]),
      encoder: z.string().nullable(),
    })
    .optional(),
  trainedOn: z.object({ n: z.number().int(), promptKeys: z.array(z.string()).optional() }),
  heldOutPromptKeys: z.array(z.string()),
  /** Epoch milliseconds. */
  createdAt: z.number(),
});

/** A trained reward model as saved to IndexedDB or a `.json` file. */
export type RewardModelFile = z.infer<typeof RewardModelFileSchema>;
/** Accuracy and log-loss (null when there were no rows) of one split. */
export type SplitMetrics = z.infer<typeof Split>;

/**
 * Parses and validates a model file's JSON text. Also checks that the weights match the current
 * feature layout, so a model trained on other features is refused rather than silently misread.
 */
export function parseModelFile(
  text: string,
  expectedDim?: ExpectedDim,
): { ok: true; file: RewardModelFile } | { ok: false; errors: string[] } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: [`invalid JSON (${e instanceof Error ? e.message : String(e)})`] };
  }
  return checkModelFile(json, expectedDim);
}

/**
 * The largest magnitude a weight or bias may have. Features are O(1) (log1p counts, capped ratios, a unit
 * hashed block), so with every parameter within ±1e6 a reward stays finite (below ~1e19 even for the MLP);
 * a trained model's parameters are many orders of magnitude smaller. Beyond it a file is damaged, and its
 * rewards would overflow to ±Infinity and NaN.
 */
export const MAX_PARAMETER = 1e6;

/**
 * The input width a reader can compute: a number (the app: FEATURE_DIM, style+hashed only), or one per
 * feature set (the CLI, which runs the encoder: featureSetDim).
 */
export type ExpectedDim = number | ((set: FeatureSet) => number);

/** One problem of a model file: the dotted path of the field (empty for the whole file) and what is wrong. */
export interface ModelFileProblem {
  path: (string | number)[];
  message: string;
}

/** Problems of a model that passed the schema: feature layout, expected input size, shapes, magnitudes. */
export function modelFileProblems(f: RewardModelFile, expectedDim?: ExpectedDim): ModelFileProblem[] {
  const problems: ModelFileProblem[] = [];
  const features = modelFeatures(f);
  if (features.set !== f.config.features)
    problems.push({
      path: ['features', 'set'],
      message: `"${features.set}" is not the config's feature set "${f.config.features}"`,
    });
  const unreadable = featureRecordProblem(features);
  if (unreadable) problems.push({ path: ['features'], message: unreadable });
  if (usesStyleHashed(features.set) && f.featuresVersion !== FEATURES_VERSION)
    problems.push({
      path: ['featuresVersion'],
      message: `"${f.featuresVersion}" does not match this build's "${FEATURES_VERSION}"`,
    });
  const dim = modelInputDim(f.weights);
  const setDim = featureSetDim(features.set);
  const unread = unreadColumns(features.set);
  // A style+hashed model may be of any width (synthetic data); a reader names the width it computes.
  if ((usesEncoder(features.set) || unread) && dim !== setDim)
    problems.push({
      path: ['weights'],
      message: `expect ${dim} features, but feature set "${features.set}" has ${setDim}`,
    });
  else {
    const want = typeof expectedDim === 'function' ? expectedDim(features.set) : expectedDim;
    if (want !== undefined && dim !== want)
      problems.push({
        path: ['weights'],
        message: usesEncoder(features.set)
          ? `the model reads feature set "${features.set}" (${dim} features, with the sentence encoder), which cannot be computed here: only ${want}-feature style+hashed models can`
          : `expect ${dim} features, not ${want}`,
      });
  }
  const w = f.weights;
  // A set's unread columns carry no weight (feature-sets.ts unreadColumns); one that does was not trained
  // on that set's rows, so its rewards on them would be wrong.
  if (unread && dim === setDim)
    for (let j = unread[0]; j < unread[1]; j++) {
      const rows = w.kind === 'linear' ? [w.w[j]] : w.w1[j];
      if (rows.some((x) => x !== 0)) {
        problems.push({
          path: ['weights', w.kind === 'linear' ? 'w' : 'w1', j],
          message: `feature set "${features.set}" does not read ${featureSetName(features.set, j)}, but its weight is not 0`,
        });
        break;
      }
    }
  if (w.kind === 'mlp') {
    const h = w.b1.length;
    if (w.w2.length !== h || w.w1.some((row) => row.length !== h))
      problems.push({ path: ['weights'], message: `MLP layers have inconsistent hidden sizes` });
  }
  const check = (path: (string | number)[], x: number) => {
    if (Math.abs(x) > MAX_PARAMETER && problems.length < 20)
      problems.push({
        path: ['weights', ...path],
        message: `${x} is beyond ±${MAX_PARAMETER}: the weights are damaged (rewards would overflow)`,
      });
  };
  const list = (name: string, xs: readonly number[]) => xs.forEach((x, i) => check([name, i], x));
  if (w.kind === 'linear') {
    list('w', w.w);
    check(['b'], w.b);
  } else {
    w.w1.forEach((row, i) => row.forEach((x, j) => check(['w1', i, j], x)));
    list('b1', w.b1);
    list('w2', w.w2);
    check(['b2'], w.b2);
  }
  return problems;
}

/**
 * Validates an already-parsed model (e.g. one stored in IndexedDB) exactly as {@link parseModelFile} does,
 * without a round trip through JSON text.
 */
export function checkModelFile(
  json: unknown,
  expectedDim?: ExpectedDim,
): { ok: true; file: RewardModelFile } | { ok: false; errors: string[] } {
  const r = RewardModelFileSchema.safeParse(json);
  if (!r.success)
    return { ok: false, errors: r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`) };
  const problems = modelFileProblems(r.data, expectedDim);
  return problems.length
    ? {
        ok: false,
        errors: problems.map((p) => (p.path.length ? `${p.path.join('.')}: ${p.message}` : p.message)),
      }
    : { ok: true, file: r.data };
}

/** A model's feature set and encoder version (a file without `features` is style+hashed, no encoder). */
export function modelFeatures(f: Pick<RewardModelFile, 'features'>): FeatureRecord {
  return f.features ?? { set: LEGACY_FEATURE_SET, encoder: null };
}

/** Number of input features the weights expect. */
export function modelInputDim(w: ModelWeights): number {
  return w.kind === 'linear' ? w.w.length : w.w1.length;
}

/** The reward of one feature vector under `weights`, in plain JS (float64 accumulation). */
export function scoreWithWeights(w: ModelWeights, x: ArrayLike<number>, offset = 0): number {
  if (w.kind === 'linear') {
    let s = w.b;
    for (let i = 0; i < w.w.length; i++) s += w.w[i] * x[offset + i];
    return s;
  }
  const h = w.b1.slice();
  for (let i = 0; i < w.w1.length; i++) {
    const xi = x[offset + i];
    if (xi === 0) continue;
    const row = w.w1[i];
    for (let j = 0; j < h.length; j++) h[j] += xi * row[j];
  }
  let s = w.b2;
  for (let j = 0; j < h.length; j++)
    s += w.w2[j] * (w.activation === 'relu' ? Math.max(0, h[j]) : Math.tanh(h[j]));
  return s;
}

/** The reward of one feature vector under a model file (no TF.js needed). */
export function scoreWithModelFile(file: RewardModelFile, x: ArrayLike<number>): number {
  return scoreWithWeights(file.weights, x);
}

/** Rewards of every row of a row-major matrix (rows × dim). */
export function scoreMatrix(w: ModelWeights, vectors: Float32Array, dim: number): Float64Array {
  const n = Math.floor(vectors.length / dim);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = scoreWithWeights(w, vectors, i * dim);
  return out;
}
