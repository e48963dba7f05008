/**
 * Active learning with a simulated rater: how many labels does each next-pair policy (coverage,
 * uncertainty, disagreement; lib/core/labeling/policies.ts) need before the reward model agrees with the rater on
 * prompts it never saw? A seeded share of prompts is held out; the rest form the pool. Every policy
 * starts from the same seeded random `start` labels; then, round by round, a linear model trains on the
 * labels so far (TF.js), the policy scores the pool with its rewards and picks the next `step` pairs,
 * and the rater labels them (same per-pair process as lib/core/labeling/raters.ts). Held-out accuracy is
 * measured against the rater's expected preference: on every held-out pair, the model is right when it
 * orders the pair the way the rater would more often than not (averaged over fact-checks and sides).
 */
import { FEATURE_DIM } from '../core/reward-model/features/index';
import { scoreMatrix } from '../core/reward-model/model-file';
import type { TrainConfig } from '../core/reward-model/model-file';
import { pickPair } from '../core/labeling/policies';
import { pairwiseMetrics } from '../core/reward-model/metrics';
import type { PairCandidate } from '../core/labeling/policies';
import { mulberry32, shuffle } from '../core/stats/random';
import type { Rng } from '../core/stats/random';
import { preferAProbability, raterSignals, strengthFromGap, utility } from '../core/labeling/raters';
import type { RaterKnobs, RaterSignals } from '../core/labeling/raters';
import type { PolicyName } from '../core/labeling/policies';
import { activeLearningTrainConfig, type ActiveLearningSpec } from '../core/playground/sweep';
import { buildRows, featurizeAll } from '../core/reward-model/training-data';
import type { LabelledPair } from '../core/reward-model/training-data';
import type { DatasetFile, Response } from '../core/types';
import { train } from './train';

/** Held-out accuracy (0..1) after a number of labels. */
export interface CurvePoint {
  labels: number;
  accuracy: number;
}

/** One policy's learning curve. */
export interface PolicyRun {
  policy: PolicyName;
  points: CurvePoint[];
}

/** Progress: policy `policy` (0-based) of `policies`, `labels` labels trained so far. */
export interface ActiveLearningProgress {
  policy: number;
  policies: number;
  labels: number;
  max: number;
}

/** Inputs of {@link runActiveLearning}. */
export interface ActiveLearningInput {
  dataset: DatasetFile;
  rater: RaterKnobs;
  spec: ActiveLearningSpec;
  /** Seeds the held-out split, the first labels, the rater and the policies' tie-breaks. */
  seed: number;
  /** Training settings; the model is forced linear, with `spec.epochs` epochs and no validation split. */
  train: TrainConfig;
  /** Share of prompts held out (default 0.25). */
  heldOutFraction?: number;
}

/** What a comparison produced. */
export interface ActiveLearningResult {
  runs: PolicyRun[];
  /** Held-out prompts and the held-out pairs accuracy is measured on. */
  heldOutPrompts: number;
  heldOutPairs: number;
  poolPairs: number;
}

interface Pair extends PairCandidate {
  x: number;
  y: number;
}

/** The rater's expected probability of preferring response x over y, over fact-checks and both sides. */
export function expectedPreference(k: RaterKnobs, sx: RaterSignals, sy: RaterSignals): number {
  let p = 0;
  for (const [check, w] of [
    [true, k.pFactCheck],
    [false, 1 - k.pFactCheck],
  ] as const) {
    if (w === 0) continue;
    const ux = utility(k, sx, check);
    const uy = utility(k, sy, check);
    // x on the left half the time, on the right the other half.
    p += (w * (preferAProbability(k, ux, uy) + (1 - preferAProbability(k, uy, ux)))) / 2;
  }
  return p;
}

/** One judgment of a pair by the simulated rater (random side, fact-check, verdict, strength). */
function judge(k: RaterKnobs, pair: Pair, signals: readonly RaterSignals[], rng: Rng): LabelledPair {
  const [a, b] = rng() < 0.5 ? [pair.x, pair.y] : [pair.y, pair.x];
  const check = rng() < k.pFactCheck;
  const uA = utility(k, signals[a], check);
  const uB = utility(k, signals[b], check);
  const z = (k.beta === Infinity ? 1 : k.beta) * Math.abs(uA - uB);
  const u = rng();
  const outcome = z < k.tieThreshold ? 'tie' : u < preferAProbability(k, uA, uB) ? 'a' : 'b';
  const l: LabelledPair = { promptKey: pair.promptId, a, b, outcome };
  if (outcome !== 'tie') l.strength = strengthFromGap(z);
  return l;
}

function abortError(): Error {
  const e = new Error('Active learning cancelled');
  e.name = 'AbortError';
  return e;
}

