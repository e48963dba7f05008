/**
 * The fix-it lab's mitigations, each a change to the reward the optimiser sees or to its KL penalty:
 * a style-controlled reward (length and markdown counts regressed out, as Chatbot Arena's style control
 * does), a conservative ensemble of reward models (min, or mean − k·sd), a stronger KL penalty, and
 * reward centring. Each says in one line what it costs. Pure functions over an action table's rewards.
 */
import { STYLE_FEATURES, FEATURE_DIM, featurize } from '../../reward-model/features/index';
import { leastSquares } from '../../stats/least-squares';
import { baseActionProbs } from './bon';
import { basePolicy } from './policy';
import { OPTIMIZE_DEFAULTS, type OptimizeOptions } from './run';
import type { ActionTable } from './table';

/** Identifier of a mitigation ('none' = the plain run). */
export type MitigationId = 'none' | 'style-control' | 'ensemble' | 'strong-kl' | 'centring';

/** What a mitigation is and what it costs. */
export interface MitigationDef {
  id: MitigationId;
  name: string;
  /** What it does, in one line. */
  what: string;
  /** What it costs, in one line. */
  cost: string;
}

/** How much stronger the KL penalty is under 'strong-kl'. */
export const STRONG_KL_FACTOR = 10;
/** Best-of-n's largest n under 'strong-kl' is 2^this. */
export const STRONG_KL_BON_STEPS = 3;

/** The mitigations in display order. */
export const MITIGATIONS: readonly MitigationDef[] = [
  {
    id: 'none',
    name: 'No mitigation',
    what: 'The reward model as trained.',
    cost: 'Nothing: this is the baseline.',
  },
  {
    id: 'style-control',
    name: 'Style-controlled reward',
    what: 'Regresses reward on length and markdown counts (bold, lists, headings) and keeps the residual.',
    cost: 'Removes any real value of length or formatting too, and controls only the covariates listed: confidence and flattery still pay.',
  },
  {
    id: 'ensemble',
    name: 'Conservative ensemble',
    what: 'Scores with several reward models (other seeds, bootstrap samples of the labels) and takes mean − k·sd (or the minimum).',
    cost: 'K times the training and scoring, and a hack every member learned from the same raters still gets through.',
  },
  {
    id: 'strong-kl',
    name: 'Stronger KL penalty',
    what: `Multiplies the KL coefficient β by ${STRONG_KL_FACTOR} (RL); caps best-of-n at n = ${2 ** STRONG_KL_BON_STEPS}.`,
    cost: 'Less optimisation of every kind: the policy stays near the base, so real gains shrink with the hack.',
  },
  {
    id: 'centring',
    name: 'Reward centring',
    what: "Subtracts each prompt's mean reward under the base policy.",
    cost: 'Free, but only a per-prompt shift: it steadies the gradient and cannot stop a hack within a prompt.',
  },
];

/** The style covariates: the featurizer's length and markdown-count features. */
export const STYLE_COVARIATES = ['length', 'list items', 'headings', 'bold'] as const;

/** The mitigation with this id. */
export function mitigationById(id: string): MitigationDef {
  const m = MITIGATIONS.find((x) => x.id === id);
  if (!m)
    throw new RangeError(`unknown mitigation "${id}" (known: ${MITIGATIONS.map((x) => x.id).join(', ')})`);
  return m;
}

/**
 * Style-controlled rewards: least squares of reward on [1, covariates] over every distinct text of the
 * table, and each reward minus its covariates' part (the intercept stays). Covariates that never vary
 * are left out; the rewards are unchanged when the design is still singular.
 */
export function styleControlled(table: Pick<ActionTable, 'texts'>, rewards: ArrayLike<number>): Float64Array {
  const idx = STYLE_COVARIATES.map((name) => STYLE_FEATURES.findIndex((f) => f.name === name));
  const buf = new Float32Array(FEATURE_DIM);
  const all = table.texts.map((t) => {
    featurize(t.prompt, t.response, buf, 0);
    return idx.map((i) => buf[i]);
  });
  // A covariate that never varies (e.g. no headings anywhere) is the intercept's twin: leave it out.
  const vary = idx.map((_, j) => all.some((row) => row[j] !== all[0][j]));
  const X = all.map((row) => [1, ...row.filter((_, j) => vary[j])]);
  const beta = leastSquares(X, Array.from(rewards));
  const out = Float64Array.from(rewards);
  if (!beta) return out;
  for (let t = 0; t < out.length; t++) for (let j = 1; j < beta.length; j++) out[t] -= beta[j] * X[t][j];
  return out;
}

