/**
 * The Goodhart inspection report behind /inspect and `goodhart inspect`: a trained reward model
 * (a model file, scored in plain JS) against a dataset with, ideally, gold labels. Figures for the
 * held-out prompts (those the model did not train on) and for all prompts; every response's reward;
 * the model's top positive and negative features; a gallery of confidently-wrong preferences; and each
 * annotator against gold. `inspectScores` gives the same figures for rewards from any external model.
 * Pure TypeScript: no TF.js.
 */
import { raterAccuracyAgainstGold } from '../labeling/agreement';
import type { RaterVsGold } from '../labeling/agreement';
import { explainVector, featureImportance, nameFeatures } from '../reward-model/explain';
import type { FeatureContribution } from '../reward-model/explain';
import { FEATURE_DIM, STYLE_FEATURES, STYLE_FEATURE_COUNT } from '../reward-model/features/index';
import { wordCount } from './metrics';
import type { LengthPair } from './metrics';
import { sliceFigures } from './figures';
import type { InspectItem, SliceFigures } from './figures';
import { gallery } from './gallery';
import type { GalleryItem, GalleryPair } from './gallery';
import type { RewardModelFile } from '../reward-model/model-file';
import { modelFeatures, modelInputDim, scoreMatrix } from '../reward-model/model-file';
import { featureSetNote, namedPart, usesEncoder } from '../reward-model/feature-sets';
import { featureRows, featurizeAll, promptKeyOf, type ResponseFeatures } from '../reward-model/training-data';
import type { Annotator, Comparison, DatasetFile } from '../types';
import { tagValue } from '../types';

export type { SliceFigures, RewardGroup, NamedCorrelation, InspectItem } from './figures';
export type { GalleryPair, GallerySide } from './gallery';

/** Default largest n of the best-of-n curve. */
export const DEFAULT_MAX_N = 16;

/** Options of {@link inspect}. */
export interface InspectOptions {
  /** Judgments on the dataset: for the length baseline and raters against gold. */
  comparisons?: readonly Comparison[];
  /** Names of the annotators of `comparisons`. */
  annotators?: readonly Annotator[];
  /** Largest n of the best-of-n curve (default 16). */
  maxN?: number;
  /** Pairs in the gallery (default 8). */
  galleryCount?: number;
  /** Features in each of the top-positive / top-negative lists (default 10). */
  topFeatures?: number;
  /** The dataset's responses already featurized (training-data.ts `featurizeResponses`), not redone. */
  features?: ResponseFeatures;
}

/** One response with its reward, for the strip plot. */
export interface ResponseReward {
  responseId: string;
  promptId: string;
  reward: number;
  correct: boolean | null;
  style: string | null;
  /** Words. */
  length: number;
  heldOut: boolean;
}

/** A response's prompt and text, as the viewer's hover labels and explanations show them. */
export interface ResponseText {
  prompt: string;
  text: string;
}

/** A feature with the model's overall weight on it (linear: weight; MLP: mean gradient × input). */
export interface FeatureWeight {
  index: number;
  name: string;
  weight: number;
}

/** An annotator's record against gold, with their name. */
export type RaterRow = RaterVsGold & { name: string; kind: Annotator['kind'] | null };

/** Everything /inspect shows. */
export interface InspectReport {
  /** Whether any response has a gold label. */
  hasGold: boolean;
  /** What is missing and what it would add (e.g. no gold labels, no style tags, no held-out prompts). */
  notes: string[];
  /** Figures on prompts the model did not train on. */
  heldOut: SliceFigures;
  /** Figures on every prompt of the dataset. */
  all: SliceFigures;
  /** Ids of the dataset's held-out prompts, and how held-out was determined. */
  heldOutPromptIds: string[];
  heldOutSource: 'not-trained-on' | 'validation-split';
  responses: ResponseReward[];
  /** Response id → its prompt and text, built with the report (the viewer does not rebuild it). */
  texts: Map<string, ResponseText>;
  /** The largest weights over every feature, hash buckets named by this dataset's words that hit them. */
  topFeatures: { positive: FeatureWeight[]; negative: FeatureWeight[] };
  /** The same over the named style features only (the viewer's default). */
  topStyleFeatures: { positive: FeatureWeight[]; negative: FeatureWeight[] };
  /** Confidently-wrong pairs over all prompts. */
  gallery: GalleryPair[];
  /** The same over the held-out prompts only. */
  heldOutGallery: GalleryPair[];
  raters: RaterRow[];
}

