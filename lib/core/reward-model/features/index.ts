/**
 * The featurizer: turns (prompt, response) into a fixed-length Float32Array for the reward model.
 * Layout (FEATURES_VERSION "style19+fnv4096-v1"):
 *   [0, STYLE_FEATURE_COUNT)        interpretable style features, each O(1) (log1p counts or capped ratios);
 *   [STYLE_FEATURE_COUNT, FEATURE_DIM) hashed word unigrams and bigrams of the response: HASH_BUCKETS
 *                                   buckets (FNV-1a of the lowercase gram mod 4096), value log1p(count),
 *                                   the block scaled to unit L2 norm.
 * Pure and deterministic. Gold labels (`correct`, `goldScore`) are never inputs.
 */
import { APOLOGIES, CONFIDENT_MARKERS, FLATTERY, HEDGES, STOPWORDS, UNITS } from './lexicon';
import { HASH_BUCKETS, gramBucket, grams } from './hashing';

export { HASH_BUCKETS, fnv1a, gramBucket } from './hashing';

/** Version of the feature layout; stored with every model so an old model is not fed new features. */
export const FEATURES_VERSION = 'style19+fnv4096-v1';

/** Lowercase word tokens: runs of letters/digits, with inner apostrophes kept ("i'm", "don't"). */
export function tokenize(text: string): string[] {
  return (
    text
      .toLowerCase()
      .replace(/[\u2018\u2019\u02bc]/g, "'")
      .match(/[\p{L}\p{N}]+(?:'[\p{L}\p{N}]+)*/gu) ?? []
  );
}

/** Counts non-overlapping occurrences of any phrase (longest first) in a token sequence. */
export function countPhrases(tokens: readonly string[], phrases: readonly string[][]): number {
  let count = 0;
  for (let i = 0; i < tokens.length;) {
    let matched = 0;
    for (const p of phrases) {
      if (p.length <= matched || i + p.length > tokens.length) continue;
      let ok = true;
      for (let k = 0; k < p.length && ok; k++) ok = tokens[i + k] === p[k];
      if (ok) matched = p.length;
    }
    if (matched > 0) {
      count++;
      i += matched;
    } else i++;
  }
  return count;
}

/** Rough English syllable count of a lowercase word: vowel groups, minus a silent final "e"; at least 1. */
export function syllables(word: string): number {
  const groups = word.match(/[aeiouy]+/g)?.length ?? 0;
  const silentE = groups > 1 && /[^aeiouy]e$/.test(word) && !/[^aeiouy]le$/.test(word) ? 1 : 0;
  return Math.max(1, groups - silentE);
}

/** Number of sentences: segments ending in . ! ? (or the end of text) that contain a word. */
export function countSentences(text: string): number {
  return text.split(/[.!?]+(?=\s|$)|\n{2,}/).filter((s) => /[\p{L}\p{N}]/u.test(s)).length;
}

const lex = (list: readonly string[]) => list.map(tokenize).filter((p) => p.length > 0);
const CONFIDENT = lex(CONFIDENT_MARKERS);
const HEDGE = lex(HEDGES);
const FLATTER = lex(FLATTERY);
const APOLOGY = lex(APOLOGIES);
const UNIT_RE = new RegExp(
  `\\d(?:[\\d,.]*\\d)?\\s?(?:%|°\\s?[cf]\\b|(?:${UNITS.join('|')})\\b)|[$£€¥]\\s?\\d`,
  'giu',
);

const log1p = Math.log1p;
const cap = (x: number, hi: number) => Math.min(x, hi);

interface StyleFeature {
  name: string;
  /** What it measures and how it is scaled, for the viewer's tooltip. */
  help: string;
}

/** The interpretable style features, in layout order. */
export const STYLE_FEATURES: readonly StyleFeature[] = [
  { name: 'length', help: 'log1p(words) / 4' },
  { name: 'sentences', help: 'log1p(sentences) / 2' },
  { name: 'list items', help: 'log1p(lines starting "-", "*", "•" or "1.") / 2' },
  { name: 'headings', help: 'log1p(markdown heading lines) / 2' },
  { name: 'code blocks', help: 'log1p(``` fenced blocks)' },
  { name: 'bold', help: 'log1p(**bold** or __bold__ spans) / 2' },
  { name: 'confident markers', help: 'log1p("definitely", "clearly", "it is well known", ...)' },
  { name: 'hedges', help: 'log1p("I think", "might", "I\'m not sure", "probably", ...)' },
  { name: 'flattery/agreement', help: 'log1p("Great question", "You\'re right", "Exactly", ...)' },
  { name: 'apology/refusal', help: 'log1p("I\'m sorry", "I can\'t", "I cannot help", ...)' },
  { name: 'numbers', help: 'log1p(numbers) / 2' },
  { name: 'units', help: 'log1p(numbers with a unit, %, °C or currency)' },
  { name: 'prompt overlap', help: 'Jaccard similarity of prompt and response content words, in [0, 1]' },
  { name: 'mean sentence length', help: 'words per sentence / 20, capped at 3' },
  { name: 'mean word length', help: 'characters per word / 5, capped at 3' },
  { name: 'reading ease', help: 'Flesch reading ease / 100, clipped to [-1, 1.5]' },
  { name: 'questions', help: 'log1p(question marks)' },
  { name: 'exclamations', help: 'log1p(exclamation marks)' },
  { name: 'empty', help: '1 if the response has no words' },
];

/** Number of interpretable style features at the start of the vector. */
export const STYLE_FEATURE_COUNT = STYLE_FEATURES.length;
/** Length of every feature vector: style features then hash buckets. */
export const FEATURE_DIM = STYLE_FEATURE_COUNT + HASH_BUCKETS;

/** Name of every index: the style feature names, then `hash#0` … `hash#4095`. */
export const FEATURE_NAMES: readonly string[] = [
  ...STYLE_FEATURES.map((f) => f.name),
  ...Array.from({ length: HASH_BUCKETS }, (_, b) => `hash#${b}`),
];

/** The name of feature `i` (see FEATURE_NAMES). */
export function featureName(i: number): string {
  if (!Number.isInteger(i) || i < 0 || i >= FEATURE_DIM)
    throw new RangeError(`feature index ${i} out of range`);
  return FEATURE_NAMES[i];
}

function contentWords(tokens: readonly string[]): Set<string> {
  return new Set(tokens.filter((t) => !STOPWORDS.has(t) && t.length > 1));
}

/** Jaccard similarity |A∩B| / |A∪B| of two sets (0 when both are empty). */
export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  const union = a.size + b.size - inter;
  return union === 0 ? 0 : inter / union;
}

const countMatches = (text: string, re: RegExp) => text.match(re)?.length ?? 0;

/** Fills `out[offset ..]` with the style features of a response (see STYLE_FEATURES for definitions). */
function styleFeatures(
  prompt: string,
  response: string,
  tokens: string[],
  out: Float32Array,
  o: number,
): void {
  const words = tokens.length;
  const sentences = countSentences(response);
  const fences = countMatches(response, /^\s*```/gm);
  const letters = tokens.reduce((s, t) => s + t.replace(/'/g, '').length, 0);
  const syl = tokens.reduce((s, t) => s + syllables(t), 0);
  const perSentence = words / Math.max(1, sentences);
  const flesch = words === 0 ? 0 : 206.835 - 1.015 * perSentence - 84.6 * (syl / words);
  const values = [
    log1p(words) / 4,
    log1p(sentences) / 2,
    log1p(countMatches(response, /^\s*(?:[-*+•]|\d+[.)])\s+\S/gm)) / 2,
    log1p(countMatches(response, /^\s{0,3}#{1,6}\s+\S/gm)) / 2,
    log1p(Math.ceil(fences / 2)),
    log1p(countMatches(response, /\*\*[^*\n]+\*\*|__[^_\n]+__/g)) / 2,
    log1p(countPhrases(tokens, CONFIDENT)),
    log1p(countPhrases(tokens, HEDGE)),
    log1p(countPhrases(tokens, FLATTER)),
    log1p(countPhrases(tokens, APOLOGY)),
    log1p(countMatches(response, /\d+(?:[.,]\d+)*/g)) / 2,
    log1p(countMatches(response, UNIT_RE)),
    jaccard(contentWords(tokenize(prompt)), contentWords(tokens)),
    words === 0 ? 0 : cap(perSentence / 20, 3),
    words === 0 ? 0 : cap(letters / words / 5, 3),
    Math.max(-1, Math.min(1.5, flesch / 100)),
    log1p(countMatches(response, /\?/g)),
    log1p(countMatches(response, /!/g)),
    words === 0 ? 1 : 0,
  ];
  for (let i = 0; i < values.length; i++) out[o + i] = values[i];
}

/** Fills `out[offset ..]` with the unit-norm hashed unigram+bigram block of a token sequence. */
function hashedFeatures(tokens: string[], out: Float32Array, o: number): void {
  const counts = new Map<number, number>();
  for (const g of grams(tokens)) {
    const b = gramBucket(g);
    counts.set(b, (counts.get(b) ?? 0) + 1);
  }
  let norm = 0;
  for (const c of counts.values()) norm += log1p(c) ** 2;
  norm = Math.sqrt(norm);
  for (const [b, c] of counts) out[o + b] = log1p(c) / norm;
}

/**
 * The feature vector (length FEATURE_DIM) of `response` given its `prompt`. Writes into `out` at
 * `offset` when given (for building flat matrices without copies), else returns a new array.
 */
export function featurize(prompt: string, response: string, out?: Float32Array, offset = 0): Float32Array {
  const vec = out ?? new Float32Array(FEATURE_DIM);
  if (out) vec.fill(0, offset, offset + FEATURE_DIM);
  const tokens = tokenize(response);
  styleFeatures(prompt, response, tokens, vec, offset);
  hashedFeatures(tokens, vec, offset + STYLE_FEATURE_COUNT);
  return vec;
}

/** The grams (`word` or `word1 word2`) in `texts` that land in hash bucket `bucket`, most frequent first. */
export function bucketGrams(bucket: number, texts: Iterable<string>, limit = 5): string[] {
  const counts = new Map<string, number>();
  for (const text of texts)
    for (const g of grams(tokenize(text)))
      if (gramBucket(g) === bucket) counts.set(g, (counts.get(g) ?? 0) + 1);
  return [...counts.entries()]
    .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))
    .slice(0, limit)
    .map(([g]) => g);
}

/**
 * A human-readable name for feature `i`: the style name, or for a hash bucket the grams from `texts`
 * that hit it (`word:"definitely"`, `words:"sure"|"of course"`), or `hash#i` when none do / no texts.
 */
export function describeFeature(i: number, texts?: Iterable<string>): string {
  const name = featureName(i);
  if (i < STYLE_FEATURE_COUNT || !texts) return name;
  const hits = bucketGrams(i - STYLE_FEATURE_COUNT, texts);
  if (hits.length === 0) return name;
  if (hits.length === 1) return `word:${JSON.stringify(hits[0])}`;
  return `words:${hits.map((h) => JSON.stringify(h)).join('|')}`;
}
