/** Number formatting shared by the pages: a dash for missing values, fixed decimals, percentages. */

const missing = (x: number | null | undefined): x is null | undefined =>
  x === null || x === undefined || Number.isNaN(x);

/** `x` with `digits` decimals, or "—" when missing. */
export function fixed(x: number | null | undefined, digits = 2): string {
  return missing(x) ? '—' : x.toFixed(digits);
}

/** A fraction as a percentage with `digits` decimals (0.257 → "26%"), or "—" when missing. */
export function percent(x: number | null | undefined, digits = 0): string {
  return missing(x) ? '—' : `${(100 * x).toFixed(digits)}%`;
}
