/**
 * One optimisation run against a scored action table: best-of-n (n = 1, 2, 4, …, exact curve) or
 * REINFORCE with a KL penalty (seeded), giving the curve of exact KL from the base policy, expected
 * proxy reward and expected gold, Gao et al.'s form fitted to both, and sample outputs at checkpoints.
 *
 * The curve starts at KL 0 (the base policy) and never decreases, by construction: best-of-n's KL grows
 * with n, and RL lists only the steps at which KL reached a new high (a step where the penalty pulled
 * the policy back is left out, so `step` numbers may skip). So the curve is reward against increasing
 * optimisation pressure, as Gao et al. plot it.
 */
import { mulberry32 } from '../../stats/random';
import type { EditId } from '../probes/edits';
import { abortError, nextTask } from '../probes/reward';
import { baseActionProbs, klFrom, sampleBestOfN, weightedBestOfN } from './bon';
import { fitGao, type GaoFit } from './fit';
import { basePolicy, drawIndex, editMoments, editSetProbs, policyKl, softmax, type Policy } from './policy';
import { adamState, expectations, rlStep } from './rl';
import { actionRewards, setEdits, type ActionTable } from './table';

/** Which optimiser. */
export type Method = 'bon' | 'rl';

/** Defaults of a run (also the CLI's and the page's). */
export const OPTIMIZE_DEFAULTS = {
  seed: 1,
  /** RL steps. */
  rlSteps: 150,
  /** Best-of-n doublings: n = 1 … 2^steps. */
  bonSteps: 10,
  klCoef: 0.05,
  lr: 0.1,
  batch: 4,
  baseEditRate: 0.02,
  samplePrompts: 2,
  checkpoints: 4,
} as const;

/** Options of {@link optimize}. */
export interface OptimizeOptions {
  method: Method;
  seed?: number;
  /** RL: optimisation steps; best-of-n: doublings of n (n = 2^step). */
  steps?: number;
  /** KL penalty coefficient β (RL). */
  klCoef?: number;
  lr?: number;
  batch?: number;
  /** The base policy's probability of each edit (before the cap of L edits). */
  baseEditRate?: number;
  samplePrompts?: number;
  checkpoints?: number;
  signal?: AbortSignal;
  onProgress?: (p: { step: number; steps: number; point: CurvePoint | null }) => void;
}

/** One point of the curve. */
export interface CurvePoint {
  step: number;
  /** Best-of-n: the n of this point. */
  n?: number;
  /** Exact KL(π ‖ π₀) in nats, averaged over prompts. */
  kl: number;
  /** Expected reward the optimiser maximised (the mitigated reward when a mitigation is on). */
  proxy: number;
  /** Expected gold correctness in [0, 1]; null without gold. */
  gold: number | null;
}

/** A sampled output at a checkpoint. */
export interface OptimizeSample {
  step: number;
  kl: number;
  promptId: string;
  prompt: string;
  baseId: string;
  edits: EditId[];
  text: string;
  reward: number;
  correct: boolean | null;
}

/** What a run gives. */
export interface OptimizeResult {
  method: Method;
  curve: CurvePoint[];
  samples: OptimizeSample[];
  /** Gao et al.'s form fitted to proxy and gold (each measured from the first point), against d = √KL. */
  fit: { proxy: GaoFit | null; gold: GaoFit | null };
  /** The final policy's probability of each edit. */
  editRates: { id: EditId; rate: number }[];
}

/** A snapshot to sample from: a policy (RL) or best-of-n's n. */
type Snapshot = { policy: Policy } | { n: number };

const copyPolicy = (p: Policy): Policy => ({
  theta: p.theta.map((t) => [...t]),
  phi: [...p.phi],
  maxEdits: p.maxEdits,
});