/** How an ensemble's members are combined. */
export type EnsembleCombine = 'min' | 'mean-sd';

/** Members' rewards combined conservatively: the minimum, or mean − k·sd (population sd). */
export function combineEnsemble(
  members: readonly ArrayLike<number>[],
  how: EnsembleCombine = 'mean-sd',
  k = 1,
): Float64Array {
  if (members.length === 0) throw new RangeError('an ensemble needs at least one member');
  const n = members[0].length;
  if (members.some((m) => m.length !== n)) throw new RangeError('every member must score the same texts');
  const out = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    const xs = members.map((m) => m[t]);
    if (how === 'min') out[t] = Math.min(...xs);
    else {
      const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
      const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length);
      out[t] = mean - k * sd;
    }
  }
  return out;
}

/** Rewards minus each prompt's mean reward under the base policy (base edit rate `q0`). */
export function centred(table: ActionTable, rewards: ArrayLike<number>, q0: number): Float64Array {
  const out = Float64Array.from(rewards);
  const base = basePolicy([1], table.edits.length, table.maxEdits, q0);
  for (const p of table.prompts) {
    const w = baseActionProbs(base, table.sets, p.baseIds.length);
    let m = 0;
    for (let a = 0; a < w.length; a++) m += w[a] * rewards[p.text[a]];
    for (let a = 0; a < w.length; a++) out[p.text[a]] = rewards[p.text[a]] - m;
  }
  return out;
}

/** How an ensemble is used: how many members, combined how, and k of mean − k·sd. */
export interface EnsembleChoice {
  /** Members used (the model itself first); at least 2. */
  members: number;
  combine: EnsembleCombine;
  /** k of mean − k·sd (not read by 'min'). */
  k: number;
}

/**
 * The ensemble's rewards: the first `choice.members` of `all` (each member's rewards over the same
 * texts, the model itself first) combined by `choice`. Throws a RangeError when fewer were given.
 */
export function ensembleRewards(all: readonly ArrayLike<number>[], choice: EnsembleChoice): Float64Array {
  if (all.length < choice.members)
    throw new RangeError(`the ensemble needs ${choice.members} members, got ${all.length}`);
  return combineEnsemble(all.slice(0, choice.members), choice.combine, choice.k);
}

/**
 * The rewards and options of a run with `mitigation` on. 'ensemble' needs `members` (each member's
 * rewards over the table's texts, the model itself first) and `ensemble`: how many of them to use (at
 * least 2), the combination and its k, as the caller's settings say (./settings.ts ENSEMBLE_ON when the
 * ensemble is just switched on).
 */
export function mitigate(
  table: ActionTable,
  rewards: ArrayLike<number>,
  mitigation: MitigationId,
  opts: OptimizeOptions,
  members?: readonly ArrayLike<number>[],
  ensemble?: EnsembleChoice,
): { rewards: ArrayLike<number>; opts: OptimizeOptions } {
  switch (mitigation) {
    case 'none':
      return { rewards, opts };
    case 'style-control':
      return { rewards: styleControlled(table, rewards), opts };
    case 'ensemble':
      if (!ensemble) throw new RangeError('the ensemble mitigation needs its size, combination and k');
      if (ensemble.members < 2) throw new RangeError('the ensemble mitigation needs at least two members');
      return { rewards: ensembleRewards(members ?? [], ensemble), opts };
    case 'centring':
      return { rewards: centred(table, rewards, opts.baseEditRate ?? OPTIMIZE_DEFAULTS.baseEditRate), opts };
    case 'strong-kl':
      return {
        rewards,
        opts:
          opts.method === 'rl'
            ? { ...opts, klCoef: (opts.klCoef ?? OPTIMIZE_DEFAULTS.klCoef) * STRONG_KL_FACTOR }
            : { ...opts, steps: Math.min(opts.steps ?? OPTIMIZE_DEFAULTS.bonSteps, STRONG_KL_BON_STEPS) },
      };
  }
}
