/**
 * Playground experiments as data (pure): the knobs a sweep can turn (rater and training knobs, with
 * ranges and units), the grid of values a sweep visits, how one knob value is applied to a base config,
 * the active-learning spec, the whole experiment object that is shared by link or file (validated in
 * ./share.ts), and the shipped preset sweep. The TF.js side lives in lib/ml/sweep.ts.
 * PlaygroundExperiment is a whole study (a simulated rater, a sweep or an active-learning comparison,
 * many runs); the config of one training run is RunExperiment (../reward-model/experiment.ts).
 */
import { FEATURE_SETS, usesEncoder } from '../reward-model/feature-sets';
import { DEFAULT_TRAIN_CONFIG } from '../reward-model/model-file';
import { TRAIN_SETTINGS } from '../reward-model/settings';
import type { TrainConfig } from '../reward-model/model-file';
import { POLICY_NAMES, type PolicyName } from '../labeling/policies';
import { RATER_PRESETS } from '../labeling/raters';
import type { RaterKnobs, RaterPreset } from '../labeling/raters';

/** Identifier of a knob a sweep can vary. */
export type KnobId =
  | 'pFactCheck'
  | 'confidenceBias'
  | 'lengthBias'
  | 'beta'
  | 'l2'
  | 'marginPreset'
  | 'modelSize'
  | 'features'
  | 'labels';

/** The knobs in display order. */
export const KNOB_IDS: readonly KnobId[] = [
  'pFactCheck',
  'confidenceBias',
  'lengthBias',
  'beta',
  'l2',
  'marginPreset',
  'modelSize',
  'features',
  'labels',
];

/** One choice of a categorical knob: its numeric position on the x axis and its name. */
export interface KnobChoice {
  value: number;
  label: string;
}

/** What a knob is and how it is swept. */
export interface KnobDef {
  id: KnobId;
  /** Whether it changes the simulated rater or the training run. */
  kind: 'rater' | 'train';
  /** Short name, e.g. "Fact-check probability". */
  label: string;
  /** Unit for the axis title, e.g. "probability per pair"; empty for none. */
  unit: string;
  /** Smallest and largest sensible values. */
  min: number;
  max: number;
  /** Default range of a sweep. */
  from: number;
  to: number;
  /** Grid spacing: `log` spaces values geometrically (both ends must be > 0). */
  scale: 'linear' | 'log';
  /** Values are rounded to integers. */
  integer?: boolean;
  /** A categorical knob visits exactly these (from/to/points are ignored). */
  choices?: readonly KnobChoice[];
  /** One sentence for the form. */
  help: string;
}

/** The knob definitions by id. */
export const KNOBS: Readonly<Record<KnobId, KnobDef>> = {
  pFactCheck: {
    id: 'pFactCheck',
    kind: 'rater',
    label: 'Fact-check probability',
    unit: 'share of pairs',
    min: 0,
    max: 1,
    from: 0,
    to: 1,
    scale: 'linear',
    help: 'How often the rater checks whether an answer is actually right.',
  },
  confidenceBias: {
    id: 'confidenceBias',
    kind: 'rater',
    label: 'Confidence bias',
    unit: 'utility per unit of polish',
    min: -5,
    max: 5,
    from: 0,
    to: 4,
    scale: 'linear',
    help: 'How much the rater likes confident, formatted answers and dislikes hedging.',
  },
  lengthBias: {
    id: 'lengthBias',
    kind: 'rater',
    label: 'Length bias',
    unit: 'utility per unit of log length',
    min: -5,
    max: 5,
    from: 0,
    to: 4,
    scale: 'linear',
    help: 'How much the rater likes longer answers.',
  },
  beta: {
    id: 'beta',
    kind: 'rater',
    label: 'Rater determinism β',
    unit: '1/utility (low = noisy)',
    min: 0.01,
    max: 100,
    from: 0.1,
    to: 10,
    scale: 'log',
    help: 'Inverse noise: at low β the rater’s choices are close to coin flips.',
  },
  l2: {
    id: 'l2',
    kind: 'train',
    label: 'L2 penalty λ',
    unit: 'per squared weight',
    min: 0,
    max: 10,
    from: 1e-4,
    to: 1,
    scale: 'log',
    help: 'Weight decay: pulls the reward model towards simpler weights.',
  },
  marginPreset: {
    id: 'marginPreset',
    kind: 'train',
    label: 'Margin preset',
    unit: '0 = none, 1 = Llama 2',
    min: 0,
    max: 1,
    from: 0,
    to: 1,
    scale: 'linear',
    integer: true,
    choices: [
      { value: 0, label: 'none' },
      { value: 1, label: 'llama2' },
    ],
    help: 'Whether stronger preferences demand a larger reward gap (Llama 2 margins).',
  },
  modelSize: {
    id: 'modelSize',
    kind: 'train',
    label: 'Model size',
    unit: 'hidden units, 0 = linear',
    min: 0,
    max: 128,
    from: 0,
    to: 128,
    scale: 'linear',
    integer: true,
    choices: [
      { value: 0, label: 'linear' },
      { value: 8, label: 'MLP 8' },
      { value: 32, label: 'MLP 32' },
      { value: 128, label: 'MLP 128' },
    ],
    help: 'A linear reward over the features, or an MLP with 8, 32 or 128 hidden units.',
  },
  features: {
    id: 'features',
    kind: 'train',
    label: 'Features',
    unit: FEATURE_SETS.map((f, i) => `${i} = ${f}`).join(', '),
    min: 0,
    max: FEATURE_SETS.length - 1,
    from: 0,
    to: FEATURE_SETS.length - 1,
    scale: 'linear',
    integer: true,
    // Position i is FEATURE_SETS[i]; the labels are the sets' own names (settings.ts).
    choices: FEATURE_SETS.map((f, i) => ({ value: i, label: f })),
    help: `Which features the reward model reads: ${TRAIN_SETTINGS.features.help.replace(/^What the reward model reads: /, '')}`,
  },
  labels: {
    id: 'labels',
    kind: 'train',
    label: 'Number of labels',
    unit: 'simulated judgments',
    min: 10,
    max: 5000,
    from: 50,
    to: 1000,
    scale: 'log',
    integer: true,
    help: 'How many pairs the simulated rater labels before training.',
  },
};

