/**
 * Why a reward model scored a response as it did, in plain JS (no TF.js): per-feature contributions
 * (linear: weight × value; MLP: gradient × input, with the gradient of the tiny one-hidden-layer MLP of
 * ./model-file.ts written out by hand), the top contributing features by name, and per-word highlights:
 * how much each word of the text contributed through the hashed unigram and bigram features, so the UI
 * can colour words.
 */
import {
  FEATURE_DIM,
  STYLE_FEATURE_COUNT,
  bucketGrams,
  featureName,
  featurize,
  tokenize,
} from './features/index';
import { gramBucket, grams } from './features/hashing';
import { STOPWORDS } from './features/lexicon';
import type { ModelWeights } from './model-file';
import { scoreWithWeights } from './model-file';

/**
 * ∂reward/∂x for every input feature. Linear: the weights. MLP: Σ_j w1[i][j]·w2[j]·act′(h_j) with
 * h = b1 + x·w1 (ReLU′ = 1 if h > 0 else 0, tanh′ = 1 − tanh²).
 */
export function inputGradient(w: ModelWeights, x: ArrayLike<number>): Float64Array {
  if (w.kind === 'linear') return Float64Array.from(w.w);
  const back = hiddenBackprop(w, x);
  const g = new Float64Array(w.w1.length);
  for (let i = 0; i < w.w1.length; i++) g[i] = dotRow(w.w1[i], back);
  return g;
}

/** w2[j]·act′(h_j) for each hidden unit j at input x. */
function hiddenBackprop(w: Extract<ModelWeights, { kind: 'mlp' }>, x: ArrayLike<number>): Float64Array {
  const h = Float64Array.from(w.b1);
  for (let i = 0; i < w.w1.length; i++) {
    const xi = x[i];
    if (xi === 0) continue;
    const row = w.w1[i];
    for (let j = 0; j < h.length; j++) h[j] += xi * row[j];
  }
  const back = new Float64Array(h.length);
  for (let j = 0; j < h.length; j++) {
    const d = w.activation === 'relu' ? (h[j] > 0 ? 1 : 0) : 1 - Math.tanh(h[j]) ** 2;
    back[j] = w.w2[j] * d;
  }
  return back;
}

function dotRow(row: readonly number[], v: Float64Array): number {
  let s = 0;
  for (let j = 0; j < v.length; j++) s += row[j] * v[j];
  return s;
}

/**
 * Contribution of every feature to the reward of x: weight × value (linear) or gradient × input (MLP),
 * zero where x is zero. Linear: Σ contributions = reward − b exactly. ReLU MLP: Σ = reward − b2 −
 * Σ_{active j} w2[j]·b1[j] (the network is linear in its active region). tanh MLP: a first-order account.
 */
export function contributions(w: ModelWeights, x: ArrayLike<number>): Float64Array {
  const n = w.kind === 'linear' ? w.w.length : w.w1.length;
  const out = new Float64Array(n);
  if (w.kind === 'linear') {
    for (let i = 0; i < n; i++) if (x[i] !== 0) out[i] = w.w[i] * x[i];
    return out;
  }
  const back = hiddenBackprop(w, x);
  for (let i = 0; i < n; i++) if (x[i] !== 0) out[i] = x[i] * dotRow(w.w1[i], back);
  return out;
}

/** One feature's share of a reward. */
export interface FeatureContribution {
  index: number;
  /** Readable name: the style feature, or the words hitting a hash bucket (`“definitely” or “sure”`). */
  name: string;
  value: number;
  contribution: number;
}

/** Grams named in a hash bucket's name; the rest are counted ("and 3 more"). */
export const BUCKET_NAME_GRAMS = 3;

/**
 * How a hash bucket reads: its grams (words or two-word phrases) in curly quotes, most frequent first,
 * joined by "or" (the bucket fires for any of them), then "and N more" past {@link BUCKET_NAME_GRAMS}:
 * `“think” or “robinson's 1966”`, `“a”, “the” or “of” and 2 more`. No grams: `word bucket #b (no word of
 * this dataset)`.
 */
