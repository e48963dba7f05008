/**
 * The one table of training settings, in the spirit of TensorFlow Playground's `state.ts` PROPS: each
 * setting of a training run once, with its label, one-line help, kind, accepted range or choices, default
 * and CLI flag. The zod schema and defaults of ./model-file.ts, the /train form, the playground's training
 * fields and `goodhart train`'s flags, range errors and help are all made from it.
 */
import type { MarginPreset, TieMode } from './training-data';
import { SOLVER_GRAD_TOLERANCE } from './solver/limits';

/** A numeric setting: a real number or an integer, within an optional range. */
export interface NumberSetting {
  kind: 'number' | 'integer';
  /** Shown in forms and in `goodhart train --help`. */
  label: string;
  /** One sentence saying what it does. */
  help: string;
  /** The `goodhart train` flag, without the dashes. */
  flag: string;
  /** Smallest accepted value; excluded when `minExclusive`. */
  min?: number;
  minExclusive?: boolean;
  /** Largest accepted value (included). */
  max?: number;
  /** Spacing of a form's arrows for a real number (integers step by 1); `any` when absent. */
  step?: number;
  default: number;
  /** Meaningful only for the MLP (forms hide or disable it for the linear model). */
  mlpOnly?: boolean;
  /** Read only by Adam (the MLP, or the linear model with solver = Adam); the exact solver ignores it. */
  adamOnly?: boolean;
}

/** A setting that takes one of a few named values; `choices` maps each value to its label, in order. */
export interface ChoiceSetting<V extends string = string> {
  kind: 'choice';
  label: string;
  help: string;
  flag: string;
  choices: Readonly<Record<V, string>>;
  default: V;
  mlpOnly?: boolean;
  /** Meaningful only for the linear model (forms hide it for the MLP). */
  linearOnly?: boolean;
  /** What a model file written before this setting existed was trained with (its schema reads that). */
  legacy?: V;
  /**
   * Offered by `goodhart train` only: the app's forms leave it out (its default applies there), for a
   * setting whose inputs the browser cannot compute.
   */
  cliOnly?: boolean;
}

/** One row of the table. */
export type Setting = NumberSetting | ChoiceSetting;

