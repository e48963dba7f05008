/**
 * Training data for the Bradley–Terry reward model: labelled pairs (from the database or a pairs file)
 * become flat, transferable rows (chosen/rejected vector indices, margin, weight, tie flag, prompt key)
 * over one feature matrix of any feature set (./feature-sets.ts; the encoder's embeddings are passed in); a
 * seeded split by prompt; Davidson's tie probabilities. Pairwise accuracy and
 * log-loss live in ./metrics.ts. Pure TypeScript.
 */
import { featureSetDim, type FeatureSet } from './feature-sets';
import { FEATURE_DIM } from './features/index';
import { fnv1a } from './features/hashing';
import {
  featureRows,
  featurizeAll,
  rowsForSet,
  type ResponseEmbeddings,
  type ResponseFeatures,
} from './response-features';
import type { PreferencePair } from '../formats/pairs';
import { mulberry32, shuffle } from '../stats/random';
import type { Comparison, Outcome, Prompt, Response, Strength } from '../types';

export {
  embeddingRows,
  featureRows,
  featurizeAll,
  featurizeResponses,
  type ResponseEmbeddings,
  type ResponseFeatures,
} from './response-features';

/** How preference strength becomes a BT margin. `none`: 0 always; `llama2`: LLAMA2_MARGINS (or a file's own `margin`). */
export type MarginPreset = 'none' | 'llama2';
/** Ties: `drop`; `half` = half a win each way (two rows of weight 0.5); `davidson` = Davidson's tie likelihood. */
export type TieMode = 'drop' | 'half' | 'davidson';

/**
 * Margins by strength, after Llama 2's "margin small" column (Touvron et al. 2023, Table 28: significantly
 * better 1, better 2/3, slightly better 1/3, negligibly better/unsure 0). Our scale has three levels and
 * 1 is the default when nobody chose, so it maps to 0: 1 → 0, 2 (better) → 2/3, 3 (much better) → 1.
 */
export const LLAMA2_MARGINS: Readonly<Record<Strength, number>> = { 1: 0, 2: 2 / 3, 3: 1 };

/** A judgment over two feature vectors `a`, `b` (indices into a matrix). `outcome` "a": a preferred. */
export interface LabelledPair {
  promptKey: string;
  a: number;
  b: number;
  outcome: Outcome;
  strength?: Strength;
  /** Explicit margin (TRL files); used instead of the strength table when the preset is not `none`. */
  margin?: number;
}

/** Row options: margins, ties, and whether `both_bad` is dropped (it always is: it says nothing about order). */
export interface RowOptions {
  marginPreset: MarginPreset;
  ties: TieMode;
}

/**
 * BT training rows over a row-major feature matrix `vectors` (nVectors × dim). Typed arrays only, so
 * a set can be posted to a worker with its buffers transferred.
 */
export interface TrainingSet {
  dim: number;
  vectors: Float32Array;
  chosen: Int32Array;
  rejected: Int32Array;
  margin: Float32Array;
  weight: Float32Array;
  /** 1 for a Davidson tie row (chosen/rejected are then just the shown order). */
  tie: Uint8Array;
  /** Prompt of each row, for the split by prompt. */
  promptKeys: string[];
}

/**
 * How a label's outcome trains: `decided` (a or b: one row, the preferred response as chosen), `tie`
 * (ties are kept: two half rows under `half`, one Davidson row under `davidson`) or null (no row:
 * `both_bad`, which says nothing about order, and ties under `drop`). The one rule: the rows, the labels
 * a run records as used, and the page's "enough labels" check all follow it.
 */
export function trainingUse(outcome: Outcome, ties: TieMode): 'decided' | 'tie' | null {
  if (outcome === 'a' || outcome === 'b') return 'decided';
  if (outcome === 'tie') return ties === 'drop' ? null : 'tie';
  return null;
}

/**
 * The comparisons that train under `ties` (see {@link trainingUse}), in order, and how many of them are
 * decided (a or b): training needs at least two decided labels.
 */
export function selectTrainingLabels<C extends Pick<Comparison, 'outcome'>>(
  comparisons: readonly C[],
  ties: TieMode,
): { used: C[]; decided: number } {
  const used: C[] = [];
  let decided = 0;
  for (const c of comparisons) {
    const use = trainingUse(c.outcome, ties);
    if (use === null) continue;
    used.push(c);
    if (use === 'decided') decided++;
  }
  return { used, decided };
}

