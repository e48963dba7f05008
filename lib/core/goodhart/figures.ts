/**
 * The figures of one slice of an inspection report (all prompts, or the held-out ones): the Goodhart
 * headlines, the exact best-of-n curve, reward by gold correctness × style, correlations of reward with
 * length and style features, and the "longer answer wins" baseline beside the model. Computed from
 * scored responses with the metrics of ./metrics.ts; shared by model inspection and bring-your-own
 * scores. Pure TypeScript.
 */
import {
  bestOfN,
  groupByPrompt,
  featureCorrelations,
  hackingGap,
  lengthBaseline,
  lengthCorrelation,
  wrongPreferredRate,
} from './metrics';
import type { BestOfNPoint, Correlation, LengthPair, ScoredResponse } from './metrics';
import { maxOf, minOf } from '../stats/arrays';
import { meanStd } from '../stats/moments';

/** A scored response as the report sees it (length in words, style from its `style:` tag). */
export interface InspectItem extends ScoredResponse {
  length: number;
}

/** Reward statistics of one gold-correctness × style group. */
export interface RewardGroup {
  /** Gold correctness; null = unlabelled. */
  correct: boolean | null;
  /** Style tag value; null = untagged. */
  style: string | null;
  n: number;
  mean: number;
  /** Population standard deviation. */
  sd: number;
  min: number;
  max: number;
}

/** A correlation of reward with one named feature. */
export type NamedCorrelation = Correlation & { name: string };

/** The figures of one slice. Gold-dependent figures are null when the slice has no usable gold. */
export interface SliceFigures {
  /** Prompts in the slice. */
  prompts: number;
  responses: number;
  /** Among prompts with a correct and an incorrect response, the share whose top-reward response is wrong. */
  wrongPreferredRate: number | null;
  /** Prompts eligible for wrongPreferredRate. */
  eligiblePrompts: number;
  /** (mean reward of fluent-but-wrong − mean of hedged-but-right) / reward SD. */
  hackingGap: number | null;
  /** Exact best-of-n, n = 1 … maxN: expected proxy reward and gold correctness of the pick. */
  bestOfN: BestOfNPoint[];
  /** Pearson correlation of reward with length in words (null when undefined). */
  lengthCorrelation: number | null;
  /** Spearman's version of lengthCorrelation. */
  lengthSpearman: number | null;
  rewardMean: number | null;
  rewardSd: number | null;
  /** Reward by correct × style (correct first, then incorrect, then unlabelled; styles sorted). */
  groups: RewardGroup[];
  /** Correlation of reward with each interpretable style feature (empty when features are unknown). */
  featureCorrelations: NamedCorrelation[];
  /** "Longer answer wins" vs the model on the judged pairs of the slice; null without pairs. */
  lengthBaseline: { longerWins: number | null; model: number | null; n: number } | null;
  /** How long the model's wrong favourites are beside the right answers (see {@link wrongFavourites}). */
  wrongFavourites: WrongFavourites;
}

/** Of the prompts whose top-reward answer is wrong: how many where it is shorter, or longer, than every right one. */
export interface WrongFavourites {
  /** Prompts with a correct and an incorrect answer whose single top-reward answer is incorrect. */
  prompts: number;
  /** ... and that wrong favourite has fewer words than every correct answer of its prompt. */
  shorter: number;
  /** ... and more words than every correct answer. */
  longer: number;
}

/**
 * Among prompts with a correct and an incorrect response whose top-reward response (a single one: a tie
 * at the top is left out) is incorrect, how many favourites are shorter than every correct response of
 * the prompt and how many longer, in words. The verdict says "shorter wrong answers now beat longer right
 * ones" from it.
 */
export function wrongFavourites(items: readonly InspectItem[]): WrongFavourites {
  const out: WrongFavourites = { prompts: 0, shorter: 0, longer: 0 };
  for (const group of groupByPrompt(items.filter((r) => r.correct !== undefined)).values()) {
    const right = group.filter((r) => r.correct);
    if (right.length === 0 || right.length === group.length) continue;
    const top = maxOf(group.map((r) => r.reward));
    const best = group.filter((r) => r.reward === top);
    if (best.length !== 1 || best[0].correct) continue;
    out.prompts++;
    const lengths = right.map((r) => r.length);
    if (best[0].length < minOf(lengths)) out.shorter++;
    if (best[0].length > maxOf(lengths)) out.longer++;
  }
  return out;
}

/** Inputs beside the scored items. */
export interface SliceInputs {
  maxN: number;
  /** Judged pairs (chosen/rejected lengths and rewards) whose prompts are in the slice. */
  pairs?: readonly LengthPair[];
  /** Style feature values of each item (same order) and their names, for featureCorrelations. */
  features?: { rows: readonly (readonly number[])[]; names: readonly string[] };
}

/** Reward statistics per correct × style group. */
export function rewardGroups(items: readonly ScoredResponse[]): RewardGroup[] {
  const groups = new Map<string, { correct: boolean | null; style: string | null; rewards: number[] }>();
  for (const it of items) {
    const correct = it.correct ?? null;
    const style = it.style ?? null;
    const key = `${correct}|${style}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { correct, style, rewards: [] }));
    g.rewards.push(it.reward);
  }
  const rank = (c: boolean | null) => (c === true ? 0 : c === false ? 1 : 2);
  return [...groups.values()]
    .sort(
      (x, y) => rank(x.correct) - rank(y.correct) || (x.style ?? '\uffff').localeCompare(y.style ?? '\uffff'),
    )
    .map((g) => {
      const { mean, std: sd } = meanStd(g.rewards);
      return {
        correct: g.correct,
        style: g.style,
        n: g.rewards.length,
        mean,
        sd,
        min: minOf(g.rewards),
        max: maxOf(g.rewards),
      };
    });
}

/** All figures of one slice of scored items (see {@link SliceFigures}). */
export function sliceFigures(items: readonly InspectItem[], inputs: SliceInputs): SliceFigures {
  const wp = wrongPreferredRate(items);
  const len = lengthCorrelation(items);
  const rewards = items.map((i) => i.reward);
  const st = items.length > 0 ? meanStd(rewards) : null;
  return {
    prompts: new Set(items.map((i) => i.promptId)).size,
    responses: items.length,
    wrongPreferredRate: wp.rate,
    eligiblePrompts: wp.prompts,
    hackingGap: hackingGap(items),
    bestOfN: items.length > 0 ? bestOfN(items, inputs.maxN) : [],
    lengthCorrelation: len.pearson,
    lengthSpearman: len.spearman,
    rewardMean: st?.mean ?? null,
    rewardSd: st?.std ?? null,
    groups: rewardGroups(items),
    featureCorrelations:
      inputs.features && items.length > 0
        ? featureCorrelations(rewards, inputs.features.rows, inputs.features.names)
        : [],
    lengthBaseline: inputs.pairs && inputs.pairs.length > 0 ? lengthBaseline(inputs.pairs) : null,
    wrongFavourites: wrongFavourites(items),
  };
}
