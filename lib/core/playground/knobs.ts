/**
 * The knobs a playground sweep can turn, as one table (pure): rater knobs, training knobs and the
 * optimiser's mitigations, each with its range, unit, scale and help, plus the grid of values a sweep
 * visits. How a knob value is applied to a run lives in ./sweep.ts; the optimiser settings' own ranges and
 * labels live in ../goodhart/optimize/settings.ts and are read from there.
 */
import { FEATURE_SETS } from '../reward-model/feature-sets';
import { TRAIN_SETTINGS } from '../reward-model/settings';
import { ENSEMBLE_ON, OPTIMIZER_SETTINGS as OPT } from '../goodhart/optimize/settings';

/** The ensemble's combinations in knob order (position i is the knob's value i). */
export const ENSEMBLE_COMBINES = Object.keys(
  OPT.ensembleCombine.choices,
) as (keyof typeof OPT.ensembleCombine.choices)[];

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
  | 'labels'
  | 'klCoef'
  | 'styleControl'
  | 'centring'
  | 'ensembleK'
  | 'ensembleCombine';

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
  'klCoef',
  'styleControl',
  'centring',
  'ensembleK',
  'ensembleCombine',
];

/** The knobs that change the optimiser (a mitigation or β), not the rater or the training. */
export const OPTIMIZER_KNOB_IDS = [
  'klCoef',
  'styleControl',
  'centring',
  'ensembleK',
  'ensembleCombine',
] as const;

/** A knob of the optimiser. */
export type OptimizerKnobId = (typeof OPTIMIZER_KNOB_IDS)[number];

/** One choice of a categorical knob: its numeric position on the x axis and its name. */
export interface KnobChoice {
  value: number;
  label: string;
}

/** What a knob is and how it is swept. */
export interface KnobDef {
  id: KnobId;
  /** Whether it changes the simulated rater, the training run or the optimiser run against the model. */
  kind: 'rater' | 'train' | 'optimizer';
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
  klCoef: {
    id: 'klCoef',
    kind: 'optimizer',
    label: OPT.klCoef.label,
    unit: 'per nat of KL',
    min: 0.001,
    max: OPT.klCoef.max,
    from: 0.01,
    to: 1,
    scale: 'log',
    help: `${OPT.klCoef.help} (RL only: choose RL as the optimiser.)`,
  },
  styleControl: {
    id: 'styleControl',
    kind: 'optimizer',
    label: OPT.styleControl.label,
    unit: '0 = off, 1 = on',
    min: 0,
    max: 1,
    from: 0,
    to: 1,
    scale: 'linear',
    integer: true,
    choices: OPT.styleControl.choices.map((label, value) => ({ value, label })),
    help: OPT.styleControl.help,
  },
  centring: {
    id: 'centring',
    kind: 'optimizer',
    label: OPT.centring.label,
    unit: '0 = off, 1 = on',
    min: 0,
    max: 1,
    from: 0,
    to: 1,
    scale: 'linear',
    integer: true,
    choices: OPT.centring.choices.map((label, value) => ({ value, label })),
    help: OPT.centring.help,
  },
  ensembleK: {
    id: 'ensembleK',
    kind: 'optimizer',
    label: OPT.ensembleK.label,
    unit: 'sd subtracted from the mean',
    min: OPT.ensembleK.min,
    max: OPT.ensembleK.max,
    from: 0,
    to: 2,
    scale: 'linear',
    help: `${OPT.ensembleK.help} Turns the ensemble on (${ENSEMBLE_ON.members} members) if it is off.`,
  },
  ensembleCombine: {
    id: 'ensembleCombine',
    kind: 'optimizer',
    label: OPT.ensembleCombine.label,
    unit: ENSEMBLE_COMBINES.map((c, i) => `${i} = ${OPT.ensembleCombine.choices[c]}`).join(', '),
    min: 0,
    max: ENSEMBLE_COMBINES.length - 1,
    from: 0,
    to: ENSEMBLE_COMBINES.length - 1,
    scale: 'linear',
    integer: true,
    choices: ENSEMBLE_COMBINES.map((c, value) => ({ value, label: OPT.ensembleCombine.choices[c] })),
    help: `${OPT.ensembleCombine.help} Turns the ensemble on (${ENSEMBLE_ON.members} members) if it is off.`,
  },
};

/** Whether `id` names a knob of the optimiser. */
export function isOptimizerKnob(id: KnobId): id is OptimizerKnobId {
  return KNOBS[id].kind === 'optimizer';
}

/** Whether `id` names a knob. */
export function isKnobId(id: string): id is KnobId {
  return Object.hasOwn(KNOBS, id);
}

/** The axis title of a knob: "label (unit)". */
export function knobAxisName(id: KnobId): string {
  const k = KNOBS[id];
  return k.unit ? `${k.label} (${k.unit})` : k.label;
}

/** A knob value as shown: a categorical knob's choice name, else up to 4 significant digits. */
export function formatKnobValue(knob: KnobId, v: number): string {
  const choice = KNOBS[knob].choices?.find((c) => c.value === v);
  return choice ? choice.label : String(Number(v.toPrecision(4)));
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