/** Turns labelled pairs into rows: see {@link trainingUse}, RowOptions, LLAMA2_MARGINS. */
export function buildRows(
  labels: readonly LabelledPair[],
  vectors: Float32Array,
  dim: number,
  opts: RowOptions,
): TrainingSet {
  const c: number[] = [];
  const r: number[] = [];
  const m: number[] = [];
  const w: number[] = [];
  const t: number[] = [];
  const keys: string[] = [];
  const push = (x: number, y: number, margin: number, weight: number, tie: number, key: string) => {
    c.push(x);
    r.push(y);
    m.push(margin);
    w.push(weight);
    t.push(tie);
    keys.push(key);
  };
  for (const l of labels) {
    const use = trainingUse(l.outcome, opts.ties);
    if (use === null) continue;
    if (use === 'tie') {
      if (opts.ties === 'half') {
        push(l.a, l.b, 0, 0.5, 0, l.promptKey);
        push(l.b, l.a, 0, 0.5, 0, l.promptKey);
      } else push(l.a, l.b, 0, 1, 1, l.promptKey);
      continue;
    }
    const margin = opts.marginPreset === 'none' ? 0 : (l.margin ?? LLAMA2_MARGINS[l.strength ?? 1]);
    const [x, y] = l.outcome === 'a' ? [l.a, l.b] : [l.b, l.a];
    push(x, y, margin, 1, 0, l.promptKey);
  }
  return {
    dim,
    vectors,
    chosen: Int32Array.from(c),
    rejected: Int32Array.from(r),
    margin: Float32Array.from(m),
    weight: Float32Array.from(w),
    tie: Uint8Array.from(t),
    promptKeys: keys,
  };
}

/** A short, stable key for a prompt text (FNV-1a hex), so model files do not carry whole prompts. */
export function promptKeyOf(prompt: string): string {
  return fnv1a(prompt).toString(16).padStart(8, '0');
}

/** The labels and distinct texts behind preference pairs (identical prompt+response share one vector). */
export function pairsToLabels(pairs: readonly PreferencePair[]): {
  items: { prompt: string; response: string }[];
  labels: LabelledPair[];
} {
  const items: { prompt: string; response: string }[] = [];
  const index = new Map<string, number>();
  const idOf = (prompt: string, response: string) => {
    const k = `${prompt}\u0000${response}`;
    let i = index.get(k);
    if (i === undefined) {
      i = items.push({ prompt, response }) - 1;
      index.set(k, i);
    }
    return i;
  };
  const labels = pairs.map((p): LabelledPair => {
    const l: LabelledPair = {
      promptKey: promptKeyOf(p.prompt),
      a: idOf(p.prompt, p.chosen),
      b: idOf(p.prompt, p.rejected),
      outcome: p.tie ? 'tie' : 'a',
    };
    if (p.strength !== undefined) l.strength = p.strength;
    if (p.margin !== undefined) l.margin = p.margin;
    return l;
  });
  return { items, labels };
}

/** Featurized training rows from preference pairs (a pairs file). */
export function pairsToTrainingSet(pairs: readonly PreferencePair[], opts: RowOptions): TrainingSet {
  const { items, labels } = pairsToLabels(pairs);
  return buildRows(labels, featurizeAll(items), FEATURE_DIM, opts);
}

/**
 * Featurized training rows from the lab's comparisons for the feature set `opts.features` (default
 * style+hashed), each response featurized once, or not at all when `features` (see
 * {@link featurizeResponses}, made for the same set) already hold it: its row is copied. The encoder sets
 * read each response's embedding from `embeddings` (when `features` is absent). Responses or prompts that
 * cannot be found are skipped; the prompt key is the prompt id. `rowOf` gives each response's row in
 * `set.vectors` (to score it without featurizing again), `used` the comparisons that became rows (by
 * {@link trainingUse}, with both texts found), in order.
 */
export function comparisonsToTrainingData(
  comparisons: readonly Comparison[],
  responses: readonly Response[],
  prompts: readonly Prompt[],
  opts: RowOptions & { features?: FeatureSet },
  features?: ResponseFeatures,
  embeddings?: ResponseEmbeddings,
): { set: TrainingSet; rowOf: ReadonlyMap<string, number>; used: Comparison[] } {
  const featureSet = opts.features ?? 'style+hashed';
  const dim = features ? (features.dim ?? FEATURE_DIM) : featureSetDim(featureSet);
  if (dim !== featureSetDim(featureSet))
    throw new RangeError(
      `the precomputed features have ${dim} columns, but feature set ${featureSet} has ${featureSetDim(featureSet)}`,
    );
  const byId = new Map(responses.map((r) => [r.id, r]));
  const promptText = new Map(prompts.map((p) => [p.id, p.text]));
  const items: { prompt: string; response: string }[] = [];
  const index = new Map<string, number>();
  const idOf = (r: Response, prompt: string) => {
    let i = index.get(r.id);
    if (i === undefined) {
      i = items.push({ prompt, response: r.text }) - 1;
      index.set(r.id, i);
    }
    return i;
  };
  const labels: LabelledPair[] = [];
  const used: Comparison[] = [];
  for (const c of selectTrainingLabels(comparisons, opts.ties).used) {
    const a = byId.get(c.aId);
    const b = byId.get(c.bId);
    const prompt = promptText.get(c.promptId);
    if (!a || !b || prompt === undefined) continue;
    if (features && !(features.rowOf.has(a.id) && features.rowOf.has(b.id))) continue;
    const l: LabelledPair = {
      promptKey: c.promptId,
      a: idOf(a, prompt),
      b: idOf(b, prompt),
      outcome: c.outcome,
    };
    if (c.strength !== undefined) l.strength = c.strength;
    labels.push(l);
    used.push(c);
  }
  // `index` holds the response ids in row order.
  const ids = [...index.keys()];
  const vectors = features ? featureRows(features, ids) : rowsForSet(featureSet, ids, items, embeddings);
  return { set: buildRows(labels, vectors, dim, opts), rowOf: index, used };
}

