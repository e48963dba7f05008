/**
 * Chance-corrected agreement between raters over plain label arrays: Cohen's κ for two raters on the
 * same items and Krippendorff's α for nominal labels with any number of raters and missing values.
 * Labels are compared with ===. The workshop's use of them (which labels, which orientation, which
 * annotators) lives in ../labeling/agreement.ts.
 */

/** Cohen's κ for two raters over the same items. */
export interface Kappa {
  n: number;
  /** Observed agreement p_o (percent agreement as a fraction). */
  observed: number;
  /** Chance agreement p_e from each rater's own label frequencies. */
  expected: number;
  /** (p_o − p_e) / (1 − p_e); null when p_e = 1 (both raters used one and the same label throughout). */
  kappa: number | null;
}

/** Cohen's κ of two parallel label arrays (any label type compared with ===). NaN rates when empty. */
export function cohensKappa<T>(x: readonly T[], y: readonly T[]): Kappa {
  if (x.length !== y.length) throw new RangeError(`length mismatch: ${x.length} vs ${y.length}`);
  const n = x.length;
  if (n === 0) return { n, observed: NaN, expected: NaN, kappa: null };
  const fx = new Map<T, number>();
  const fy = new Map<T, number>();
  let agree = 0;
  for (let i = 0; i < n; i++) {
    if (x[i] === y[i]) agree++;
    fx.set(x[i], (fx.get(x[i]) ?? 0) + 1);
    fy.set(y[i], (fy.get(y[i]) ?? 0) + 1);
  }
  let expected = 0;
  for (const [label, count] of fx) expected += (count / n) * ((fy.get(label) ?? 0) / n);
  const observed = agree / n;
  return { n, observed, expected, kappa: expected === 1 ? null : (observed - expected) / (1 - expected) };
}

/**
 * Krippendorff's α for nominal data. `units[u]` lists the values the coders gave unit u; null or
 * undefined entries are missing and ignored, and units with fewer than two values are not pairable.
 * Built from the coincidence matrix: α = 1 − (n − 1) Σ_{c≠k} o_ck / Σ_{c≠k} n_c n_k. Null when there
 * are no pairable values or only one value occurs (no expected disagreement).
 */
export function krippendorffAlphaNominal<T>(
  units: readonly (readonly (T | null | undefined)[])[],
): number | null {
  return krippendorffAlphaNominalDetail(units).alpha;
}

/** Krippendorff's α with what it rests on. */
export interface Alpha {
  /** α, or null as {@link krippendorffAlphaNominal} explains. */
  alpha: number | null;
  /** Pairable units: units with at least two values (for the room, the pairs seen by two people or more). */
  units: number;
  /** Values in those units (n in Krippendorff's notation). */
  values: number;
}

/** {@link krippendorffAlphaNominal} together with the number of pairable units and values it rests on. */
export function krippendorffAlphaNominalDetail<T>(
  units: readonly (readonly (T | null | undefined)[])[],
): Alpha {
  const marginals = new Map<T, number>();
  let n = 0;
  let pairable = 0;
  let observedDisagreement = 0;
  for (const unit of units) {
    const values = unit.filter((v): v is T => v !== null && v !== undefined);
    const m = values.length;
    if (m < 2) continue;
    const counts = new Map<T, number>();
    for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
    // Σ_{c≠k} o_ck within the unit: ordered pairs of different values, weighted 1/(m − 1).
    let same = 0;
    for (const c of counts.values()) same += c * (c - 1);
    observedDisagreement += (m * (m - 1) - same) / (m - 1);
    for (const [v, c] of counts) marginals.set(v, (marginals.get(v) ?? 0) + c);
    n += m;
    pairable++;
  }
  let expectedPairs = n * n;
  for (const c of marginals.values()) expectedPairs -= c * c;
  const alpha = n === 0 || expectedPairs === 0 ? null : 1 - ((n - 1) * observedDisagreement) / expectedPairs;
  return { alpha, units: pairable, values: n };
}
