/**
 * Inter-annotator agreement for workshop mode: percent agreement and Cohen's κ for each pair of
 * annotators on the pairs both labelled, Krippendorff's α (nominal, missing data allowed) over the whole
 * room, the pairs the room disagreed on most, and each annotator's record against gold labels.
 *
 * Labels are compared in a canonical orientation: the pair (x, y) is keyed by `pairKey(x, y)`, and a
 * verdict of `a` means "the response whose id sorts first is better", whichever side it was shown on.
 * When an annotator labelled the same pair more than once, their latest comparison (by `createdAt`) is
 * the one that counts. The κ and α formulas themselves live in ../stats/agreement.ts.
 */
import { cohensKappa, krippendorffAlphaNominalDetail, type Kappa } from '../stats/agreement';
import { pairKey, type Comparison, type Outcome } from '../types';

/**
 * The fewest shared pairs a κ or α is shown on. Below it the figure is noise (on 3 shared pairs one changed
 * verdict moves κ by about 0.5), so it is shown as "too few shared pairs (n = 3)" instead of a number.
 */
export const MIN_SHARED_PAIRS = 10;

/**
 * A chance-corrected agreement figure (κ or α) as the pages show it, always with the shared pairs it rests
 * on: "0.43 (n = 12)"; "too few shared pairs (n = 3)" below {@link MIN_SHARED_PAIRS}; "— (n = 12)" when the
 * figure is undefined (everyone used one and the same verdict).
 */
export function formatAgreement(value: number | null, n: number, digits = 2): string {
  if (n < MIN_SHARED_PAIRS) return `too few shared pairs (n = ${n})`;
  if (value === null || Number.isNaN(value)) return `— (n = ${n})`;
  return `${value.toFixed(digits)} (n = ${n})`;
}

/** True when a κ or α on `n` shared pairs is shown as a number ({@link MIN_SHARED_PAIRS}). */
export function enoughSharedPairs(n: number): boolean {
  return n >= MIN_SHARED_PAIRS;
}

/** A comparison's verdict in the canonical orientation of its pair. */
export function canonicalOutcome(c: Pick<Comparison, 'aId' | 'bId' | 'outcome'>): Outcome {
  if (c.aId <= c.bId || c.outcome === 'tie' || c.outcome === 'both_bad') return c.outcome;
  return c.outcome === 'a' ? 'b' : 'a';
}

/** Each annotator's latest canonical verdict per pair: annotatorId → pairKey → outcome. */
export function labelsByAnnotator(comparisons: readonly Comparison[]): Map<string, Map<string, Outcome>> {
  const latest = new Map<string, Comparison>();
  for (const c of comparisons) {
    const id = `${c.annotatorId}\u0000${pairKey(c.aId, c.bId)}`;
    const prev = latest.get(id);
    if (!prev || c.createdAt >= prev.createdAt) latest.set(id, c);
  }
  const out = new Map<string, Map<string, Outcome>>();
  for (const c of latest.values()) {
    if (!out.has(c.annotatorId)) out.set(c.annotatorId, new Map());
    out.get(c.annotatorId)!.set(pairKey(c.aId, c.bId), canonicalOutcome(c));
  }
  return out;
}

/** Agreement between two annotators on the pairs both labelled. */
export interface PairwiseAgreement extends Kappa {
  annotatorA: string;
  annotatorB: string;
}

/** Percent agreement and Cohen's κ for every pair of annotators sharing at least one pair. */
export function pairwiseAgreement(comparisons: readonly Comparison[]): PairwiseAgreement[] {
  const labels = labelsByAnnotator(comparisons);
  const ids = [...labels.keys()].sort();
  const out: PairwiseAgreement[] = [];
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      const la = labels.get(ids[i])!;
      const lb = labels.get(ids[j])!;
      const x: Outcome[] = [];
      const y: Outcome[] = [];
      for (const [key, label] of la) {
        const other = lb.get(key);
        if (other !== undefined) {
          x.push(label);
          y.push(other);
        }
      }
      if (x.length > 0) out.push({ annotatorA: ids[i], annotatorB: ids[j], ...cohensKappa(x, y) });
    }
  }
  return out;
}

/** The room's α and the number of pairs it rests on (pairs labelled by at least two annotators). */
export interface RoomAlpha {
  alpha: number | null;
  /** Shared pairs: pairs labelled by two annotators or more. */
  n: number;
}

