/**
 * Gao, Schulman & Hilton (2022), "Scaling Laws for Reward Model Overoptimization": as a function of
 * d = √KL from the initial policy, gold reward follows R_bon(d) = d(α − βd) under best-of-n and
 * R_RL(d) = d(α − β ln d) under RL. Both are linear in (α, β), so the least-squares fit is closed form
 * (lib/core/stats/least-squares.ts on the columns d and −d² or −d ln d). Values are measured from the
 * curve's first point (d = 0), where both forms are 0.
 */
import { leastSquares } from '../../stats/least-squares';

/** Which functional form. */
export type GaoForm = 'bon' | 'rl';

/** Fitted coefficients of R(d). */
export interface GaoFit {
  form: GaoForm;
  alpha: number;
  beta: number;
}

/** The form's two columns at d (so R(d) = α·c₁ + β·c₂). */
function columns(form: GaoForm, d: number): [number, number] {
  return [d, form === 'bon' ? -d * d : d > 0 ? -d * Math.log(d) : 0];
}

/** R(d) of a fitted form. */
export function gaoValue(fit: Pick<GaoFit, 'form' | 'alpha' | 'beta'>, d: number): number {
  const [a, b] = columns(fit.form, d);
  return fit.alpha * a + fit.beta * b;
}

/**
 * Least-squares α, β of `form` through points (d, y), y measured from the value at d = 0; null with
 * fewer than two points at d > 0 or a singular design.
 */
export function fitGao(form: GaoForm, points: readonly { d: number; y: number }[]): GaoFit | null {
  const use = points.filter((p) => p.d > 0 && Number.isFinite(p.y));
  if (use.length < 2) return null;
  const beta = leastSquares(
    use.map((p) => columns(form, p.d)),
    use.map((p) => p.y),
  );
  return beta ? { form, alpha: beta[0], beta: beta[1] } : null;
}