export function bucketName(bucket: number, grams: readonly string[]): string {
  if (grams.length === 0) return `word bucket #${bucket} (no word of this dataset)`;
  const shown = grams.slice(0, BUCKET_NAME_GRAMS).map((g) => `“${g}”`);
  const list =
    shown.length < 2 ? shown.join('') : `${shown.slice(0, -1).join(', ')} or ${shown[shown.length - 1]}`;
  const more = grams.length - shown.length;
  return more > 0 ? `${list} and ${more} more` : list;
}

/**
 * A short readable name for feature `i`: the style feature's name, or for a hash bucket the grams of
 * `texts` that hit it ({@link bucketName}); without texts, `hash#b`.
 */
export function nameFeature(i: number, texts?: Iterable<string>): string {
  const name = featureName(i);
  if (i < STYLE_FEATURE_COUNT || !texts) return name;
  const bucket = i - STYLE_FEATURE_COUNT;
  return bucketName(bucket, bucketGrams(bucket, texts, Infinity));
}

/**
 * Readable names of many features at once ({@link nameFeature}), reading `texts` once: every gram is
 * hashed a single time and counted only if its bucket is asked for.
 */
export function nameFeatures(indices: Iterable<number>, texts: Iterable<string>): Map<number, string> {
  const names = new Map<number, string>();
  const counts = new Map<number, Map<string, number>>();
  for (const i of indices) {
    if (i < STYLE_FEATURE_COUNT) names.set(i, featureName(i));
    else counts.set(i - STYLE_FEATURE_COUNT, new Map());
  }
  if (counts.size > 0)
    for (const text of texts)
      for (const g of grams(tokenize(text))) {
        const c = counts.get(gramBucket(g));
        if (c) c.set(g, (c.get(g) ?? 0) + 1);
      }
  for (const [bucket, c] of counts) {
    const ranked = [...c.entries()].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)).map(([g]) => g);
    names.set(bucket + STYLE_FEATURE_COUNT, bucketName(bucket, ranked));
  }
  return names;
}

/** A response's reward taken apart. */
export interface Explanation {
  reward: number;
  /** reward − Σ contributions: the bias (linear), the active-unit bias (ReLU MLP). */
  baseline: number;
  /** Sum of the style features' contributions. */
  styleTotal: number;
  /** Sum of the hashed word features' contributions. */
  wordsTotal: number;
  /** The largest contributions by absolute value, largest first. */
  top: FeatureContribution[];
}

/**
 * Explains the reward of `text` (a response to `prompt`): totals and the `top` largest contributions
 * by |contribution|. Hash buckets are named by the words of the response that hit them.
 */
export function explainResponse(w: ModelWeights, prompt: string, text: string, top = 5): Explanation {
  const x = featurize(prompt, text);
  return explainVector(w, x, top, [text]);
}

/** As {@link explainResponse}, for a feature vector; `texts` name the hash buckets. */
export function explainVector(
  w: ModelWeights,
  x: ArrayLike<number>,
  top = 5,
  texts?: readonly string[],
): Explanation {
  const c = contributions(w, x);
  const reward = scoreWithWeights(w, x);
  let styleTotal = 0;
  let wordsTotal = 0;
  for (let i = 0; i < c.length; i++) {
    if (i < STYLE_FEATURE_COUNT) styleTotal += c[i];
    else wordsTotal += c[i];
  }
  const order = Array.from(c.keys())
    .filter((i) => c[i] !== 0)
    .sort((i, j) => Math.abs(c[j]) - Math.abs(c[i]) || i - j)
    .slice(0, top);
  return {
    reward,
    baseline: reward - styleTotal - wordsTotal,
    styleTotal,
    wordsTotal,
    top: order.map((i) => ({
      index: i,
      name: nameFeature(i, texts),
      value: x[i],
      contribution: c[i],
    })),
  };
}

/** A word of the text with its character span and its contribution to the reward. */
export interface WordHighlight {
  /** Start and end (exclusive) UTF-16 offsets into the original text. */
  start: number;
  end: number;
  word: string;
  /** Reward contributed by this word through the hashed unigram/bigram features. */
  weight: number;
  /** A stop word ("the", "is", "I"...): its share is counted but it is not shown as a driver. */
  stopword: boolean;
}