/** Every training setting, in display order; the keys are TrainConfig's. */
export const TRAIN_SETTINGS = {
  features: {
    kind: 'choice',
    label: 'Features',
    help: 'What the reward model reads: 19 style features and 4,096 hashed word n-grams (transparent), the 512-d meaning of the response from a sentence encoder (USE-lite, runs offline), all of them, or the hashed n-grams alone (the bag-of-words baseline: the style features are not inputs, so their weights stay 0).',
    flag: 'features',
    // New sets go at the end: the playground's features knob and its share links store a set's position.
    choices: {
      'style+hashed': 'style + hashed n-grams',
      use: 'sentence encoder (USE-lite)',
      'use+style+hashed': 'sentence encoder + style + hashed n-grams',
      hashed: 'hashed n-grams only (no style features)',
    },
    default: 'style+hashed',
    legacy: 'style+hashed',
  },
  model: {
    kind: 'choice',
    label: 'Reward model',
    help: 'Linear: reward = weighted sum of features (easy to explain). MLP: one hidden layer.',
    flag: 'model',
    choices: { linear: 'linear', mlp: 'small MLP' },
    default: 'linear',
  },
  solver: {
    kind: 'choice',
    label: 'Solver',
    help: `Linear model: L-BFGS trains to the exact optimum (gradient norm ≤ ${SOLVER_GRAD_TOLERANCE}), with no learning rate, epochs or batches; Adam runs the epochs. The MLP always uses Adam.`,
    flag: 'solver',
    choices: { lbfgs: 'L-BFGS (exact)', adam: 'Adam' },
    default: 'lbfgs',
    linearOnly: true,
    legacy: 'adam',
  },
  hiddenUnits: {
    kind: 'integer',
    label: 'Hidden units',
    help: 'Size of the MLP hidden layer (MLP only).',
    flag: 'hidden',
    min: 1,
    default: 32,
    mlpOnly: true,
  },
  activation: {
    kind: 'choice',
    label: 'Activation',
    help: 'Nonlinearity of the MLP hidden layer (MLP only).',
    flag: 'activation',
    choices: { relu: 'ReLU', tanh: 'tanh' },
    default: 'relu',
    mlpOnly: true,
  },
  epochs: {
    kind: 'integer',
    label: 'Epochs',
    help: 'Passes over the training labels (Adam only).',
    flag: 'epochs',
    min: 1,
    default: 30,
    adamOnly: true,
  },
  learningRate: {
    kind: 'number',
    label: 'Learning rate',
    help: 'Adam step size; lower it if training diverges (Adam only).',
    flag: 'lr',
    min: 0,
    minExclusive: true,
    default: 0.01,
    adamOnly: true,
  },
  l2: {
    kind: 'number',
    label: 'L2 penalty',
    help: 'Weight penalty λ·Σw² (not biases): larger = simpler model, less overfitting to few labels.',
    flag: 'l2',
    min: 0,
    default: 1e-3,
  },
  batchSize: {
    kind: 'integer',
    label: 'Batch size',
    help: 'Labels per gradient step (Adam only).',
    flag: 'batch',
    min: 1,
    default: 64,
    adamOnly: true,
  },
  marginPreset: {
    kind: 'choice',
    label: 'Margins',
    help: 'Llama-2 style: "much better" labels must win by a margin in the loss.',
    flag: 'margins',
    choices: { none: 'none', llama2: 'Llama-2, from strength' } satisfies Record<MarginPreset, string>,
    default: 'none',
  },
  ties: {
    kind: 'choice',
    label: 'Ties',
    help: 'Drop ties, count them as half a win each way, or model them (Davidson).',
    flag: 'ties',
    choices: { drop: 'drop', half: 'half a win each way', davidson: 'Davidson' } satisfies Record<
      TieMode,
      string
    >,
    default: 'half',
  },
  centerRewardsCoefficient: {
    kind: 'number',
    label: 'Reward centring',
    help: "TRL's center_rewards_coefficient c: adds c·mean((r_chosen + r_rejected)²), pulling the mean reward towards 0.",
    flag: 'center-rewards',
    min: 0,
    default: 0,
  },
  valFraction: {
    kind: 'number',
    label: 'Validation share',
    help: 'Share of prompts held out for validation (no prompt in both splits).',
    flag: 'val',
    min: 0,
    max: 0.9,
    step: 0.05,
    default: 0.2,
  },
  seed: {
    kind: 'integer',
    label: 'Training seed',
    help: 'Seeds initialisation, shuffles and the split: same seed, same labels → the same curve.',
    flag: 'seed',
    default: 1,
  },
  patience: {
    kind: 'integer',
    label: 'Early stopping',
    help: 'Stop after this many epochs without a better validation loss and keep the best weights (0 = off; Adam only).',
    flag: 'patience',
    min: 0,
    default: 0,
    adamOnly: true,
  },
} as const satisfies Record<string, Setting>;

/** A TrainConfig key. */
export type TrainSettingKey = keyof typeof TRAIN_SETTINGS;

/** The value a setting takes: one of its choices, or a number. */
export type SettingValue<S> = S extends { kind: 'choice'; choices: infer C } ? keyof C & string : number;

/** Hyperparameters of a training run; a run is reproducible from this object and the labels. */
export type TrainConfig = { -readonly [K in TrainSettingKey]: SettingValue<(typeof TRAIN_SETTINGS)[K]> };

/** The settings' keys in display order. */
export const TRAIN_SETTING_KEYS = Object.keys(TRAIN_SETTINGS) as TrainSettingKey[];

/** The row of `key`, typed loosely enough to branch on its kind. */
export function trainSetting(key: TrainSettingKey): Setting {
  return TRAIN_SETTINGS[key];
}

/** The values of a choice setting, in order. */
export function choiceValues(s: ChoiceSetting): string[] {
  return Object.keys(s.choices);
}

/** Whether a setting means anything for `config`'s model (MLP-only settings do not for a linear model, the solver not for the MLP). */
export function settingApplies(key: TrainSettingKey, config: Pick<TrainConfig, 'model'>): boolean {
  const s = trainSetting(key);
  if (s.mlpOnly) return config.model === 'mlp';
  return !(s.kind === 'choice' && s.linearOnly) || config.model === 'linear';
}

/**
 * Why a setting is not read by a run of `config`, as a form shows it beside the disabled field, or null
 * when it is: the MLP's settings for the linear model, the solver for the MLP (always Adam), and Adam's
 * settings while the linear model trains with the exact solver.
 */
export function settingUnusedReason(
  key: TrainSettingKey,
  config: Pick<TrainConfig, 'model' | 'solver'>,
): string | null {
  const s = trainSetting(key);
  if (!settingApplies(key, config))
    return s.mlpOnly ? 'used by the MLP only' : 'the MLP always trains with Adam';
  if (s.kind !== 'choice' && s.adamOnly && config.model === 'linear' && config.solver !== 'adam')
    return 'used by Adam only';
  return null;
}