/**
 * Which prompts of the dataset the model did not train on. Model files key prompts by prompt id (labels
 * from the lab's database) or by `promptKeyOf(text)` (pairs files), so both are matched. When the file
 * lists its training prompts, held-out = every other prompt; otherwise its validation prompts.
 */
export function heldOutPrompts(
  model: Pick<RewardModelFile, 'trainedOn' | 'heldOutPromptKeys'>,
  dataset: Pick<DatasetFile, 'prompts'>,
): { ids: Set<string>; source: InspectReport['heldOutSource'] } {
  const keysOf = (p: { id: string; text: string }) => [p.id, promptKeyOf(p.text)];
  const trained = model.trainedOn.promptKeys;
  if (trained) {
    const set = new Set(trained);
    const ids = dataset.prompts.filter((p) => !keysOf(p).some((k) => set.has(k))).map((p) => p.id);
    return { ids: new Set(ids), source: 'not-trained-on' };
  }
  const held = new Set(model.heldOutPromptKeys);
  const ids = dataset.prompts.filter((p) => keysOf(p).some((k) => held.has(k))).map((p) => p.id);
  return { ids: new Set(ids), source: 'validation-split' };
}

function lengthPairs(
  comparisons: readonly Comparison[],
  byId: (responseId: string) => InspectItem | undefined,
  keep: (promptId: string) => boolean,
): LengthPair[] {
  const out: LengthPair[] = [];
  for (const c of comparisons) {
    if (c.outcome !== 'a' && c.outcome !== 'b') continue;
    const a = byId(c.aId);
    const b = byId(c.bId);
    if (!a || !b || !keep(a.promptId)) continue;
    const [ch, rj] = c.outcome === 'a' ? [a, b] : [b, a];
    out.push({
      chosenLength: ch.length,
      rejectedLength: rj.length,
      rChosen: ch.reward,
      rRejected: rj.reward,
    });
  }
  return out;
}

/** The strip plot's rows and the texts behind them, from the report's items (one pass, both reports). */
function responseViews(items: readonly GalleryItem[]): {
  responses: ResponseReward[];
  texts: Map<string, ResponseText>;
} {
  const texts = new Map<string, ResponseText>();
  const responses = items.map((it): ResponseReward => {
    texts.set(it.responseId, { prompt: it.prompt, text: it.text });
    return {
      responseId: it.responseId,
      promptId: it.promptId,
      reward: it.reward,
      correct: it.correct ?? null,
      style: it.style ?? null,
      length: it.length,
      heldOut: it.heldOut,
    };
  });
  return { responses, texts };
}

/** The rows of `features` for `responses`, in order: the matrix itself when it is exactly those. */
function datasetRows(features: ResponseFeatures, responses: readonly { id: string }[]): Float32Array {
  if ((features.dim ?? FEATURE_DIM) !== FEATURE_DIM)
    throw new RangeError(`precomputed features are ${features.dim} wide, not the model's ${FEATURE_DIM}`);
  const same =
    features.vectors.length === responses.length * FEATURE_DIM &&
    responses.every((r, i) => features.rowOf.get(r.id) === i);
  return same
    ? features.vectors
    : featureRows(
        features,
        responses.map((r) => r.id),
      );
}

/**
 * The rows of an encoder model's features (embeddings cannot be computed here): `features` must hold
 * exactly `responses`, in order, `dim` wide.
 */
function encoderRows(
  features: ResponseFeatures | undefined,
  responses: readonly { id: string }[],
  dim: number,
): Float32Array {
  if (
    !features ||
    features.vectors.length !== responses.length * dim ||
    !responses.every((r, i) => features.rowOf.get(r.id) === i)
  )
    throw new RangeError(
      `this model reads sentence-encoder embeddings: pass its feature rows (${dim} per response, in the dataset's order) as opts.features`,
    );
  return features.vectors;
}

