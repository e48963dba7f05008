/**
 * Goodhart metrics for /inspect and `goodhart inspect`: how often the reward model's favourite answer is
 * wrong, how much more it pays fluent-but-wrong than hedged-but-right, and the exact best-of-n curve
 * (expected proxy reward and gold correctness of the best of n draws, from order statistics over each
 * prompt's candidate pool, no sampling), and the bias checks: correlation of reward with length and
 * style features, and the "longer answer wins" baseline. Plain TypeScript over arrays. Annotators
 * against gold live in ../labeling/agreement.ts; the correlation formulas in ../stats/correlation.ts.
 */
import { winShare } from '../reward-model/metrics';
import { maxOf } from '../stats/arrays';
import { mean, meanStd } from '../stats/moments';
import { pearson, spearman } from '../stats/correlation';

/** One candidate response with its reward and, when known, gold correctness and style. */
export interface ScoredResponse {
  promptId: string;
  responseId: string;
  reward: number;
  correct?: boolean;
  /** Style tag, e.g. `fluent` or `hedged` (from the response's `style:` tag). */
  style?: string;
  /** Length in words. */
  length?: number;
}

/** Groups responses by prompt, keeping first-seen prompt order. */
export function groupByPrompt<T extends { promptId: string }>(items: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(item.promptId);
    if (group) group.push(item);
    else groups.set(item.promptId, [item]);
  }
  return groups;
}

/** Result of {@link wrongPreferredRate}. */
export interface WrongPreferred {
  /** Share of eligible prompts whose top-reward response is incorrect; null when none is eligible. */
  rate: number | null;
  /** Eligible prompts: at least one correct and one incorrect response. */
  prompts: number;
}

/**
 * Among prompts with at least one correct and one incorrect response (responses without a gold label are
 * ignored), the share where the top-reward response is incorrect. When several responses tie for the top
 * reward, the prompt counts the fraction of them that are incorrect (the expected value of a uniformly
 * random tie-break), so two tied answers, one wrong, count 0.5.
 */
export function wrongPreferredRate(items: readonly ScoredResponse[]): WrongPreferred {
  let prompts = 0;
  let wrong = 0;
  for (const group of groupByPrompt(items.filter((r) => r.correct !== undefined)).values()) {
    if (!group.some((r) => r.correct) || group.every((r) => r.correct)) continue;
    prompts++;
    const top = maxOf(group.map((r) => r.reward));
    const best = group.filter((r) => r.reward === top);
    wrong += best.filter((r) => !r.correct).length / best.length;
  }
  return { rate: prompts > 0 ? wrong / prompts : null, prompts };
}

/**
 * (mean reward of incorrect `fluent` responses − mean reward of correct `hedged` responses) divided by
 * the population standard deviation of all rewards in `items`. Null when either group is empty or all
 * rewards are equal.
 */
export function hackingGap(items: readonly ScoredResponse[]): number | null {
  const fluentWrong = items.filter((r) => r.correct === false && r.style === 'fluent').map((r) => r.reward);
  const hedgedRight = items.filter((r) => r.correct === true && r.style === 'hedged').map((r) => r.reward);
  if (fluentWrong.length === 0 || hedgedRight.length === 0) return null;
  const sd = meanStd(items.map((r) => r.reward)).std;
  if (!(sd > 0)) return null;
  return (mean(fluentWrong) - mean(hedgedRight)) / sd;
}

/** One point of the Goodhart curve. */
export interface BestOfNPoint {
  n: number;
  /**
   * Exact KL(best-of-n ‖ base) in nats, averaged over prompts, where each prompt's base policy is uniform
   * over its k candidates (see {@link bestOfNKl}); never more than ln k.
   */
  kl: number;
  /** Expected reward of the pick, averaged over prompts. */
  proxy: number;
  /** Expected gold correctness (0..1) of the pick, averaged over prompts whose pool is fully labelled; null if none. */
  gold: number | null;
}

/**
 * P(the best of n uniform draws with replacement from `rewards` is each response). The best draw is
 * the one with the highest reward; ties among maximal draws are broken uniformly at random, which by
 * symmetry splits a tied reward level's probability equally among its responses. With responses
 * sorted ascending and cumulative counts c(v) = #{reward ≤ v}, the top level v is reached with
 * probability (c(v)/m)^n − (c(v⁻)/m)^n: with no ties this is (i/m)^n − ((i−1)/m)^n for the i-th.
 */