/** Whether `id` names a knob. */
export function isKnobId(id: string): id is KnobId {
  return Object.hasOwn(KNOBS, id);
}

/** The axis title of a knob: "label (unit)". */
export function knobAxisName(id: KnobId): string {
  const k = KNOBS[id];
  return k.unit ? `${k.label} (${k.unit})` : k.label;
}

/**
 * Values visited from `from` to `to` (both included) in `points` steps: evenly spaced (`linear`) or
 * geometrically (`log`, both ends > 0). Integer grids are rounded and repeated values dropped. One
 * point gives [from]. Throws a RangeError on a bad grid.
 */
export function valueGrid(
  from: number,
  to: number,
  points: number,
  scale: 'linear' | 'log' = 'linear',
  integer = false,
): number[] {
  if (!Number.isInteger(points) || points < 1) throw new RangeError(`points must be a positive integer`);
  if (!Number.isFinite(from) || !Number.isFinite(to)) throw new RangeError('from and to must be finite');
  if (scale === 'log' && (from <= 0 || to <= 0)) throw new RangeError('a log grid needs from and to > 0');
  const out: number[] = [];
  for (let i = 0; i < points; i++) {
    const t = points === 1 ? 0 : i / (points - 1);
    let v =
      scale === 'log'
        ? Math.exp(Math.log(from) + t * (Math.log(to) - Math.log(from)))
        : from + t * (to - from);
    if (i === points - 1 && points > 1) v = to;
    // Trim floating-point noise (0.30000000000000004 → 0.3) so tables and links stay readable.
    v = integer ? Math.round(v) : Number(v.toPrecision(12));
    if (!integer || out[out.length - 1] !== v) out.push(v);
  }
  return out;
}

/** What a sweep varies and how many labels each point simulates (when the knob is not `labels`). */
export interface SweepSpec {
  knob: KnobId;
  from: number;
  to: number;
  points: number;
  labels: number;
}

/** The values a sweep visits: a categorical knob's choices, else {@link valueGrid} over the spec. */
export function sweepValues(spec: SweepSpec): number[] {
  const k = KNOBS[spec.knob];
  if (k.choices) return k.choices.map((c) => c.value);
  return valueGrid(spec.from, spec.to, spec.points, k.scale, k.integer);
}

/** The settings of one run: rater knobs, training config and number of labels. */
export interface RunSettings {
  rater: RaterKnobs;
  train: TrainConfig;
  labels: number;
}

/** `base` with one knob set to `value` (categorical knobs take a choice's value). */
export function applyKnob(base: RunSettings, knob: KnobId, value: number): RunSettings {
  const rater = { ...base.rater };
  const train = { ...base.train };
  let labels = base.labels;
  switch (knob) {
    case 'pFactCheck':
    case 'confidenceBias':
    case 'lengthBias':
    case 'beta':
      rater[knob] = value;
      break;
    case 'l2':
      train.l2 = value;
      break;
    case 'marginPreset':
      train.marginPreset = value >= 0.5 ? 'llama2' : 'none';
      break;
    case 'modelSize':
      if (value <= 0) train.model = 'linear';
      else Object.assign(train, { model: 'mlp', hiddenUnits: Math.round(value) });
      break;
    case 'features':
      train.features = FEATURE_SETS[Math.min(FEATURE_SETS.length - 1, Math.max(0, Math.round(value)))];
      break;
    case 'labels':
      labels = Math.round(value);
      break;
  }
  return { rater, train, labels };
}

