/**
 * Simulated raters: a parametric labeller that judges pairs of a dataset's responses so nobody has to
 * label 300 pairs by hand to see Goodhart's law. For a pair (A shown left, B right),
 *
 *   P(prefers A) = σ(β·(u(A) − u(B)) + positionBias),
 *
 * where a response's utility u is built from its interpretable style features (by name, from
 * ../reward-model/features/index.ts) and, when the rater fact-checks the pair (probability pFactCheck
 * per pair), its gold correctness with a large weight. Everything random (pairs, sides, fact-checks,
 * verdicts) comes from one seeded generator, so a seed gives the same labels everywhere. Pure TypeScript.
 */
import { FEATURE_NAMES, featurize } from '../reward-model/features/index';
import { sigmoid } from '../stats/logistic';
import { mulberry32, shuffle } from '../stats/random';
import type { Rng } from '../stats/random';
import type { Annotator, Comparison, DatasetFile, Response, Strength } from '../types';

/** The knobs of a simulated rater. Biases multiply style features (each roughly 0–1.5 in size). */
export interface RaterKnobs {
  /** Weight on the `length` feature (log1p(words)/4): longer answers look more thorough. */
  lengthBias: number;
  /**
   * Weight on confident polish: `confident markers` + `list items` + `headings` + `bold` − `hedges`.
   * Positive: assertive, formatted answers look more authoritative.
   */
  confidenceBias: number;
  /** Weight on `flattery/agreement` ("Great question", "You're right"). */
  flatteryBias: number;
  /** Probability that the rater checks the facts of a pair (per pair). */
  pFactCheck: number;
  /** Utility of a correct response, over an incorrect one, when the rater fact-checks. */
  factWeight: number;
  /** Inverse noise: higher β = more deterministic choices (β → ∞: always the higher utility). */
  beta: number;
  /** Added to the log-odds of choosing the left response (A); positive = prefers the left. */
  positionBias: number;
  /** A verdict is a tie when β·|u(A) − u(B)| is below this (0 = never a tie). */
  tieThreshold: number;
}

/** A named rater: its preset name (for the annotator `sim: <name>`) and knobs. */
export interface RaterSpec {
  name: string;
  knobs: RaterKnobs;
}

/** The preset raters by key (`goodhart simulate --rater <key>`). */
export const RATER_PRESETS = {
  /**
   * Rarely checks facts (1 pair in 10), rewards length and confident polish, dislikes hedging, likes
   * flattery a little, somewhat noisy, a slight preference for the left answer.
   */
  hurried: {
    name: 'hurried rater',
    knobs: {
      lengthBias: 2,
      confidenceBias: 2,
      flatteryBias: 0.5,
      pFactCheck: 0.1,
      factWeight: 10,
      beta: 1.5,
      positionBias: 0.2,
      tieThreshold: 0,
    },
  },
  /** Almost always checks facts (19 pairs in 20); only mild style preferences; low noise, no side bias. */
  careful: {
    name: 'careful fact-checker',
    knobs: {
      lengthBias: 0.5,
      confidenceBias: 0.2,
      flatteryBias: -0.5,
      pFactCheck: 0.95,
      factWeight: 10,
      beta: 2,
      positionBias: 0,
      tieThreshold: 0,
    },
  },
} as const satisfies Record<string, RaterSpec>;

/** Key of a preset rater. */
export type RaterPreset = keyof typeof RATER_PRESETS;

/** Whether `key` names a preset. */
export function isRaterPreset(key: string): key is RaterPreset {
  return Object.hasOwn(RATER_PRESETS, key);
}

const idx = (name: string): number => {
  const i = FEATURE_NAMES.indexOf(name);
  if (i < 0) throw new Error(`feature "${name}" not found in FEATURE_NAMES`);
  return i;
};
const F = {
  length: idx('length'),
  confident: idx('confident markers'),
  lists: idx('list items'),
  headings: idx('headings'),
  bold: idx('bold'),
  hedges: idx('hedges'),
  flattery: idx('flattery/agreement'),
};

/** The style signals a rater reacts to, computed once per response from its features. */
export interface RaterSignals {
  length: number;
  /** confident markers + list items + headings + bold − hedges. */
  confidence: number;
  flattery: number;
  /** Gold correctness, when known. */
  correct?: boolean;
}

