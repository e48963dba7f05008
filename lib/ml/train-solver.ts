/**
 * The exact trainer of the linear reward model: L-BFGS (lib/core/stats/lbfgs.ts) on the Bradley–Terry
 * objective over sparse rows (lib/core/reward-model/solver/objective.ts), to the gradient tolerance of
 * solver/limits.ts. No TF.js: plain TypeScript in float64, the same in Node, a worker and the browser.
 * Every iteration is one point of the live curve (objective, train and held-out figures, ‖∇f‖₂); the
 * loop yields to the event loop every YIELD_MS so progress is delivered and a cancel is heard.
 */
import { SOLVER_BACKEND } from '../core/reward-model/backend-names';
import type { TrainConfig } from '../core/reward-model/model-file';
import { btObjective } from '../core/reward-model/solver/objective';
import {
  SOLVER_GRAD_TOLERANCE,
  SOLVER_MAX_ITERATIONS,
  SOLVER_MEMORY,
} from '../core/reward-model/solver/limits';
import { createLbfgs } from '../core/stats/lbfgs';
import type { EpochProgress, TrainOptions, TrainResult } from './train';
import {
  YIELD_MS,
  abortError,
  metricsOf,
  modelFileOf,
  prepareRun,
  tick,
  type SparseTrainingSet,
} from './train-result';

/** Trains `data` (sparse vectors) with L-BFGS under `cfg` (already validated; model linear). */
export async function trainWithSolver(
  data: SparseTrainingSet,
  cfg: TrainConfig,
  onEpoch?: (p: EpochProgress) => void,
  opts: TrainOptions = {},
): Promise<TrainResult> {
  const run = prepareRun(data, cfg);
  const davidson = cfg.ties === 'davidson';
  const objective = btObjective({
    vectors: data.vectors,
    rows: run.trainSet,
    l2: cfg.l2,
    center: cfg.centerRewardsCoefficient,
    davidson,
  });
  const solver = createLbfgs(objective.fg, new Float64Array(objective.size), {
    gradTolerance: SOLVER_GRAD_TOLERANCE,
    maxIterations: SOLVER_MAX_ITERATIONS,
    memory: SOLVER_MEMORY,
  });
  const history: EpochProgress[] = [];
  let lastYield = Date.now();
  for (;;) {
    const going = solver.step();
    const s = solver.state;
    if (s.iterations > history.length) {
      // The latest evaluation was the accepted point, so objective.rewards are this iteration's.
      const tr = metricsOf(objective.rewards, run.trainSet);
      const va = metricsOf(objective.rewards, run.valSet);
      const progress: EpochProgress = {
        epoch: s.iterations,
        loss: s.f,
        trainAccuracy: tr.accuracy ?? NaN,
        valAccuracy: va.accuracy,
        valLoss: va.logLoss,
        gradNorm: s.gradNorm,
      };
      history.push(progress);
      onEpoch?.(progress);
    }
    if (!going) break;
    if (Date.now() - lastYield > YIELD_MS) {
      await tick();
      lastYield = Date.now();
    }
    if (opts.signal?.aborted) throw abortError();
  }
  const theta = solver.state.x;
  const grad = new Float64Array(objective.size);
  // One more evaluation at the final point: its rewards, and f and ‖∇f‖ exactly there.
  const f = objective.fg(theta, grad);
  let g2 = 0;
  for (let i = 0; i < grad.length; i++) g2 += grad[i] * grad[i];
  const dim = data.dim;
  const model = modelFileOf({
    cfg,
    run,
    weights: { kind: 'linear', w: Array.from(theta.subarray(0, dim)), b: theta[dim] },
    ...(davidson ? { tieNu: Math.exp(theta[dim + 1]) } : {}),
    rewards: objective.rewards,
    steps: solver.state.iterations,
    fit: {
      solver: 'lbfgs',
      iterations: solver.state.iterations,
      gradNorm: Math.sqrt(g2),
      objective: f,
      gradTolerance: SOLVER_GRAD_TOLERANCE,
      converged: solver.state.stop === 'converged',
    },
  });
  return { model, history, backend: SOLVER_BACKEND };
}