/** Whether some point of the experiment's study trains on a feature set that reads the sentence encoder. */
export function studyUsesEncoder(exp: PlaygroundExperiment): boolean {
  const base = baseSettings(exp);
  const study = exp.study;
  const sets =
    study.kind === 'sweep'
      ? sweepValues(study).map((v) => applyKnob(base, study.knob, v).train.features)
      : [base.train.features];
  return sets.some(usesEncoder);
}

/** An active-learning comparison: labels from `start` to `max` in steps of `step`, per policy. */
export interface ActiveLearningSpec {
  policies: PolicyName[];
  start: number;
  step: number;
  max: number;
  /** Training epochs per round (linear model). */
  epochs: number;
  /** Held-out accuracy (0..1) whose "labels needed" is reported. */
  target: number;
}

/** A rater: a preset and knob overrides on top of it. */
export interface RaterChoice {
  preset: RaterPreset;
  overrides: Partial<RaterKnobs>;
}

/**
 * The whole playground experiment (a study of many simulated runs, format `goodhart-playground`): shared
 * by link or file and reproducible from this object alone. One run's config is RunExperiment.
 */
export interface PlaygroundExperiment {
  format: 'goodhart-playground';
  version: 1;
  datasetId: string;
  rater: RaterChoice;
  train: TrainConfig;
  /** Seed of the simulated rater (training has its own seed in `train`). */
  seed: number;
  study: ({ kind: 'sweep' } & SweepSpec) | ({ kind: 'active-learning' } & ActiveLearningSpec);
}

/** The rater knobs of a choice: the preset's knobs with the overrides on top. */
export function raterKnobsOf(choice: RaterChoice): RaterKnobs {
  return { ...RATER_PRESETS[choice.preset].knobs, ...choice.overrides };
}

/** The base run settings of an experiment (before a sweep's knob is applied). */
export function baseSettings(exp: PlaygroundExperiment): RunSettings {
  return {
    rater: raterKnobsOf(exp.rater),
    train: { ...exp.train },
    labels: exp.study.kind === 'sweep' ? exp.study.labels : exp.study.max,
  };
}

/** Default active-learning study: 20 → 300 labels in steps of 20, all policies, target 80 %. */
export const DEFAULT_ACTIVE_LEARNING: Readonly<ActiveLearningSpec> = {
  policies: [...POLICY_NAMES],
  start: 20,
  step: 20,
  max: 300,
  epochs: 20,
  target: 0.8,
};

/**
 * The shipped preset: "How much fact-checking does it take to stop rewarding fluent-but-wrong?" —
 * pFactCheck from 0 to 1 in 10 points on the hurried rater, 500 labels per point, the demo dataset,
 * DEFAULT_TRAIN_CONFIG, seed 1.
 */
export const PRESET_FACT_CHECK_SWEEP: Readonly<PlaygroundExperiment> = {
  format: 'goodhart-playground',
  version: 1,
  datasetId: 'demo',
  rater: { preset: 'hurried', overrides: {} },
  train: { ...DEFAULT_TRAIN_CONFIG },
  seed: 1,
  study: { kind: 'sweep', knob: 'pFactCheck', from: 0, to: 1, points: 10, labels: 500 },
};

/** Title of the preset sweep. */
export const PRESET_FACT_CHECK_TITLE =
  'How much fact-checking does it take to stop rewarding fluent-but-wrong?';

/** One measured point of a sweep. Rates are fractions 0..1; null where the figure is undefined. */
export interface SweepPoint {
  value: number;
  labels: number;
  /** Held-out share of prompts whose top-reward answer is wrong. */
  wrongPreferredRate: number | null;
  /** Held-out pairwise accuracy against the rater's labels (model.metrics.val.accuracy). */
  heldOutAccuracy: number | null;
  /** Highest expected gold correctness of best-of-n over n = 1 … maxN, and the n where it peaks. */
  goldPeak: number | null;
  goldPeakN: number | null;
  hackingGap: number | null;
}

/** The peak of a best-of-n gold curve (first n on ties); nulls when no point has gold. */
export function goldPeakOf(curve: readonly { n: number; gold: number | null }[]): {
  gold: number | null;
  n: number | null;
} {
  let best: { gold: number | null; n: number | null } = { gold: null, n: null };
  for (const p of curve) if (p.gold !== null && (best.gold === null || p.gold > best.gold)) best = p;
  return { gold: best.gold, n: best.n };
}