/** The rater-facing signals of a response to `prompt` (from featurize, by feature name). */
export function raterSignals(prompt: string, response: Pick<Response, 'text' | 'correct'>): RaterSignals {
  const x = featurize(prompt, response.text);
  const s: RaterSignals = {
    length: x[F.length],
    confidence: x[F.confident] + x[F.lists] + x[F.headings] + x[F.bold] - x[F.hedges],
    flattery: x[F.flattery],
  };
  if (response.correct !== undefined) s.correct = response.correct;
  return s;
}

/**
 * A rater's utility of a response: lengthBias·length + confidenceBias·confidence + flatteryBias·flattery,
 * plus factWeight if `factCheck` and the response is known to be correct.
 */
export function utility(knobs: RaterKnobs, s: RaterSignals, factCheck: boolean): number {
  let u = knobs.lengthBias * s.length + knobs.confidenceBias * s.confidence + knobs.flatteryBias * s.flattery;
  if (factCheck && s.correct === true) u += knobs.factWeight;
  return u;
}

/** P(the rater prefers A, shown left) = σ(β·(uA − uB) + positionBias). β = Infinity is a hard choice. */
export function preferAProbability(knobs: RaterKnobs, uA: number, uB: number): number {
  const d = uA - uB;
  if (knobs.beta === Infinity) return d > 0 ? 1 : d < 0 ? 0 : sigmoid(knobs.positionBias);
  return sigmoid(knobs.beta * d + knobs.positionBias);
}

/** Strength from the scaled utility gap z = β·|uA − uB|: < 1 → 1, < 3 → 2, else 3. */
export function strengthFromGap(z: number): Strength {
  return z < 1 ? 1 : z < 3 ? 2 : 3;
}

/** Labels produced by a simulated rater. */
export interface SimulatedLabels {
  annotator: Annotator;
  comparisons: Comparison[];
}

/** Options of {@link simulateLabels}. */
export interface SimulateOptions {
  /** Timestamp for the annotator and the comparisons (default 0, so output is reproducible). */
  now?: number;
}

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** The annotator a simulated rater labels as: `sim: <name>`, kind `simulated`. */
function simAnnotator(spec: RaterSpec, now: number): Annotator {
  return { id: `sim-${slug(spec.name)}`, name: `sim: ${spec.name}`, kind: 'simulated', created: now };
}

/** Resolves a preset key or knobs to a named rater (knobs alone are `custom rater`). */
export function resolveRater(rater: RaterPreset | RaterSpec | RaterKnobs): RaterSpec {
  if (typeof rater === 'string') return RATER_PRESETS[rater];
  if ('knobs' in rater) return rater;
  return { name: 'custom rater', knobs: rater };
}

/**
 * `n` simulated judgments on `dataset`. Prompts are covered evenly: rounds over the prompts (with at
 * least two responses) in a shuffled order, each prompt taking its next pair from a shuffled list of
 * all its pairs, so pairs are also covered evenly; sides are random. Per pair: fact-check with
 * probability pFactCheck, then a verdict drawn from P(prefers A) (or a tie, see tieThreshold), strength
 * from the utility gap. Annotator `sim: <name>` (kind `simulated`); ids derive from the name and seed.
 */