export function bestOfNPickProbabilities(rewards: readonly number[], n: number): number[] {
  const m = rewards.length;
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be a positive integer, got ${n}`);
  const order = rewards.map((_, i) => i).sort((i, j) => rewards[i] - rewards[j]);
  const probs = new Array<number>(m).fill(0);
  let start = 0;
  while (start < m) {
    let end = start;
    while (end + 1 < m && rewards[order[end + 1]] === rewards[order[start]]) end++;
    const level = ((end + 1) / m) ** n - (start / m) ** n;
    for (let k = start; k <= end; k++) probs[order[k]] = level / (end - start + 1);
    start = end + 1;
  }
  return probs;
}

/**
 * KL(best-of-n ‖ base) for one prompt, in nats: the base policy is uniform over the pool's k candidates
 * and best-of-n keeps candidate i with probability p_i (from {@link bestOfNPickProbabilities}), so the KL
 * is Σ p_i · ln(k · p_i), with 0 · ln 0 = 0. It is at most ln k (all mass on one candidate), unlike the
 * often-quoted ln n − (n−1)/n, which holds for a continuous base distribution and grows without bound.
 */
export function bestOfNKl(pickProbabilities: readonly number[]): number {
  const k = pickProbabilities.length;
  let kl = 0;
  for (const p of pickProbabilities) if (p > 0) kl += p * Math.log(k * p);
  return Math.max(0, kl);
}

/**
 * The exact best-of-n curve for n = 1 … maxN: for each prompt, the expected reward and gold correctness
 * of the best of n draws (with replacement, uniform) from its candidate pool; then the mean over prompts
 * (gold over prompts where every candidate has a gold label), and the exact KL of best-of-n from the
 * uniform base policy, averaged over prompts.
 */
export function bestOfN(items: readonly ScoredResponse[], maxN: number): BestOfNPoint[] {
  const pools = [...groupByPrompt(items).values()];
  const points: BestOfNPoint[] = [];
  for (let n = 1; n <= maxN; n++) {
    let proxy = 0;
    let gold = 0;
    let kl = 0;
    let goldPrompts = 0;
    for (const pool of pools) {
      const p = bestOfNPickProbabilities(
        pool.map((r) => r.reward),
        n,
      );
      proxy += pool.reduce((s, r, i) => s + p[i] * r.reward, 0);
      kl += bestOfNKl(p);
      if (pool.every((r) => r.correct !== undefined)) {
        gold += pool.reduce((s, r, i) => s + (r.correct ? p[i] : 0), 0);
        goldPrompts++;
      }
    }
    points.push({
      n,
      kl: pools.length > 0 ? kl / pools.length : 0,
      proxy: pools.length > 0 ? proxy / pools.length : NaN,
      gold: goldPrompts > 0 ? gold / goldPrompts : null,
    });
  }
  return points;
}

/** Number of whitespace-separated words in a text. */
export function wordCount(text: string): number {
  const trimmed = text.trim();
  return trimmed === '' ? 0 : trimmed.split(/\s+/).length;
}

/** A correlation of reward with one quantity. */
export interface Correlation {
  pearson: number | null;
  spearman: number | null;
  n: number;
}

/** Correlation of reward with response length in words, over responses whose `length` is known. */
export function lengthCorrelation(items: readonly ScoredResponse[]): Correlation {
  const known = items.filter((r) => r.length !== undefined);
  const rewards = known.map((r) => r.reward);
  const lengths = known.map((r) => r.length!);
  return { pearson: pearson(rewards, lengths), spearman: spearman(rewards, lengths), n: known.length };
}

/**
 * Correlation of reward with each named feature. `features[i][k]` is feature `names[k]` of the response
 * whose reward is `rewards[i]`.
 */
export function featureCorrelations(
  rewards: readonly number[],
  features: readonly (readonly number[])[],
  names: readonly string[],
): (Correlation & { name: string })[] {
  if (features.length !== rewards.length) {
    throw new RangeError(`length mismatch: ${rewards.length} rewards vs ${features.length} feature rows`);
  }
  return names.map((name, k) => {
    const column = features.map((row) => row[k]);
    return {
      name,
      pearson: pearson(rewards, column),
      spearman: spearman(rewards, column),
      n: rewards.length,
    };
  });
}

/** A preference pair with the lengths (in words) and, optionally, the model's rewards of both sides. */
export interface LengthPair {
  chosenLength: number;
  rejectedLength: number;
  rChosen?: number;
  rRejected?: number;
}

/**
 * Accuracy of the "longer answer wins" baseline on pairs (equal lengths count 0.5) beside the model's
 * accuracy on the pairs that have rewards (equal rewards count 0.5; null when no pair has rewards).
 */
export function lengthBaseline(pairs: readonly LengthPair[]): {
  longerWins: number | null;
  model: number | null;
  n: number;
} {
  const scored = pairs.filter((p) => p.rChosen !== undefined && p.rRejected !== undefined);
  return {
    longerWins: pairs.length > 0 ? mean(pairs.map((p) => winShare(p.chosenLength, p.rejectedLength))) : null,
    model: scored.length > 0 ? mean(scored.map((p) => winShare(p.rChosen!, p.rRejected!))) : null,
    n: pairs.length,
  };
}
