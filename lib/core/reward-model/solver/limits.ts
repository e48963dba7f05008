/**
 * When the exact solver of the linear reward model stops: the stated gradient tolerance (‖∇f‖₂ of the
 * objective in ./objective.ts, a per-row mean, so the tolerance does not depend on the data's size) and an
 * iteration cap that only a problem without an optimum (separable data with no L2 penalty) reaches.
 */

/** Converged once ‖∇f‖₂ ≤ this. With λ = 1e-3 the objective is then within ‖∇f‖² / 4λ ≤ 2.5e-8 of its minimum. */
export const SOLVER_GRAD_TOLERANCE = 1e-5;

/** L-BFGS iterations at most. */
export const SOLVER_MAX_ITERATIONS = 1000;

/** L-BFGS correction pairs kept. */
export const SOLVER_MEMORY = 10;