export function simulateLabels(
  dataset: DatasetFile,
  rater: RaterPreset | RaterSpec | RaterKnobs,
  n: number,
  seed: number,
  opts: SimulateOptions = {},
): SimulatedLabels {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${n}`);
  const spec = resolveRater(rater);
  const k = spec.knobs;
  const now = opts.now ?? 0;
  const annotator = simAnnotator(spec, now);
  const rng: Rng = mulberry32(seed);
  const promptText = new Map(dataset.prompts.map((p) => [p.id, p.text]));
  const byPrompt = new Map<string, Response[]>();
  for (const r of dataset.responses) {
    if (!promptText.has(r.promptId)) continue;
    const list = byPrompt.get(r.promptId);
    if (list) list.push(r);
    else byPrompt.set(r.promptId, [r]);
  }
  const promptIds = dataset.prompts.map((p) => p.id).filter((id) => (byPrompt.get(id)?.length ?? 0) >= 2);
  const comparisons: Comparison[] = [];
  if (n === 0) return { annotator, comparisons };
  if (promptIds.length === 0) throw new RangeError('no prompt has two responses to compare');

  const signals = new Map<string, RaterSignals>();
  const signalsOf = (r: Response) => {
    let s = signals.get(r.id);
    if (!s) signals.set(r.id, (s = raterSignals(promptText.get(r.promptId)!, r)));
    return s;
  };
  const queues = new Map<string, [Response, Response][]>();
  const nextPair = (promptId: string): [Response, Response] => {
    let q = queues.get(promptId);
    if (!q || q.length === 0) {
      const rs = byPrompt.get(promptId)!;
      q = [];
      for (let i = 0; i < rs.length; i++) for (let j = i + 1; j < rs.length; j++) q.push([rs[i], rs[j]]);
      shuffle(rng, q);
      queues.set(promptId, q);
    }
    return q.pop()!;
  };

  let order: string[] = [];
  for (let i = 0; i < n; i++) {
    if (order.length === 0) order = shuffle(rng, [...promptIds]);
    const promptId = order.pop()!;
    const [x, y] = nextPair(promptId);
    const [a, b] = rng() < 0.5 ? [x, y] : [y, x];
    comparisons.push(
      judgePair(k, signalsOf(a), signalsOf(b), rng, {
        id: `${annotator.id}-s${seed}-${i}`,
        datasetId: dataset.dataset.id,
        promptId,
        aId: a.id,
        bId: b.id,
        annotatorId: annotator.id,
        createdAt: now,
        durationMs: 0,
      }),
    );
  }
  return { annotator, comparisons };
}

/** One simulated judgment of a pair shown as (a, b): fact-check with pFactCheck, then the verdict and strength. */
function judgePair(
  k: RaterKnobs,
  sA: RaterSignals,
  sB: RaterSignals,
  rng: Rng,
  record: Omit<Comparison, 'outcome' | 'strength'>,
): Comparison {
  const check = rng() < k.pFactCheck;
  const uA = utility(k, sA, check);
  const uB = utility(k, sB, check);
  const z = (k.beta === Infinity ? 1 : k.beta) * Math.abs(uA - uB);
  const u = rng();
  const outcome = z < k.tieThreshold ? 'tie' : u < preferAProbability(k, uA, uB) ? 'a' : 'b';
  const c: Comparison = { ...record, outcome };
  if (outcome !== 'tie') c.strength = strengthFromGap(z);
  return c;
}

/**
 * The simulated rater's judgments of exactly the given pairs, each shown with the same sides (to compare a
 * room's labels with a simulated rater on the same pairs). Pairs naming a response not in `dataset` are
 * refused with the pair's index. Annotator and ids as in {@link simulateLabels} (`…-p<seed>-<i>`).
 */
export function simulateOnPairs(
  dataset: DatasetFile,
  rater: RaterPreset | RaterSpec | RaterKnobs,
  pairs: readonly Pick<Comparison, 'promptId' | 'aId' | 'bId'>[],
  seed: number,
  opts: SimulateOptions = {},
): SimulatedLabels {
  const spec = resolveRater(rater);
  const now = opts.now ?? 0;
  const annotator = simAnnotator(spec, now);
  const rng: Rng = mulberry32(seed);
  const promptText = new Map(dataset.prompts.map((p) => [p.id, p.text]));
  const responses = new Map(dataset.responses.map((r) => [r.id, r]));
  const signals = new Map<string, RaterSignals>();
  const signalsOf = (id: string, i: number) => {
    let s = signals.get(id);
    if (s) return s;
    const r = responses.get(id);
    const prompt = r && promptText.get(r.promptId);
    if (!r || prompt === undefined) throw new RangeError(`pair ${i}: response "${id}" is not in the dataset`);
    signals.set(id, (s = raterSignals(prompt, r)));
    return s;
  };
  const comparisons = pairs.map((p, i) =>
    judgePair(spec.knobs, signalsOf(p.aId, i), signalsOf(p.bId, i), rng, {
      id: `${annotator.id}-p${seed}-${i}`,
      datasetId: dataset.dataset.id,
      promptId: p.promptId,
      aId: p.aId,
      bId: p.bId,
      annotatorId: annotator.id,
      createdAt: now,
      durationMs: 0,
    }),
  );
  return { annotator, comparisons };
}