/** Featurized training rows from the lab's comparisons (see {@link comparisonsToTrainingData}). */
export function comparisonsToTrainingSet(
  comparisons: readonly Comparison[],
  responses: readonly Response[],
  prompts: readonly Prompt[],
  opts: RowOptions & { features?: FeatureSet },
  features?: ResponseFeatures,
  embeddings?: ResponseEmbeddings,
): TrainingSet {
  return comparisonsToTrainingData(comparisons, responses, prompts, opts, features, embeddings).set;
}

/**
 * The responses a training run on `comparisons` reads (both sides of every comparison that trains under
 * `ties`), once each, in first-use order: what must be embedded before an encoder feature set can train.
 */
export function responsesToEmbed(
  comparisons: readonly Comparison[],
  responses: readonly Response[],
  ties: TieMode,
): Response[] {
  const byId = new Map(responses.map((r) => [r.id, r]));
  const out = new Map<string, Response>();
  for (const c of selectTrainingLabels(comparisons, ties).used)
    for (const id of [c.aId, c.bId]) {
      const r = byId.get(id);
      if (r && !out.has(id)) out.set(id, r);
    }
  return [...out.values()];
}

/**
 * Seeded split of rows by prompt: the distinct keys (sorted, then shuffled with `seed`) are divided so
 * that round(valFraction × #keys) prompts go to validation (at least 1 when valFraction > 0 and there
 * are ≥ 2 prompts; never all). No prompt has rows on both sides.
 */
export function splitByPrompt(
  keys: readonly string[],
  valFraction: number,
  seed: number,
): { train: number[]; val: number[]; valKeys: string[] } {
  const distinct = shuffle(mulberry32(seed), [...new Set(keys)].sort());
  let nVal = Math.round(valFraction * distinct.length);
  if (valFraction > 0 && distinct.length >= 2) nVal = Math.min(Math.max(nVal, 1), distinct.length - 1);
  if (distinct.length < 2) nVal = 0;
  const valKeys = distinct.slice(0, nVal);
  const isVal = new Set(valKeys);
  const train: number[] = [];
  const val: number[] = [];
  keys.forEach((k, i) => (isVal.has(k) ? val : train).push(i));
  return { train, val, valKeys: valKeys.sort() };
}

/** The rows `idx` of a set (sharing its feature matrix). */
export function subsetRows(set: TrainingSet, idx: readonly number[]): TrainingSet {
  const pick = <T extends Int32Array | Float32Array | Uint8Array>(a: T, make: (n: number) => T): T => {
    const out = make(idx.length);
    idx.forEach((i, j) => (out[j] = a[i]));
    return out;
  };
  return {
    dim: set.dim,
    vectors: set.vectors,
    chosen: pick(set.chosen, (n) => new Int32Array(n)),
    rejected: pick(set.rejected, (n) => new Int32Array(n)),
    margin: pick(set.margin, (n) => new Float32Array(n)),
    weight: pick(set.weight, (n) => new Float32Array(n)),
    tie: pick(set.tie, (n) => new Uint8Array(n)),
    promptKeys: idx.map((i) => set.promptKeys[i]),
  };
}

/**
 * Davidson (1970) probabilities for reward difference d = r_i − r_j and tie parameter ν ≥ 0:
 * P(i) = e^{d/2} / Z, P(j) = e^{−d/2} / Z, P(tie) = ν / Z, Z = e^{d/2} + e^{−d/2} + ν.
 */
export function davidsonProbabilities(d: number, nu: number): { win: number; tie: number; loss: number } {
  const h = Math.abs(d) / 2;
  // Divide through by e^{|d|/2} for stability.
  const big = 1;
  const small = Math.exp(-2 * h);
  const nuS = nu * Math.exp(-h);
  const z = big + small + nuS;
  const [win, loss] = d >= 0 ? [big / z, small / z] : [small / z, big / z];
  return { win, tie: nuS / z, loss };
}