/** Notes on what the data lacks: gold labels, style tags, held-out prompts. */
export function reportNotes(items: readonly InspectItem[], heldOutCount: number | null): string[] {
  const notes: string[] = [];
  if (!items.some((i) => i.correct !== undefined))
    notes.push(
      'No gold labels: mark responses correct/incorrect to see how often the model prefers a wrong answer, the gold curve of best-of-n, the gallery of confidently-wrong preferences and raters against gold.',
    );
  if (!items.some((i) => i.style === 'fluent') || !items.some((i) => i.style === 'hedged'))
    notes.push('No style:fluent / style:hedged tags: the hacking gap needs both styles.');
  if (heldOutCount === 0)
    notes.push('No held-out prompts: the model trained on every prompt here, so held-out figures are empty.');
  return notes;
}

/** Inspects a trained reward model on a dataset (see {@link InspectReport}). */
export function inspect(
  model: RewardModelFile,
  dataset: DatasetFile,
  opts: InspectOptions = {},
): InspectReport {
  const set = modelFeatures(model).set;
  const dim = modelInputDim(model.weights);
  if (!usesEncoder(set) && dim !== FEATURE_DIM)
    throw new RangeError(`model expects ${dim} features, not ${FEATURE_DIM}`);
  const maxN = opts.maxN ?? DEFAULT_MAX_N;
  const promptText = new Map(dataset.prompts.map((p) => [p.id, p.text]));
  const responses = dataset.responses.filter((r) => promptText.has(r.promptId));
  const featurizeHere = () =>
    featurizeAll(responses.map((r) => ({ prompt: promptText.get(r.promptId)!, response: r.text })));
  const vectors = usesEncoder(set)
    ? encoderRows(opts.features, responses, dim)
    : opts.features
      ? datasetRows(opts.features, responses)
      : featurizeHere();
  const rewards = scoreMatrix(model.weights, vectors, dim);
  // The weight-reading views see only the named features (an embedding's coordinates have no names).
  const readable = namedPart(set, model.weights, vectors);
  const styleVectors = readable?.vectors ?? featurizeHere();
  const held = heldOutPrompts(model, dataset);

  const items: GalleryItem[] = responses.map((r, i) => {
    const it: GalleryItem = {
      promptId: r.promptId,
      responseId: r.id,
      reward: rewards[i],
      length: wordCount(r.text),
      text: r.text,
      prompt: promptText.get(r.promptId)!,
      heldOut: held.ids.has(r.promptId),
    };
    if (r.correct !== undefined) it.correct = r.correct;
    const style = tagValue(r.tags, 'style');
    if (style !== undefined) it.style = style;
    return it;
  });
  const rowOf = new Map(items.map((it, i) => [it.responseId, i]));
  const styleRow = (i: number) =>
    Array.from(styleVectors.subarray(i * FEATURE_DIM, i * FEATURE_DIM + STYLE_FEATURE_COUNT));
  const names = STYLE_FEATURES.map((f) => f.name);
  const byId = (id: string) => {
    const i = rowOf.get(id);
    return i === undefined ? undefined : items[i];
  };
  const comparisons = opts.comparisons ?? [];

  const slice = (keep: (it: GalleryItem) => boolean): SliceFigures => {
    const idx = items.flatMap((it, i) => (keep(it) ? [i] : []));
    const its = idx.map((i) => items[i]);
    const prompts = new Set(its.map((i) => i.promptId));
    return sliceFigures(its, {
      maxN,
      pairs: comparisons.length > 0 ? lengthPairs(comparisons, byId, (p) => prompts.has(p)) : undefined,
      features: { rows: idx.map(styleRow), names },
    });
  };

  const texts = responses.map((r) => r.text);
  const importance = readable ? featureImportance(readable.weights, readable.vectors) : new Float64Array(0);
  const topN = opts.topFeatures ?? 10;
  const ranked = Array.from(importance.keys()).filter((i) => importance[i] !== 0);
  const positive = ranked
    .filter((i) => importance[i] > 0)
    .sort((i, j) => importance[j] - importance[i] || i - j);
  const negative = ranked
    .filter((i) => importance[i] < 0)
    .sort((i, j) => importance[i] - importance[j] || i - j);
  const isStyle = (i: number) => i < STYLE_FEATURE_COUNT;
  const lists = {
    positive: positive.slice(0, topN),
    negative: negative.slice(0, topN),
    stylePositive: positive.filter(isStyle).slice(0, topN),
    styleNegative: negative.filter(isStyle).slice(0, topN),
  };
  const featureNames = nameFeatures(new Set(Object.values(lists).flat()), texts);
  const named = (i: number): FeatureWeight => ({
    index: i,
    name: featureNames.get(i)!,
    weight: importance[i],
  });

  const explainItem = (it: GalleryItem): FeatureContribution[] => {
    const i = rowOf.get(it.responseId)!;
    if (!readable) return [];
    return explainVector(
      readable.weights,
      readable.vectors.subarray(i * FEATURE_DIM, (i + 1) * FEATURE_DIM),
      5,
      [it.text],
    ).top;
  };

  const gold = new Map(dataset.responses.map((r) => [r.id, r.correct]));
  const annotators = new Map((opts.annotators ?? []).map((a) => [a.id, a]));
  const raters: RaterRow[] = raterAccuracyAgainstGold(comparisons, gold).map((r) => ({
    ...r,
    name: annotators.get(r.annotatorId)?.name ?? r.annotatorId,
    kind: annotators.get(r.annotatorId)?.kind ?? null,
  }));

  return {
    hasGold: items.some((i) => i.correct !== undefined),
    notes: [...reportNotes(items, held.ids.size), ...(featureSetNote(set) ? [featureSetNote(set)!] : [])],
    heldOut: slice((it) => it.heldOut),
    all: slice(() => true),
    heldOutPromptIds: dataset.prompts.filter((p) => held.ids.has(p.id)).map((p) => p.id),
    heldOutSource: held.source,
    ...responseViews(items),
    topFeatures: { positive: lists.positive.map(named), negative: lists.negative.map(named) },
    topStyleFeatures: { positive: lists.stylePositive.map(named), negative: lists.styleNegative.map(named) },
    gallery: gallery(items, opts.galleryCount ?? 8, explainItem),
    heldOutGallery: gallery(
      items.filter((it) => it.heldOut),
      opts.galleryCount ?? 8,
      explainItem,
    ),
    raters,
  };
}

