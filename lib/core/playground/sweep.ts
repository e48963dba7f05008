/**
 * Playground experiments as data (pure): a sweep's spec and the values it visits, how one knob value
 * (the knobs' table: ./knobs.ts, re-exported here) is applied to a run's settings,
 * the active-learning spec, the whole experiment object that is shared by link or file (validated in
 * ./share.ts), and the shipped preset sweep. The TF.js side lives in lib/ml/sweep.ts.
 * PlaygroundExperiment is a whole study (a simulated rater, a sweep or an active-learning comparison,
 * many runs); the config of one training run is RunExperiment (../reward-model/experiment.ts).
 */
import { needsTfjs } from '../reward-model/backend-names';
import { FEATURE_SETS, usesEncoder } from '../reward-model/feature-sets';
import { DEFAULT_TRAIN_CONFIG } from '../reward-model/model-file';
import type { TrainConfig } from '../reward-model/model-file';
import { POLICY_NAMES, type PolicyName } from '../labeling/policies';
import { RATER_PRESETS } from '../labeling/raters';
import type { RaterKnobs, RaterPreset } from '../labeling/raters';
import {
  DEFAULT_OPTIMIZER_SETTINGS,
  ENSEMBLE_ON,
  type OptimizerOutcome,
  type OptimizerSettings,
} from '../goodhart/optimize/settings';
import { ENSEMBLE_COMBINES, KNOBS, isOptimizerKnob, valueGrid, type KnobId } from './knobs';

export * from './knobs';

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

/** The settings of one run: rater knobs, training config, number of labels and the optimiser's settings. */
export interface RunSettings {
  rater: RaterKnobs;
  train: TrainConfig;
  labels: number;
  optimizer: OptimizerSettings;
}

/** Members an optimiser knob turns the ensemble on with, when it was off (settings.ts ENSEMBLE_ON). */
export const SWEEP_ENSEMBLE_MEMBERS = ENSEMBLE_ON.members;

/** `base` with one knob set to `value` (categorical knobs take a choice's value). */
export function applyKnob(base: RunSettings, knob: KnobId, value: number): RunSettings {
  const rater = { ...base.rater };
  const train = { ...base.train };
  const optimizer = { ...base.optimizer };
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
    case 'klCoef':
      optimizer.klCoef = value;
      break;
    case 'styleControl':
    case 'centring':
      optimizer[knob] = value >= 0.5;
      break;
    case 'ensembleK':
    case 'ensembleCombine':
      if (knob === 'ensembleK') Object.assign(optimizer, { ensembleK: value, ensembleCombine: 'mean-sd' });
      else
        optimizer.ensembleCombine =
          ENSEMBLE_COMBINES[Math.min(ENSEMBLE_COMBINES.length - 1, Math.max(0, Math.round(value)))];
      optimizer.ensembleMembers = Math.max(optimizer.ensembleMembers, SWEEP_ENSEMBLE_MEMBERS);
      break;
  }
  return { rater, train, labels, optimizer };
}

/**
 * The training config of each round of an active-learning study: the experiment's, as a linear model on
 * every label it has so far (no held-out split, no early stop), `spec.epochs` epochs when it uses Adam.
 */
export function activeLearningTrainConfig(train: TrainConfig, spec: ActiveLearningSpec): TrainConfig {
  return { ...train, model: 'linear', epochs: spec.epochs, valFraction: 0, patience: 0 };
}

/** The training config of every kind of run the experiment's study makes (one per sweep point). */
export function studyTrainConfigs(exp: PlaygroundExperiment): TrainConfig[] {
  const base = baseSettings(exp);
  const study = exp.study;
  return study.kind === 'sweep'
    ? sweepValues(study).map((v) => applyKnob(base, study.knob, v).train)
    : [activeLearningTrainConfig(base.train, study)];
}

/** Whether some point of the experiment's study trains on a feature set that reads the sentence encoder. */
export function studyUsesEncoder(exp: PlaygroundExperiment): boolean {
  return studyTrainConfigs(exp).some((t) => usesEncoder(t.features));
}

/** Whether some run of the study trains with TF.js (the MLP or Adam), so the worker must start it. */
export function studyNeedsTfjs(exp: PlaygroundExperiment): boolean {
  return studyTrainConfigs(exp).some(needsTfjs);
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
  /** Seed of the simulated rater (training has its own seed in `train`) and of the optimiser. */
  seed: number;
  /**
   * When present, each sweep point also runs this optimiser against its reward model (a sweep of an
   * optimiser knob always does, from the defaults when absent).
   */
  optimizer?: OptimizerSettings;
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
    optimizer: { ...(exp.optimizer ?? DEFAULT_OPTIMIZER_SETTINGS) },
  };
}

/** Whether each point of the experiment's sweep runs the optimiser (it has settings, or sweeps one of its knobs). */
export function sweepRunsOptimizer(exp: PlaygroundExperiment): boolean {
  return exp.study.kind === 'sweep' && (exp.optimizer !== undefined || isOptimizerKnob(exp.study.knob));
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
  /** The optimiser's outcome against this point's reward model, when the sweep runs it. */
  optimizer?: OptimizerOutcome;
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
