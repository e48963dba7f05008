/**
 * The optimiser's settings with the mitigations switched on together, as data: one table of their
 * labels, ranges and defaults (the playground's form and sweep knobs are made from it), the combined
 * reward a run with these settings optimises (ensemble → style control → centring, the KL coefficient β
 * as an option), and the outcome of a run in a few numbers (gold and proxy at the start and end, the KL
 * reached). The mitigations themselves and their one-line costs live in ./mitigations.ts.
 */
import {
  centred,
  ensembleRewards,
  mitigationById,
  styleControlled,
  type EnsembleChoice,
  type EnsembleCombine,
} from './mitigations';
import { OPTIMIZE_DEFAULTS, type Method, type OptimizeOptions, type OptimizeResult } from './run';
import type { ActionTable } from './table';

/** An optimisation run with any mitigations on. */
export interface OptimizerSettings {
  method: Method;
  /** RL steps, or best-of-n doublings (n = 1 … 2^steps). */
  steps: number;
  /** KL penalty coefficient β (RL). */
  klCoef: number;
  /** Style-controlled reward (length and markdown counts regressed out). */
  styleControl: boolean;
  /** Reward centring (each prompt's base-policy mean subtracted). */
  centring: boolean;
  /** Reward models in the ensemble, the model itself among them; 1 = no ensemble. */
  ensembleMembers: number;
  ensembleCombine: EnsembleCombine;
  /** k of mean − k·sd. */
  ensembleK: number;
}

/** A numeric optimiser setting's label, help and range. */
export interface OptimizerRange {
  label: string;
  help: string;
  min: number;
  max: number;
  /** Form arrows' spacing; integers step by 1. */
  step: number;
  integer?: boolean;
}

/** Largest best-of-n doubling (n = 2^20). */
export const MAX_BON_STEPS = 20;
/** Most RL steps. */
const MAX_RL_STEPS = 5000;

/** The one table of the optimiser's settings (labels, help, ranges). */
export const OPTIMIZER_SETTINGS = {
  method: {
    label: 'Optimiser',
    help: 'Best-of-n over sampled edited variants (exact), or REINFORCE with a KL penalty (seeded).',
    choices: { bon: 'best-of-n', rl: 'RL (REINFORCE + KL)' } as const satisfies Record<Method, string>,
  },
  steps: {
    label: 'Optimiser steps',
    help: `RL: optimisation steps; best-of-n: doublings of n (n = 2^steps, at most 2^${MAX_BON_STEPS}).`,
    min: 0,
    max: MAX_RL_STEPS,
    step: 1,
    integer: true,
    /** /optimize's steps field, one per optimiser: its label and, for best-of-n, the lower cap. */
    byMethod: {
      rl: { label: 'Steps', max: MAX_RL_STEPS },
      bon: { label: 'Doublings of n', max: MAX_BON_STEPS },
    } as const satisfies Record<Method, { label: string; max: number }>,
  },
  klCoef: {
    label: 'KL coefficient β',
    help: 'RL’s penalty on drifting from the base policy: reward − β·ln(π/π₀) per sample.',
    min: 0,
    max: 10,
    step: 0.01,
  },
  styleControl: {
    label: mitigationById('style-control').name,
    help: mitigationById('style-control').what,
    choices: ['off', 'on'],
  },
  centring: {
    label: mitigationById('centring').name,
    help: mitigationById('centring').what,
    choices: ['off', 'on'],
  },
  ensembleMembers: {
    label: 'Ensemble members',
    help: 'Reward models trained on the same labels (other seeds, bootstrap resamples); 1 = no ensemble.',
    min: 1,
    max: 8,
    step: 1,
    integer: true,
  },
  ensembleCombine: {
    label: 'Ensemble combination',
    help: 'How the members’ rewards are combined conservatively.',
    choices: { 'mean-sd': 'mean − k·sd', min: 'minimum' } as const satisfies Record<EnsembleCombine, string>,
  },
  ensembleK: {
    label: 'Ensemble k',
    help: 'k of mean − k·sd: 0 is the plain mean; larger k distrusts texts the members disagree on.',
    min: 0,
    max: 5,
    step: 0.1,
  },
} as const;

