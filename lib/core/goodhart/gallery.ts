/**
 * The gallery of an inspection report: for each prompt, the pair (one incorrect, one correct response)
 * where the reward model most confidently prefers the wrong answer, the most confident first, with what
 * drove each side's score when the model's features are known. Pure TypeScript.
 */
import type { FeatureContribution } from '../reward-model/explain';
import { sigmoid } from '../stats/logistic';
import type { InspectItem } from './figures';

/** One side of a gallery pair. */
export interface GallerySide {
  responseId: string;
  text: string;
  reward: number;
  style: string | null;
  /** The largest feature contributions to this reward (empty for bring-your-own scores). */
  top: FeatureContribution[];
}

/** A pair where the model prefers the incorrect response. */
export interface GalleryPair {
  promptId: string;
  prompt: string;
  heldOut: boolean;
  /** reward(wrong) − reward(right) > 0. */
  gap: number;
  /** The model's Bradley–Terry probability that the wrong answer is better: σ(gap). */
  pWrong: number;
  wrong: GallerySide;
  right: GallerySide;
}

/** Inputs for {@link gallery}: items with their text, prompt text and held-out flag. */
export interface GalleryItem extends InspectItem {
  text: string;
  prompt: string;
  heldOut: boolean;
}

/**
 * Up to `limit` pairs, at most one per prompt: the incorrect/correct pair of a prompt with the largest
 * positive reward(wrong) − reward(right), sorted by that gap (descending; ties by prompt id).
 * `explain` supplies each side's top contributions.
 */
export function gallery(
  items: readonly GalleryItem[],
  limit: number,
  explain: (item: GalleryItem) => FeatureContribution[] = () => [],
): GalleryPair[] {
  const byPrompt = new Map<string, GalleryItem[]>();
  for (const it of items) {
    const g = byPrompt.get(it.promptId);
    if (g) g.push(it);
    else byPrompt.set(it.promptId, [it]);
  }
  const picks: { wrong: GalleryItem; right: GalleryItem; gap: number }[] = [];
  for (const group of byPrompt.values()) {
    const wrong = group.filter((r) => r.correct === false);
    const right = group.filter((r) => r.correct === true);
    if (wrong.length === 0 || right.length === 0) continue;
    const w = wrong.reduce((b, r) => (r.reward > b.reward ? r : b));
    const r = right.reduce((b, x) => (x.reward < b.reward ? x : b));
    if (w.reward > r.reward) picks.push({ wrong: w, right: r, gap: w.reward - r.reward });
  }
  picks.sort((x, y) => y.gap - x.gap || (x.wrong.promptId < y.wrong.promptId ? -1 : 1));
  const side = (it: GalleryItem): GallerySide => ({
    responseId: it.responseId,
    text: it.text,
    reward: it.reward,
    style: it.style ?? null,
    top: explain(it),
  });
  return picks.slice(0, limit).map((p) => ({
    promptId: p.wrong.promptId,
    prompt: p.wrong.prompt,
    heldOut: p.wrong.heldOut,
    gap: p.gap,
    pWrong: sigmoid(p.gap),
    wrong: side(p.wrong),
    right: side(p.right),
  }));
}