/** One externally scored response (bring-your-own scores). `style` is an optional extension. */
export interface ExternalScore {
  prompt: string;
  response: string;
  reward: number;
  correct?: boolean;
  style?: string;
}

/** The report for external scores: the same figures without the model's feature views. */
export interface ScoresReport {
  hasGold: boolean;
  notes: string[];
  all: SliceFigures;
  responses: ResponseReward[];
  /** Response id (`r1`, `r2`, … in file order) → its prompt and text. */
  texts: Map<string, ResponseText>;
  gallery: GalleryPair[];
}

/**
 * Inspects rewards from any reward model: prompts are grouped by text (id = promptKeyOf(text)); reward
 * correlations with the style features are computed from the texts; no held-out split, no feature weights.
 */
export function inspectScores(
  scored: readonly ExternalScore[],
  opts: { maxN?: number; galleryCount?: number } = {},
): ScoresReport {
  const vectors = featurizeAll(scored.map((s) => ({ prompt: s.prompt, response: s.response })));
  const items: GalleryItem[] = scored.map((s, i) => {
    const it: GalleryItem = {
      promptId: promptKeyOf(s.prompt),
      responseId: `r${i + 1}`,
      reward: s.reward,
      length: wordCount(s.response),
      text: s.response,
      prompt: s.prompt,
      heldOut: false,
    };
    if (s.correct !== undefined) it.correct = s.correct;
    if (s.style !== undefined) it.style = s.style;
    return it;
  });
  const rows = items.map((_, i) =>
    Array.from(vectors.subarray(i * FEATURE_DIM, i * FEATURE_DIM + STYLE_FEATURE_COUNT)),
  );
  return {
    hasGold: items.some((i) => i.correct !== undefined),
    notes: reportNotes(items, null),
    all: sliceFigures(items, {
      maxN: opts.maxN ?? DEFAULT_MAX_N,
      features: { rows, names: STYLE_FEATURES.map((f) => f.name) },
    }),
    ...responseViews(items),
    gallery: gallery(items, opts.galleryCount ?? 8),
  };
}