/** Runs best-of-n or RL on `table` with per-text `rewards` (default the table's). */
export async function optimize(
  table: ActionTable,
  opts: OptimizeOptions,
  rewards: ArrayLike<number> = table.rewards,
): Promise<OptimizeResult> {
  const seed = opts.seed ?? OPTIMIZE_DEFAULTS.seed;
  const q0 = opts.baseEditRate ?? OPTIMIZE_DEFAULTS.baseEditRate;
  const base = basePolicy(
    table.prompts.map((p) => p.baseIds.length),
    table.edits.length,
    table.maxEdits,
    q0,
  );
  const curve: CurvePoint[] = [];
  const snaps: Snapshot[] = [];
  const record = (point: CurvePoint, snap: Snapshot) => {
    if (curve.length > 0 && !(point.kl > curve.at(-1)!.kl)) return false;
    if (curve.length === 0) point.kl = 0;
    curve.push(point);
    snaps.push(snap);
    return true;
  };
  let final: Policy = base;
  if (opts.method === 'bon') {
    const steps = opts.steps ?? OPTIMIZE_DEFAULTS.bonSteps;
    const w = table.prompts.map((p) => baseActionProbs(base, table.sets, p.baseIds.length));
    const r = table.prompts.map((_, pi) => actionRewards(table, pi, rewards));
    for (let step = 0; step <= steps; step++) {
      if (opts.signal?.aborted) throw abortError('Optimisation');
      const n = 2 ** step;
      let kl = 0;
      let proxy = 0;
      let gold = 0;
      let goldPrompts = 0;
      table.prompts.forEach((p, pi) => {
        const pick = weightedBestOfN(r[pi], w[pi], n);
        kl += klFrom(pick, w[pi]);
        proxy += pick.reduce((s, x, a) => s + x * r[pi][a], 0);
        if (p.gold.every((g) => g >= 0)) {
          gold += pick.reduce((s, x, a) => s + x * p.gold[a], 0);
          goldPrompts++;
        }
      });
      const P = table.prompts.length;
      const point = { step, n, kl: kl / P, proxy: proxy / P, gold: goldPrompts ? gold / goldPrompts : null };
      const kept = record(point, { n });
      opts.onProgress?.({ step, steps, point: kept ? point : null });
      await nextTask();
    }
  } else {
    const steps = opts.steps ?? OPTIMIZE_DEFAULTS.rlSteps;
    const policy = copyPolicy(base);
    const adam = adamState(policy);
    const rng = mulberry32(seed);
    const stepOpts = {
      klCoef: opts.klCoef ?? OPTIMIZE_DEFAULTS.klCoef,
      lr: opts.lr ?? OPTIMIZE_DEFAULTS.lr,
      batch: opts.batch ?? OPTIMIZE_DEFAULTS.batch,
    };
    for (let step = 0; step <= steps; step++) {
      if (opts.signal?.aborted) throw abortError('Optimisation');
      if (step > 0) rlStep(rng, table, policy, base, rewards, adam, stepOpts);
      const point = { step, kl: policyKl(policy, base), ...expectations(table, policy, rewards) };
      const kept = record(point, { policy: copyPolicy(policy) });
      opts.onProgress?.({ step, steps, point: kept ? point : null });
      if (step % 5 === 0) await nextTask();
    }
    final = policy;
  }
  const rates = editMoments(final.phi, final.maxEdits).marginals;
  return {
    method: opts.method,
    curve,
    samples: checkpointSamples(table, rewards, base, curve, snaps, seed, opts),
    fit: fits(opts.method, curve),
    editRates: table.edits.map((id, e) => ({ id, rate: rates[e] })),
  };
}

/** Gao et al.'s form fitted to the curve's proxy and gold, each measured from its first point. */
export function fits(method: Method, curve: readonly CurvePoint[]): OptimizeResult['fit'] {
  const first = curve[0];
  const of = (y: (p: CurvePoint) => number | null) =>
    first && y(first) !== null
      ? fitGao(
          method,
          curve.map((p) => ({ d: Math.sqrt(p.kl), y: (y(p) ?? NaN) - y(first)! })),
        )
      : null;
  return { proxy: of((p) => p.proxy), gold: of((p) => p.gold) };
}

/** Checkpoints spread along the curve (first and last included), and a sampled output at each. */
function checkpointSamples(
  table: ActionTable,
  rewards: ArrayLike<number>,
  base: Policy,
  curve: readonly CurvePoint[],
  snaps: readonly Snapshot[],
  seed: number,
  opts: OptimizeOptions,
): OptimizeSample[] {
  const count = Math.min(curve.length, opts.checkpoints ?? OPTIMIZE_DEFAULTS.checkpoints);
  const at = [
    ...new Set(
      Array.from({ length: count }, (_, c) => Math.round((c * (curve.length - 1)) / Math.max(1, count - 1))),
    ),
  ];
  const rng = mulberry32(seed ^ 0x5eed);
  const nPrompts = Math.min(table.prompts.length, opts.samplePrompts ?? OPTIMIZE_DEFAULTS.samplePrompts);
  const prompts = Array.from({ length: nPrompts }, (_, k) =>
    Math.floor((k * table.prompts.length) / nPrompts),
  );
  const S = table.sets.length;
  const out: OptimizeSample[] = [];
  for (const c of at) {
    const snap = snaps[c];
    for (const pi of prompts) {
      const p = table.prompts[pi];
      let a: number;
      if ('n' in snap) {
        const w = baseActionProbs(base, table.sets, p.baseIds.length);
        a = sampleBestOfN(rng, actionRewards(table, pi, rewards), w, snap.n);
      } else {
        const i = drawIndex(rng, softmax(snap.policy.theta[pi]));
        a = i * S + drawIndex(rng, editSetProbs(snap.policy.phi, table.sets, snap.policy.maxEdits));
      }
      const t = p.text[a];
      out.push({
        step: curve[c].step,
        kl: curve[c].kl,
        promptId: p.promptId,
        prompt: p.prompt,
        baseId: p.baseIds[Math.floor(a / S)],
        edits: setEdits(table, table.sets[a % S]),
        text: table.texts[t].response,
        reward: rewards[t],
        correct: p.gold[a] < 0 ? null : p.gold[a] === 1,
      });
    }
  }
  return out;
}