/** Krippendorff's α (nominal) over every annotator and every labelled pair (units = pairs), with its n. */
export function roomAlpha(comparisons: readonly Comparison[]): RoomAlpha {
  const byPair = new Map<string, Outcome[]>();
  for (const labels of labelsByAnnotator(comparisons).values()) {
    for (const [key, label] of labels) {
      if (!byPair.has(key)) byPair.set(key, []);
      byPair.get(key)!.push(label);
    }
  }
  const { alpha, units } = krippendorffAlphaNominalDetail([...byPair.values()]);
  return { alpha, n: units };
}

/** How the room split on one pair (canonical orientation: `a` = the id that sorts first). */
export interface PairDisagreement {
  key: string;
  promptId: string;
  /** The pair in canonical order. */
  aId: string;
  bId: string;
  counts: Record<Outcome, number>;
  n: number;
  /** Shannon entropy of the verdicts, in bits (0 = unanimous; 2 = all four verdicts equally often). */
  entropy: number;
  /** 1 − (share of the most common verdict). */
  disagreement: number;
}

/** Pairs labelled by at least `minAnnotators` (default 2), most disagreed first (entropy, then n). */
export function mostDisagreedPairs(
  comparisons: readonly Comparison[],
  minAnnotators = 2,
): PairDisagreement[] {
  const pairOf = new Map<string, { promptId: string; aId: string; bId: string }>();
  for (const c of comparisons) {
    const [aId, bId] = c.aId <= c.bId ? [c.aId, c.bId] : [c.bId, c.aId];
    pairOf.set(pairKey(c.aId, c.bId), { promptId: c.promptId, aId, bId });
  }
  const rows = new Map<string, PairDisagreement>();
  for (const labels of labelsByAnnotator(comparisons).values()) {
    for (const [key, label] of labels) {
      let row = rows.get(key);
      if (!row) {
        const counts = { a: 0, b: 0, tie: 0, both_bad: 0 };
        row = { key, ...pairOf.get(key)!, counts, n: 0, entropy: 0, disagreement: 0 };
        rows.set(key, row);
      }
      row.counts[label]++;
      row.n++;
    }
  }
  const out = [...rows.values()].filter((r) => r.n >= minAnnotators);
  for (const r of out) {
    const shares = Object.values(r.counts).map((c) => c / r.n);
    r.entropy = shares.reduce((s, p) => (p > 0 ? s - p * Math.log2(p) : s), 0);
    r.disagreement = 1 - Math.max(...shares);
  }
  return out.sort((x, y) => y.entropy - x.entropy || y.n - x.n || (x.key < y.key ? -1 : 1));
}

/** One annotator's record on pairs where exactly one response is correct. */
export interface RaterVsGold {
  annotatorId: string;
  /** Comparisons where exactly one of the two responses is correct. */
  n: number;
  preferredWrong: number;
  preferredRight: number;
  ties: number;
  bothBad: number;
  /** preferredWrong / n (ties and both_bad count as not preferring the wrong one); null when n = 0. */
  wrongRate: number | null;
  /** preferredWrong / (preferredWrong + preferredRight); null when the annotator never picked a side. */
  wrongRateDecided: number | null;
}

/**
 * For each annotator, among their comparisons where exactly one response is correct (by `correct`,
 * responseId → gold), how often they preferred the incorrect one; ties and both_bad counted apart.
 * Every comparison counts here (repeats included). Sorted by annotator id.
 */
export function raterAccuracyAgainstGold(
  comparisons: readonly Comparison[],
  correct: ReadonlyMap<string, boolean | undefined>,
): RaterVsGold[] {
  const rows = new Map<string, RaterVsGold>();
  for (const c of comparisons) {
    const ca = correct.get(c.aId);
    const cb = correct.get(c.bId);
    if (ca === undefined || cb === undefined || ca === cb) continue;
    let row = rows.get(c.annotatorId);
    if (!row) {
      row = {
        annotatorId: c.annotatorId,
        n: 0,
        preferredWrong: 0,
        preferredRight: 0,
        ties: 0,
        bothBad: 0,
        wrongRate: null,
        wrongRateDecided: null,
      };
      rows.set(c.annotatorId, row);
    }
    row.n++;
    if (c.outcome === 'tie') row.ties++;
    else if (c.outcome === 'both_bad') row.bothBad++;
    else if ((c.outcome === 'a') === ca) row.preferredRight++;
    else row.preferredWrong++;
  }
  const out = [...rows.values()].sort((x, y) => (x.annotatorId < y.annotatorId ? -1 : 1));
  for (const r of out) {
    r.wrongRate = r.preferredWrong / r.n;
    const decided = r.preferredWrong + r.preferredRight;
    r.wrongRateDecided = decided > 0 ? r.preferredWrong / decided : null;
  }
  return out;
}
