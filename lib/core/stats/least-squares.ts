/**
 * Ordinary least squares for small designs: β minimising Σ (y − Xβ)², from the normal equations
 * XᵀX β = Xᵀy solved by Gaussian elimination with partial pivoting. Used for the Gao et al. forms of the
 * optimiser's curves (two columns) and the style-controlled reward (length and markdown covariates).
 */

/**
 * The least-squares coefficients of `y` on the columns of `X` (rows of equal length), or null when XᵀX
 * is singular (a column is all zero or the columns are collinear) or there are no rows.
 */
export function leastSquares(X: readonly (readonly number[])[], y: readonly number[]): number[] | null {
  if (X.length !== y.length) throw new RangeError(`${X.length} rows but ${y.length} targets`);
  if (X.length === 0) return null;
  const p = X[0].length;
  const A = Array.from({ length: p }, () => new Array<number>(p + 1).fill(0));
  for (let r = 0; r < X.length; r++) {
    const row = X[r];
    if (row.length !== p) throw new RangeError(`row ${r} has ${row.length} columns, not ${p}`);
    for (let i = 0; i < p; i++) {
      for (let j = 0; j < p; j++) A[i][j] += row[i] * row[j];
      A[i][p] += row[i] * y[r];
    }
  }
  const scale = Math.max(1e-300, ...A.map((row, i) => Math.abs(row[i])));
  for (let c = 0; c < p; c++) {
    let piv = c;
    for (let r = c + 1; r < p; r++) if (Math.abs(A[r][c]) > Math.abs(A[piv][c])) piv = r;
    if (Math.abs(A[piv][c]) <= 1e-12 * scale) return null;
    [A[c], A[piv]] = [A[piv], A[c]];
    for (let r = 0; r < p; r++) {
      if (r === c) continue;
      const f = A[r][c] / A[c][c];
      for (let k = c; k <= p; k++) A[r][k] -= f * A[c][k];
    }
  }
  return A.map((row, i) => row[p] / row[i]);
}
