/**
 * A participant's private "your biases" view (/room/me), as pure maths over their OWN labels and the
 * dataset's texts and gold: of their decisive labels (left or right better), how often they chose the
 * longer answer (word count), the more confident one (the featurizer's "confident markers" style
 * feature), the left one (with the exact binomial test against 1/2, via labeling/audit.ts positionBias),
 * and the wrong one (gold, via labeling/agreement.ts raterAccuracyAgainstGold); and their
 * self-consistency on self-audit repeats (labeling/audit.ts selfConsistency). Each share carries its n:
 * only the labels where the question has an answer count (a pair of equal length says nothing about
 * length). Below {@link MIN_BIAS_LABELS} (or {@link MIN_REPEATS} for consistency) the view says "too few
 * labels" instead of a number. Repeats count as decisions like any other label.
 */
import { raterAccuracyAgainstGold } from '../labeling/agreement';
import { positionBias, selfConsistency } from '../labeling/audit';
import { STYLE_FEATURES, featurize, tokenize } from '../reward-model/features';
import type { Comparison, DatasetFile, Response } from '../types';

/** A share rests on at least this many labels before it is shown as a number. */
export const MIN_BIAS_LABELS = 10;
/** Self-consistency rests on at least this many self-audit repeats before it is shown as a number. */
export const MIN_REPEATS = 3;

/** One "how often did you pick …" figure. */
export interface BiasShare {
  /** Decisive labels where the question has an answer (e.g. the two answers differ in length). */
  n: number;
  /** Of those, how many chose the longer / more confident / left / wrong answer. */
  k: number;
  /** k / n; null when n = 0. */
  share: number | null;
  /** n ≥ the threshold: the share may be shown as a number. */
  enough: boolean;
}

export interface MyBiases {
  /** Labels read (this participant's, this dataset's). */
  labels: number;
  /** Of them, decisive (left or right better). */
  decisive: number;
  longer: BiasShare;
  confident: BiasShare;
  /** With the exact two-sided binomial p-value against a fair coin. */
  left: BiasShare & { pValue: number };
  wrong: BiasShare;
  /** Self-audit repeats whose original is known; k = same verdict after undoing the side swap. */
  consistency: BiasShare;
  /** Decisive labels naming a response the dataset does not hold (left out of length and confidence). */
  unknownResponses: number;
}

const CONFIDENT_INDEX = STYLE_FEATURES.findIndex((f) => f.name === 'confident markers');

function share(k: number, n: number, min: number): BiasShare {
  return { n, k, share: n ? k / n : null, enough: n >= min };
}

/** Words in a response, as the featurizer tokenizes them. */
export function wordCount(text: string): number {
  return tokenize(text).length;
}

/**
 * The biases of one annotator on one dataset. `labels` may hold anyone's labels; only those with
 * `annotatorId` and the dataset's id are read.
 */
export function myBiases(labels: readonly Comparison[], dataset: DatasetFile, annotatorId: string): MyBiases {
  const datasetId = dataset.dataset.id;
  const own = labels.filter((c) => c.annotatorId === annotatorId && c.datasetId === datasetId);
  const responses = new Map<string, Response>(dataset.responses.map((r) => [r.id, r]));
  const prompts = new Map(dataset.prompts.map((p) => [p.id, p.text]));
  const confidence = new Map<string, number>();
  const confidentOf = (r: Response) => {
    let v = confidence.get(r.id);
    if (v === undefined)
      confidence.set(r.id, (v = featurize(prompts.get(r.promptId) ?? '', r.text)[CONFIDENT_INDEX]));
    return v;
  };

  let decisive = 0;
  let unknown = 0;
  const longer = { n: 0, k: 0 };
  const confident = { n: 0, k: 0 };
  for (const c of own) {
    if (c.outcome !== 'a' && c.outcome !== 'b') continue;
    decisive++;
    const a = responses.get(c.aId);
    const b = responses.get(c.bId);
    if (!a || !b) {
      unknown++;
      continue;
    }
    const [chosen, other] = c.outcome === 'a' ? [a, b] : [b, a];
    const wc = wordCount(chosen.text);
    const wo = wordCount(other.text);
    if (wc !== wo) {
      longer.n++;
      if (wc > wo) longer.k++;
    }
    const cc = confidentOf(chosen);
    const co = confidentOf(other);
    if (cc !== co) {
      confident.n++;
      if (cc > co) confident.k++;
    }
  }

  const [pos] = positionBias(own);
  const correct = new Map(dataset.responses.map((r) => [r.id, r.correct]));
  const [gold] = raterAccuracyAgainstGold(own, correct);
  const [repeats] = selfConsistency(own);
  const wrongN = gold ? gold.preferredWrong + gold.preferredRight : 0;
  return {
    labels: own.length,
    decisive,
    longer: share(longer.k, longer.n, MIN_BIAS_LABELS),
    confident: share(confident.k, confident.n, MIN_BIAS_LABELS),
    left: { ...share(pos?.leftWins ?? 0, pos?.n ?? 0, MIN_BIAS_LABELS), pValue: pos?.pValue ?? 1 },
    wrong: share(gold?.preferredWrong ?? 0, wrongN, MIN_BIAS_LABELS),
    consistency: share(repeats?.consistent ?? 0, repeats?.n ?? 0, MIN_REPEATS),
    unknownResponses: unknown,
  };
}
