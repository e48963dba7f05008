/**
 * Shareable playground experiments: a {@link PlaygroundExperiment} validated with zod, encoded in the
 * URL hash (`/playground#x=<base64url JSON>`) and as a downloadable `.json` file. Decoding never
 * throws: a bad link or file gives one readable message per problem, so the page can fall back to the
 * default experiment. Pure TypeScript (TextEncoder and btoa exist in Node, workers and browsers).
 */
import { z } from 'zod';
import { validateTrainConfig } from '../reward-model/model-file';
import { isRaterPreset } from '../labeling/raters';
import { POLICY_NAMES } from '../labeling/policies';
import { OPTIMIZER_SETTINGS as OPT, optimizerSettingsProblems } from '../goodhart/optimize/settings';
import { KNOB_IDS, KNOBS } from './sweep';
import type { PlaygroundExperiment } from './sweep';

const finite = z.number().refine(Number.isFinite, 'must be a finite number');

const RaterKnobsPartial = z.strictObject({
  lengthBias: finite.optional(),
  confidenceBias: finite.optional(),
  flatteryBias: finite.optional(),
  pFactCheck: z.number().min(0).max(1).optional(),
  factWeight: finite.optional(),
  beta: z.number().positive().optional(),
  positionBias: finite.optional(),
  tieThreshold: z.number().min(0).optional(),
});

const SweepStudy = z
  .strictObject({
    kind: z.literal('sweep'),
    knob: z.enum(KNOB_IDS as [string, ...string[]]),
    from: finite,
    to: finite,
    points: z.number().int().min(1).max(50),
    labels: z.number().int().min(2).max(20000),
  })
  .superRefine((s, ctx) => {
    const k = KNOBS[s.knob as keyof typeof KNOBS];
    if (k.choices) return;
    for (const key of ['from', 'to'] as const) {
      if (s[key] < k.min || s[key] > k.max)
        ctx.addIssue({ code: 'custom', path: [key], message: `must be between ${k.min} and ${k.max}` });
      if (k.scale === 'log' && s[key] <= 0)
        ctx.addIssue({ code: 'custom', path: [key], message: 'must be above 0 (log scale)' });
    }
  });

const ActiveLearningStudy = z
  .strictObject({
    kind: z.literal('active-learning'),
    policies: z.array(z.enum(POLICY_NAMES as [string, ...string[]])).min(1),
    start: z.number().int().min(2).max(5000),
    step: z.number().int().min(1).max(5000),
    max: z.number().int().min(2).max(5000),
    epochs: z.number().int().min(1).max(500),
    target: z.number().min(0).max(1),
  })
  .refine((s) => s.max >= s.start, { message: 'max must be at least start', path: ['max'] });

const range = (r: { min: number; max: number; integer?: boolean }) =>
  (r.integer ? z.number().int() : finite).min(r.min).max(r.max);

const OptimizerSchema = z
  .strictObject({
    method: z.enum(Object.keys(OPT.method.choices) as ['bon', 'rl']),
    steps: range(OPT.steps),
    klCoef: range(OPT.klCoef),
    styleControl: z.boolean(),
    centring: z.boolean(),
    ensembleMembers: range(OPT.ensembleMembers),
    ensembleCombine: z.enum(Object.keys(OPT.ensembleCombine.choices) as ['mean-sd', 'min']),
    ensembleK: range(OPT.ensembleK),
  })
  .superRefine((s, ctx) => {
    for (const m of optimizerSettingsProblems(s))
      ctx.addIssue({ code: 'custom', path: [m.split(':')[0]], message: m.replace(/^[^:]*: /, '') });
  });

const ExperimentSchema = z.strictObject({
  format: z.literal('goodhart-playground'),
  version: z.literal(1),
  datasetId: z.string().min(1).max(200),
  rater: z.strictObject({
    preset: z.string().refine(isRaterPreset, 'unknown rater preset'),
    overrides: RaterKnobsPartial,
  }),
  train: z.record(z.string(), z.unknown()),
  seed: z.number().int(),
  optimizer: OptimizerSchema.optional(),
  study: z.discriminatedUnion('kind', [SweepStudy, ActiveLearningStudy]),
});

/** Result of reading an experiment: the experiment, or one message per problem. */
export type ShareResult = { ok: true; experiment: PlaygroundExperiment } | { ok: false; errors: string[] };

/** Validates an unknown value (parsed JSON) as a playground experiment. */
export function parseExperimentValue(value: unknown): ShareResult {
  const r = ExperimentSchema.safeParse(value);
  if (!r.success)
    return {
      ok: false,
      errors: r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`),
    };
  const study = r.data.study;
  if (study.kind === 'sweep' && study.knob === 'klCoef' && r.data.optimizer?.method !== 'rl')
    return {
      ok: false,
      errors: ['optimizer.method: a sweep of the KL coefficient β needs the RL optimiser'],
    };
  const train = validateTrainConfig(r.data.train);
  if (!train.ok) return { ok: false, errors: train.errors.map((e) => `train.${e}`) };
  const extra = Object.keys(r.data.train).filter((k) => !(k in train.config));
  if (extra.length) return { ok: false, errors: extra.map((k) => `train.${k}: unknown setting`) };
  return { ok: true, experiment: { ...(r.data as unknown as PlaygroundExperiment), train: train.config } };
}

/** Encodes text as base64url (RFC 4648 §5, no padding) of its UTF-8 bytes. */
export function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Decodes base64url (padding optional) to UTF-8 text; throws on characters outside the alphabet. */
export function fromBase64Url(code: string): string {
  if (!/^[A-Za-z0-9_-]*$/.test(code)) throw new Error('not base64url');
  const b64 = code.replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  const bytes = Uint8Array.from(bin, (ch) => ch.charCodeAt(0));
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

/** The URL hash of an experiment: `#x=<base64url JSON>`. */
export function encodeExperimentHash(exp: PlaygroundExperiment): string {
  return `#x=${toBase64Url(JSON.stringify(exp))}`;
}

/**
 * Reads an experiment from a URL hash (with or without the leading `#`). Returns null when the hash
 * carries no experiment (no `x=`), else the experiment or the problems.
 */
export function decodeExperimentHash(hash: string): ShareResult | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const code = params.get('x');
  if (code === null) return null;
  let text: string;
  try {
    text = fromBase64Url(code);
  } catch {
    return { ok: false, errors: ['the link is damaged (its experiment is not valid base64url text)'] };
  }
  return parseExperimentText(text);
}

/** The `.json` file text of an experiment (pretty-printed). */
export function experimentFileText(exp: PlaygroundExperiment): string {
  return `${JSON.stringify(exp, null, 2)}\n`;
}

/** Reads an experiment from JSON text (a file or a decoded link). */
export function parseExperimentText(text: string): ShareResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: [`invalid JSON (${e instanceof Error ? e.message : String(e)})`] };
  }
  return parseExperimentValue(value);
}