const WORD_RE = /[\p{L}\p{N}]+(?:'[\p{L}\p{N}]+)*/gu;

/** Word tokens with their spans; the same tokens as features.ts `tokenize` (lowercased). */
export function tokenSpans(text: string): { start: number; end: number; token: string }[] {
  const normalised = text.replace(/[\u2018\u2019\u02bc]/g, "'");
  return [...normalised.matchAll(WORD_RE)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
    token: m[0].toLowerCase(),
  }));
}

/**
 * Per-word highlights: each hash bucket's contribution (weight × value or gradient × input) is shared
 * equally among the gram occurrences that hit it, and a bigram's share equally between its two words.
 * The weights therefore sum to the hashed block's total contribution. Style features are not words and
 * are not included.
 */
export function wordHighlights(w: ModelWeights, prompt: string, text: string): WordHighlight[] {
  const x = featurize(prompt, text);
  const c = contributions(w, x);
  const spans = tokenSpans(text);
  const tokens = spans.map((s) => s.token);
  const gramsOf: { bucket: number; words: number[] }[] = [];
  tokens.forEach((t, i) => gramsOf.push({ bucket: gramBucket(t), words: [i] }));
  for (let i = 0; i + 1 < tokens.length; i++)
    gramsOf.push({ bucket: gramBucket(`${tokens[i]} ${tokens[i + 1]}`), words: [i, i + 1] });
  const hits = new Map<number, number>();
  for (const g of gramsOf) hits.set(g.bucket, (hits.get(g.bucket) ?? 0) + 1);
  const weights = new Float64Array(tokens.length);
  for (const g of gramsOf) {
    const share = c[STYLE_FEATURE_COUNT + g.bucket] / hits.get(g.bucket)! / g.words.length;
    for (const k of g.words) weights[k] += share;
  }
  return spans.map((s, k) => ({
    start: s.start,
    end: s.end,
    word: text.slice(s.start, s.end),
    weight: weights[k],
    stopword: STOPWORDS.has(s.token),
  }));
}

/**
 * The model's overall view of each feature: linear, its weight; MLP, the mean of gradient × input over
 * the given feature vectors (row-major, FEATURE_DIM each). Returns one number per feature.
 */
export function featureImportance(w: ModelWeights, vectors: Float32Array): Float64Array {
  if (w.kind === 'linear') return Float64Array.from(w.w);
  const n = Math.floor(vectors.length / FEATURE_DIM);
  const out = new Float64Array(FEATURE_DIM);
  for (let r = 0; r < n; r++) {
    const c = contributions(w, vectors.subarray(r * FEATURE_DIM, (r + 1) * FEATURE_DIM));
    for (let i = 0; i < FEATURE_DIM; i++) out[i] += c[i] / n;
  }
  return out;
}

/** A word the viewer marks as a driver of the reward: shown only when its |weight| is at least this share of the largest. */
export const DRIVER_MIN_SHARE = 0.15;

/**
 * The words to mark in a response as drivers of its reward, by lowercase token (as {@link tokenSpans}):
 * the mean weight of the token's occurrences, leaving out stop words and words whose |weight| is below
 * {@link DRIVER_MIN_SHARE} of the largest. The viewer marks every occurrence of a token the same way,
 * because rendered Markdown does not keep the raw text's offsets.
 */
export function driverWords(highlights: readonly WordHighlight[]): Map<string, number> {
  const sums = new Map<string, { sum: number; n: number }>();
  for (const h of highlights) {
    if (h.stopword) continue;
    const token = h.word.replace(/[\u2018\u2019\u02bc]/g, "'").toLowerCase();
    const s = sums.get(token) ?? { sum: 0, n: 0 };
    s.sum += h.weight;
    s.n++;
    sums.set(token, s);
  }
  const means = [...sums].map(([t, s]) => [t, s.sum / s.n] as const);
  const max = Math.max(1e-9, ...means.map(([, w]) => Math.abs(w)));
  return new Map(means.filter(([, w]) => Math.abs(w) >= DRIVER_MIN_SHARE * max));
}