/** The steps field of `method`: RL's steps (0 … MAX_RL_STEPS), or best-of-n's doublings (0 … MAX_BON_STEPS). */
export function stepsRange(method: Method): OptimizerRange {
  const { help, min, step, integer, byMethod } = OPTIMIZER_SETTINGS.steps;
  return { label: byMethod[method].label, help, min, max: byMethod[method].max, step, integer };
}

/**
 * The ensemble when it is switched on without settings of its own: /optimize's fix-it lab, a sweep's
 * ensemble knob (it turns a 1-member ensemble into this many), `goodhart optimize --combine`'s default.
 */
export const ENSEMBLE_ON: Readonly<EnsembleChoice> = { members: 3, combine: 'mean-sd', k: 1 };

/** Labels on the dataset /optimize needs before it trains the ensemble's members. */
export const ENSEMBLE_MIN_LABELS = 20;

/** Defaults: best-of-n to n = 1024, β as the optimiser's default, every mitigation off. */
export const DEFAULT_OPTIMIZER_SETTINGS: Readonly<OptimizerSettings> = {
  method: 'bon',
  steps: OPTIMIZE_DEFAULTS.bonSteps,
  klCoef: OPTIMIZE_DEFAULTS.klCoef,
  styleControl: false,
  centring: false,
  ensembleMembers: 1,
  ensembleCombine: ENSEMBLE_ON.combine,
  ensembleK: ENSEMBLE_ON.k,
};

/** Problems with settings (empty when fine), one message per setting, named by its key. */
export function optimizerSettingsProblems(s: OptimizerSettings): string[] {
  const out: string[] = [];
  for (const key of ['steps', 'klCoef', 'ensembleMembers', 'ensembleK'] as const) {
    const r: OptimizerRange = OPTIMIZER_SETTINGS[key];
    const v = s[key];
    if (!Number.isFinite(v) || v < r.min || v > r.max || (r.integer && !Number.isInteger(v)))
      out.push(`${key}: must be ${r.integer ? 'a whole number' : 'a number'} from ${r.min} to ${r.max}`);
  }
  if (s.method === 'bon' && s.steps > MAX_BON_STEPS)
    out.push(`steps: best-of-n goes up to n = 2^${MAX_BON_STEPS} at most`);
  return out;
}

/**
 * The per-text rewards a run with `s` optimises, and its options: the ensemble's combination of
 * `members` (the first `s.ensembleMembers`, the model itself first) when on, then style control, then
 * centring. Throws a RangeError when the ensemble is on and fewer members were given.
 */
export function mitigatedRun(
  table: ActionTable,
  s: OptimizerSettings,
  seed: number,
  members?: readonly ArrayLike<number>[],
): { rewards: ArrayLike<number>; opts: OptimizeOptions } {
  let rewards: ArrayLike<number> = table.rewards;
  if (s.ensembleMembers > 1)
    rewards = ensembleRewards(members ?? [], {
      members: s.ensembleMembers,
      combine: s.ensembleCombine,
      k: s.ensembleK,
    });
  if (s.styleControl) rewards = styleControlled(table, rewards);
  if (s.centring) rewards = centred(table, rewards, OPTIMIZE_DEFAULTS.baseEditRate);
  return { rewards, opts: { method: s.method, seed, steps: s.steps, klCoef: s.klCoef } };
}

/** A run's outcome: expected gold and proxy at the base policy and at the end, and the KL reached. */
export interface OptimizerOutcome {
  goldStart: number | null;
  goldEnd: number | null;
  /** Highest expected gold along the curve. */
  goldPeak: number | null;
  proxyStart: number;
  proxyEnd: number;
  /** proxyEnd − proxyStart, in the optimised (mitigated) reward's units. */
  proxyGain: number;
  /** KL(π ‖ π₀) in nats at the end of the curve. */
  kl: number;
}

/** The outcome of a finished run. */
export function outcomeOf(result: Pick<OptimizeResult, 'curve'>): OptimizerOutcome {
  const c = result.curve;
  if (c.length === 0) throw new RangeError('an empty curve has no outcome');
  const first = c[0];
  const last = c[c.length - 1];
  let peak: number | null = null;
  for (const p of c) if (p.gold !== null && (peak === null || p.gold > peak)) peak = p.gold;
  return {
    goldStart: first.gold,
    goldEnd: last.gold,
    goldPeak: peak,
    proxyStart: first.proxy,
    proxyEnd: last.proxy,
    proxyGain: last.proxy - first.proxy,
    kl: last.kl,
  };
}