/** Runs every policy of the spec (see the module comment); rejects with an AbortError when cancelled. */
export async function runActiveLearning(
  input: ActiveLearningInput,
  opts: {
    onProgress?: (p: ActiveLearningProgress) => void;
    onRun?: (r: PolicyRun) => void;
    signal?: AbortSignal;
  } = {},
): Promise<ActiveLearningResult> {
  const { dataset, rater: k, spec, seed } = input;
  const promptText = new Map(dataset.prompts.map((p) => [p.id, p.text]));
  const responses: Response[] = dataset.responses.filter((r) => promptText.has(r.promptId));
  const vectors = featurizeAll(
    responses.map((r) => ({ prompt: promptText.get(r.promptId)!, response: r.text })),
  );
  const signals = responses.map((r) => raterSignals(promptText.get(r.promptId)!, r));
  const gold = new Map<string, boolean>();
  for (const r of responses) if (r.correct !== undefined) gold.set(r.id, r.correct);

  const byPrompt = new Map<string, number[]>();
  responses.forEach((r, i) => {
    const list = byPrompt.get(r.promptId);
    if (list) list.push(i);
    else byPrompt.set(r.promptId, [i]);
  });
  const promptIds = [...byPrompt.keys()].filter((id) => byPrompt.get(id)!.length >= 2).sort();
  if (promptIds.length < 2)
    throw new RangeError('active learning needs at least two prompts with two responses');
  const nHeld = Math.min(
    promptIds.length - 1,
    Math.max(1, Math.round((input.heldOutFraction ?? 0.25) * promptIds.length)),
  );
  const held = new Set(shuffle(mulberry32(seed ^ 0x4e1d), [...promptIds]).slice(0, nHeld));
  const pool: Pair[] = [];
  const heldPairs: { x: number; y: number; target: number }[] = [];
  for (const pid of promptIds) {
    const idx = byPrompt.get(pid)!;
    for (let i = 0; i < idx.length; i++)
      for (let j = i + 1; j < idx.length; j++) {
        const [x, y] = [idx[i], idx[j]];
        if (held.has(pid)) {
          const p = expectedPreference(k, signals[x], signals[y]);
          if (p !== 0.5) heldPairs.push({ x, y, target: p > 0.5 ? 1 : -1 });
        } else pool.push({ promptId: pid, aId: responses[x].id, bId: responses[y].id, x, y });
      }
  }
  const firstOrder = shuffle(
    mulberry32(seed ^ 0x1417),
    pool.map((_, i) => i),
  );
  const cfg = activeLearningTrainConfig(input.train, spec);

  // The rater's more likely choice of each held-out pair is its chosen side.
  const accuracyOf = (rewards: Float64Array) =>
    pairwiseMetrics(
      heldPairs.map((h) => rewards[h.target > 0 ? h.x : h.y]),
      heldPairs.map((h) => rewards[h.target > 0 ? h.y : h.x]),
    ).accuracy;

  const runs: PolicyRun[] = [];
  for (let pi = 0; pi < spec.policies.length; pi++) {
    const policy = spec.policies[pi];
    const raterRng = mulberry32(seed);
    const policyRng = mulberry32(seed ^ 0xa11ce);
    const counts = new Int32Array(pool.length);
    const labels: LabelledPair[] = [];
    const labelledPairs: PairCandidate[] = [];
    const take = (i: number) => {
      counts[i]++;
      labelledPairs.push(pool[i]);
      labels.push(judge(k, pool[i], signals, raterRng));
    };
    for (let j = 0; j < spec.start; j++) take(firstOrder[j % firstOrder.length]);
    const points: CurvePoint[] = [];
    for (;;) {
      if (opts.signal?.aborted) throw abortError();
      opts.onProgress?.({ policy: pi, policies: spec.policies.length, labels: labels.length, max: spec.max });
      const set = buildRows(labels, vectors, FEATURE_DIM, cfg);
      const { model } = await train(set, cfg, undefined, { signal: opts.signal });
      const rewards = scoreMatrix(model.weights, vectors, FEATURE_DIM);
      points.push({ labels: labels.length, accuracy: accuracyOf(rewards) });
      if (labels.length >= spec.max) break;
      const rewardMap = new Map(responses.map((r, i) => [r.id, rewards[i]]));
      const batch = Math.min(spec.step, spec.max - labels.length);
      for (let j = 0; j < batch; j++) {
        let min = Infinity;
        for (const c of counts) if (c < min) min = c;
        const open: number[] = [];
        counts.forEach((c, i) => c === min && open.push(i));
        const chosen = pickPair(
          policy,
          open.map((i) => pool[i]),
          rewardMap,
          gold,
          policyRng,
          labelledPairs,
        );
        take(pool.indexOf(chosen as Pair));
      }
    }
    const run = { policy, points };
    runs.push(run);
    opts.onRun?.(run);
  }
  return { runs, heldOutPrompts: nHeld, heldOutPairs: heldPairs.length, poolPairs: pool.length };
}
