/**
 * Limited-memory BFGS (Nocedal & Wright, "Numerical Optimization", 2nd ed., Algorithm 7.4 with the
 * two-loop recursion 7.5 and H₀ = γI, γ = sᵀy / yᵀy, eq. 7.20) with a backtracking Armijo line search
 * (Algorithm 3.1, c₁ = 1e-4), in float64 over typed arrays. Stepwise: `step()` does one iteration, so a
 * caller can report progress, yield to its event loop and cancel between iterations. A pair whose
 * curvature sᵀy is not positive (flat directions of a convex but not strictly convex objective) is not
 * stored, which keeps the inverse-Hessian approximation positive definite.
 */

/** The objective: writes ∇f(x) into `grad` and returns f(x). */
export type ObjectiveWithGradient = (x: Float64Array, grad: Float64Array) => number;

/** Options of {@link createLbfgs}. */
export interface LbfgsOptions {
  /** Stop when ‖∇f‖₂ ≤ gradTolerance. */
  gradTolerance: number;
  /** Stop after this many iterations (not converged). */
  maxIterations: number;
  /** Correction pairs kept (m); default 10. */
  memory?: number;
}

/** Why a run stopped: the gradient tolerance was met, the iteration cap hit, or no step decreased f. */
export type LbfgsStop = 'converged' | 'max-iterations' | 'line-search-failed';

/** The state after the latest iteration. */
export interface LbfgsState {
  /** The current point (owned by the solver; copy it to keep it). */
  x: Float64Array;
  f: number;
  gradNorm: number;
  iterations: number;
  /** Objective evaluations so far (the line search may take several per iteration). */
  evaluations: number;
  /** Set once the run has stopped. */
  stop: LbfgsStop | null;
}

/** A running L-BFGS minimisation. */
export interface Lbfgs {
  state: LbfgsState;
  /** One iteration; returns false once stopped (then `state.stop` says why). */
  step(): boolean;
}

const dot = (a: Float64Array, b: Float64Array) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
};

/** Backtracking stops once the step is this small relative to the point (no representable decrease). */
const MIN_STEP = 1e-20;
const ARMIJO = 1e-4;

/** Starts minimising `fg` from `x0` (copied). Evaluates f once; it may already be converged. */
export function createLbfgs(fg: ObjectiveWithGradient, x0: Float64Array, opts: LbfgsOptions): Lbfgs {
  const n = x0.length;
  const m = Math.max(1, opts.memory ?? 10);
  let x = Float64Array.from(x0);
  let g = new Float64Array(n);
  let f = fg(x, g);
  let xNext = new Float64Array(n);
  let gNext = new Float64Array(n);
  const dir = new Float64Array(n);
  const S: Float64Array[] = [];
  const Y: Float64Array[] = [];
  const rho: number[] = [];
  const alpha = new Float64Array(m);
  const state: LbfgsState = {
    x,
    f,
    gradNorm: Math.sqrt(dot(g, g)),
    iterations: 0,
    evaluations: 1,
    stop: null,
  };
  if (!Number.isFinite(f)) state.stop = 'line-search-failed';
  else if (state.gradNorm <= opts.gradTolerance) state.stop = 'converged';

  /** dir = −H∇f by the two-loop recursion. */
  const direction = () => {
    for (let i = 0; i < n; i++) dir[i] = -g[i];
    for (let k = S.length - 1; k >= 0; k--) {
      alpha[k] = rho[k] * dot(S[k], dir);
      const y = Y[k];
      for (let i = 0; i < n; i++) dir[i] -= alpha[k] * y[i];
    }
    if (S.length) {
      const last = S.length - 1;
      const gamma = dot(S[last], Y[last]) / dot(Y[last], Y[last]);
      for (let i = 0; i < n; i++) dir[i] *= gamma;
    }
    for (let k = 0; k < S.length; k++) {
      const beta = rho[k] * dot(Y[k], dir);
      const s = S[k];
      for (let i = 0; i < n; i++) dir[i] += (alpha[k] - beta) * s[i];
    }
  };

  const step = (): boolean => {
    if (state.stop) return false;
    if (state.iterations >= opts.maxIterations) {
      state.stop = 'max-iterations';
      return false;
    }
    direction();
    let slope = dot(g, dir);
    if (!(slope < 0)) {
      // Not a descent direction (rounding): restart from steepest descent.
      S.length = Y.length = rho.length = 0;
      for (let i = 0; i < n; i++) dir[i] = -g[i];
      slope = -dot(g, g);
    }
    // The first step of a run (no curvature yet) moves a unit distance; later ones try the full step.
    let t = S.length ? 1 : 1 / Math.sqrt(-slope);
    let fNext = Infinity;
    for (;;) {
      for (let i = 0; i < n; i++) xNext[i] = x[i] + t * dir[i];
      fNext = fg(xNext, gNext);
      state.evaluations++;
      if (Number.isFinite(fNext) && fNext <= f + ARMIJO * t * slope) break;
      t /= 2;
      if (t * Math.sqrt(dot(dir, dir)) < MIN_STEP * (1 + Math.sqrt(dot(x, x)))) {
        state.stop = 'line-search-failed';
        return false;
      }
    }
    const s = S.length === m ? S.shift()! : new Float64Array(n);
    const y = Y.length === m ? Y.shift()! : new Float64Array(n);
    if (rho.length === m) rho.shift();
    for (let i = 0; i < n; i++) {
      s[i] = xNext[i] - x[i];
      y[i] = gNext[i] - g[i];
    }
    const sy = dot(s, y);
    if (sy > 1e-12 * dot(y, y)) {
      S.push(s);
      Y.push(y);
      rho.push(1 / sy);
    }
    [x, xNext] = [xNext, x];
    [g, gNext] = [gNext, g];
    f = fNext;
    state.x = x;
    state.f = f;
    state.gradNorm = Math.sqrt(dot(g, g));
    state.iterations++;
    if (state.gradNorm <= opts.gradTolerance) state.stop = 'converged';
    return !state.stop;
  };

  return { state, step };
}
