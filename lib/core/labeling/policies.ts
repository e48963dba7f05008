/**
 * Next-pair policies for active learning (pure): given candidate pairs, the current reward model's
 * predicted reward per response and, optionally, gold correctness, which pair should a rater label next?
 * `coverage` is the foundation's planner (fewest-labelled prompt first, ./next-pair.ts), `uncertainty`
 * takes the pair whose predicted P(A ≻ B) = σ(rA − rB) is nearest 0.5, and `disagreement` (for
 * teaching) takes the pair where the model most confidently prefers the incorrect answer. Also: how
 * many labels a policy needed to reach a target accuracy.
 */
import { CoveragePlanner } from './next-pair';
import type { PoolPrompt } from './next-pair';
import { sigmoid } from '../stats/logistic';
import type { Rng } from '../stats/random';
import { pairKey } from '../types';

/** One next-pair policy as the app lists it. */
export interface NextPairPolicy {
  /** The stored name (in the store, share links and experiment files). */
  name: string;
  /** The option's text on /label. */
  label: string;
  /** What it picks, in a few words (the playground's comparison table). */
  picks: string;
  /** Whether it needs a trained reward model (only `coverage` does not). */
  needsModel: boolean;
}

/** The next-pair policies, in display order: the one list /label, the playground and share links use. */
export const NEXT_PAIR_POLICIES = [
  {
    name: 'coverage',
    label: 'Coverage: every prompt before any repeats',
    picks: 'every prompt before repeating one',
    needsModel: false,
  },
  {
    name: 'uncertainty',
    label: 'Uncertainty: where the current model is least sure',
    picks: 'the pair the model is least sure about',
    needsModel: true,
  },
  {
    name: 'disagreement',
    label: 'Disagreement (teaching): where the model prefers the wrong answer',
    picks: 'the pair where the model most confidently prefers the wrong answer',
    needsModel: true,
  },
] as const satisfies readonly NextPairPolicy[];

/** A next-pair policy's name: `coverage`, `uncertainty` or `disagreement`. */
export type PolicyName = (typeof NEXT_PAIR_POLICIES)[number]['name'];

/** The policy names in display order. */
export const POLICY_NAMES: readonly PolicyName[] = NEXT_PAIR_POLICIES.map((p) => p.name);

/** The entry of NEXT_PAIR_POLICIES for `name`. */
export function nextPairPolicy(name: PolicyName): (typeof NEXT_PAIR_POLICIES)[number] {
  return NEXT_PAIR_POLICIES.find((p) => p.name === name)!;
}

/** An unlabelled pair of responses of one prompt. */
export interface PairCandidate {
  promptId: string;
  aId: string;
  bId: string;
}

/** σ(rA − rB): the Bradley–Terry probability that A is preferred to B. */
export function preferProbability(rA: number, rB: number): number {
  return sigmoid(rA - rB);
}

/** Index of the best score (highest), ties broken uniformly with `rng`; -1 for no scores. */
function argmaxRandomTies(scores: readonly number[], rng: Rng): number {
  let best = -Infinity;
  let ties: number[] = [];
  scores.forEach((s, i) => {
    if (s > best) {
      best = s;
      ties = [i];
    } else if (s === best) ties.push(i);
  });
  if (ties.length === 0) return -1;
  return ties.length === 1 ? ties[0] : ties[Math.floor(rng() * ties.length)];
}

const rewardOf = (rewards: ReadonlyMap<string, number>, id: string) => rewards.get(id) ?? 0;

/**
 * Uncertainty score of each candidate: −|σ(rA − rB) − 0.5| (higher = nearer a coin flip). A response
 * without a reward counts as reward 0.
 */
export function uncertaintyScores(
  candidates: readonly PairCandidate[],
  rewards: ReadonlyMap<string, number>,
): number[] {
  return candidates.map(
    (c) => -Math.abs(preferProbability(rewardOf(rewards, c.aId), rewardOf(rewards, c.bId)) - 0.5),
  );
}

/**
 * Disagreement score of each candidate: when exactly one side is gold-correct and the model prefers the
 * incorrect one, the model's confidence in that wrong preference, σ(r_wrong − r_right) (> 0.5); otherwise
 * null (the pair does not contradict gold, or gold is unknown).
 */