/** Whether the app's forms offer a setting (those marked `cliOnly` are left out; their default applies). */
export function offeredInApp(key: TrainSettingKey): boolean {
  const s = trainSetting(key);
  return !(s.kind === 'choice' && s.cliOnly);
}

const orList = (xs: readonly string[]) =>
  xs.length < 2 ? xs.join('') : `${xs.slice(0, -1).join(', ')} or ${xs[xs.length - 1]}`;

/** What a setting accepts, in words: "an integer ≥ 1", "a number from 0 to 0.9", "linear or mlp". */
export function rangeText(s: Setting): string {
  if (s.kind === 'choice') return orList(choiceValues(s));
  const what = s.kind === 'integer' ? 'an integer' : 'a number';
  const lo = s.min === undefined ? undefined : `${s.minExclusive ? '>' : '≥'} ${s.min}`;
  if (s.min !== undefined && s.max !== undefined && !s.minExclusive)
    return `${what} from ${s.min} to ${s.max}`;
  if (lo && s.max !== undefined) return `${what} ${lo} and ≤ ${s.max}`;
  if (lo) return `${what} ${lo}`;
  if (s.max !== undefined) return `${what} ≤ ${s.max}`;
  return what;
}

/** Whether a number is of the setting's kind and within its range. */
export function acceptsNumber(s: NumberSetting, v: number): boolean {
  if (!Number.isFinite(v) || (s.kind === 'integer' && !Number.isInteger(v))) return false;
  if (s.min !== undefined && (s.minExclusive ? v <= s.min : v < s.min)) return false;
  return s.max === undefined || v <= s.max;
}

/** A refused value as a message quotes it: text in quotes, numbers (NaN and ±Infinity too) bare. */
const shown = (v: unknown) => (typeof v === 'number' ? String(v) : (JSON.stringify(v) ?? String(v)));

/** The table's message for a value a setting refuses: `expected an integer ≥ 1, got 0`. */
export function refusal(s: Setting, got: unknown): string {
  return `expected ${rangeText(s)}, got ${shown(got)}`;
}

/**
 * Reads a setting from text (a CLI flag or a form field). Text that is not a number of the setting's
 * kind says so (`expected an integer, got "many"`); a number out of range, or an unknown choice, gets the
 * table's message (`expected an integer ≥ 1, got "0"`).
 */
export function parseSettingText<K extends TrainSettingKey>(
  key: K,
  text: string,
): { ok: true; value: TrainConfig[K] } | { ok: false; message: string } {
  const s = trainSetting(key);
  if (s.kind === 'choice') {
    // The value is one of the choices' keys, which is exactly TrainConfig[K] for a choice setting.
    if (Object.hasOwn(s.choices, text)) return { ok: true, value: text as TrainConfig[K] };
    return { ok: false, message: refusal(s, text) };
  }
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || (s.kind === 'integer' && !Number.isInteger(n)))
    return {
      ok: false,
      message: `expected ${s.kind === 'integer' ? 'an integer' : 'a number'}, got ${shown(text)}`,
    };
  if (!acceptsNumber(s, n)) return { ok: false, message: refusal(s, text) };
  // A number setting's value type is number.
  return { ok: true, value: n as TrainConfig[K] };
}

/** The default of every setting. */
export function trainDefaults(): TrainConfig {
  // Every key is filled from its own row, so the object is a whole TrainConfig.
  return Object.fromEntries(TRAIN_SETTING_KEYS.map((k) => [k, TRAIN_SETTINGS[k].default])) as TrainConfig;
}

/** One setting as `goodhart train --help` lists it. */
export interface SettingHelp {
  /** `--epochs N`: the flag and a metavariable (N integer, X number, the choices for a choice). */
  usage: string;
  /** `Epochs: an integer ≥ 1; default 30`: label, accepted values (with each choice's label), default. */
  summary: string;
  help: string;
}

/** Every setting's help, in table order. */
export function settingsHelp(): SettingHelp[] {
  return TRAIN_SETTING_KEYS.map((key) => {
    const s = trainSetting(key);
    const meta = s.kind === 'choice' ? choiceValues(s).join('|') : s.kind === 'integer' ? 'N' : 'X';
    const accepts =
      s.kind === 'choice'
        ? choiceValues(s)
            .map((v) => (s.choices[v] === v ? v : `${v} (${s.choices[v]})`))
            .join(', ')
        : rangeText(s);
    return {
      usage: `--${s.flag} ${meta}`,
      summary: `${s.label}: ${accepts}; default ${s.default}`,
      help: s.help,
    };
  });
}