export function disagreementScores(
  candidates: readonly PairCandidate[],
  rewards: ReadonlyMap<string, number>,
  gold: ReadonlyMap<string, boolean>,
): (number | null)[] {
  return candidates.map((c) => {
    const ga = gold.get(c.aId);
    const gb = gold.get(c.bId);
    if (ga === undefined || gb === undefined || ga === gb) return null;
    const [right, wrong] = ga ? [c.aId, c.bId] : [c.bId, c.aId];
    const p = preferProbability(rewardOf(rewards, wrong), rewardOf(rewards, right));
    return p > 0.5 ? p : null;
  });
}

/** The coverage policy through the foundation's CoveragePlanner (see {@link pickPair}). */
function pickCoverage(
  candidates: readonly PairCandidate[],
  labelled: readonly PairCandidate[],
  rng: Rng,
): PairCandidate {
  const responses = new Map<string, Set<string>>();
  const open = new Map<string, PairCandidate>();
  for (const c of candidates) {
    open.set(`${c.promptId}\n${pairKey(c.aId, c.bId)}`, c);
    let set = responses.get(c.promptId);
    if (!set) responses.set(c.promptId, (set = new Set()));
    set.add(c.aId).add(c.bId);
  }
  for (const l of labelled) responses.get(l.promptId)?.add(l.aId).add(l.bId);
  const pool: PoolPrompt[] = [...responses].map(([id, ids]) => ({ id, responseIds: [...ids].sort() }));
  const planner = new CoveragePlanner(pool, Math.floor(rng() * 2 ** 32));
  // Every pair that is not a candidate counts as decided, so the planner proposes only candidates and
  // its "fewest decided" is the number of pairs of the prompt already labelled.
  for (const p of pool) {
    const ids = p.responseIds;
    for (let i = 0; i < ids.length; i++)
      for (let j = i + 1; j < ids.length; j++)
        if (!open.has(`${p.id}\n${pairKey(ids[i], ids[j])}`)) planner.mark(p.id, ids[i], ids[j]);
  }
  const next = planner.next()!;
  return open.get(`${next.promptId}\n${pairKey(next.leftId, next.rightId)}`)!;
}

/**
 * The candidate a policy would have labelled next. `rewards`: the current model's reward of each
 * response; `gold`: correctness by response id (needed by `disagreement`); `rng` breaks ties and seeds
 * coverage's order; `labelled`: pairs already labelled (coverage counts them per prompt).
 * - `coverage`: the candidate the CoveragePlanner proposes (a pair of the prompt with the fewest labelled
 *   pairs, ties by a seeded prompt order).
 * - `uncertainty`: the candidate with σ(rA − rB) nearest 0.5.
 * - `disagreement`: among candidates with one correct and one incorrect response where the model
 *   prefers the incorrect one, the most confident; when there is none (or no gold), falls back to
 *   `uncertainty`.
 * Throws a RangeError when there are no candidates.
 */
export function pickPair(
  policy: PolicyName,
  candidates: readonly PairCandidate[],
  rewards: ReadonlyMap<string, number>,
  gold: ReadonlyMap<string, boolean> | undefined,
  rng: Rng,
  labelled: readonly PairCandidate[] = [],
): PairCandidate {
  if (candidates.length === 0) throw new RangeError('no candidate pairs to choose from');
  if (policy === 'coverage') return pickCoverage(candidates, labelled, rng);
  if (policy === 'disagreement' && gold) {
    const scores = disagreementScores(candidates, rewards, gold);
    if (scores.some((s) => s !== null)) {
      return candidates[
        argmaxRandomTies(
          scores.map((s) => s ?? -Infinity),
          rng,
        )
      ];
    }
  }
  return candidates[argmaxRandomTies(uncertaintyScores(candidates, rewards), rng)];
}

/**
 * The fewest labels at which a curve reaches `target` accuracy (points in any order), or null if it
 * never does.
 */
export function labelsToReach(
  points: readonly { labels: number; accuracy: number }[],
  target: number,
): number | null {
  let best: number | null = null;
  for (const p of points) if (p.accuracy >= target && (best === null || p.labels < best)) best = p.labels;
  return best;
}
