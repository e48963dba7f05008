/**
 * Which base a column of response indices uses. Public preference files write the winner (or the
 * correct answer, or a ranking) as a number: some count from 0, many judgment sets and annotation-tool
 * exports count from 1 (`1`/`2` for the first/second output). Reading one as the other silently flips
 * every label, so the base is either given or inferred from the whole column by one rule, the inference
 * is reported, and a column that fits both readings is an error, never a silent choice.
 *
 * The rule, over every row's value v and that row's number of responses k (each value must already lie
 * in 0..k, the range where at least one reading makes sense):
 * - no row holds 0 (so every value is in 1..k): 1-based;
 * - some row holds 0 and no row holds its k (so every value is in 0..k−1): 0-based;
 * - otherwise (a 0 in one row, a k in another): ambiguous.
 */

/** 0: the first response is 0; 1: the first response is 1. */
export type IndexBase = 0 | 1;

/** One number read from an index column, with the size of the row's pool. */
export interface IndexSample {
  value: number;
  /** Number of responses in the row (the pool the index points into). */
  k: number;
  /** 1-based line of the row. */
  line: number;
}

/** What {@link inferIndexBase} concluded. */
export type IndexBaseVerdict =
  | { kind: 'none' }
  | { kind: 'inferred'; base: IndexBase; why: string }
  | { kind: 'ambiguous'; zeroLine: number; topLine: number; top: number };

/** Is `value` a whole number written as a number or as a string of digits? Returns it, or undefined. */
export function asIndexNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) ? value : undefined;
  if (typeof value === 'string' && /^\s*\d+\s*$/.test(value)) return Number(value.trim());
  return undefined;
}

/** Infer the base of a column from all its samples by the rule in the file header. */
export function inferIndexBase(samples: readonly IndexSample[]): IndexBaseVerdict {
  if (samples.length === 0) return { kind: 'none' };
  let zero: IndexSample | undefined;
  let top: IndexSample | undefined;
  for (const s of samples) {
    if (s.value === 0) zero ??= s;
    if (s.value === s.k) top ??= s;
  }
  if (zero === undefined) {
    return { kind: 'inferred', base: 1, why: 'no row holds 0 and every value is between 1 and the row size' };
  }
  if (top === undefined) {
    return {
      kind: 'inferred',
      base: 0,
      why: `line ${zero.line} holds 0 and no value reaches the row size`,
    };
  }
  return { kind: 'ambiguous', zeroLine: zero.line, topLine: top.line, top: top.value };
}

/** Human words for a base: `1-based (1 = first response)`. */
export function describeBase(base: IndexBase): string {
  return base === 1
    ? '1-based (1 = first response, 2 = second, …)'
    : '0-based (0 = first response, 1 = second, …)';
}

/**
 * The one message for an ambiguous column: names it, shows the evidence for each reading, and says how
 * to choose (`key` is the mapping field that fixes it, e.g. `winnerBase`).
 */
export function ambiguousBaseMessage(
  what: string,
  column: string,
  v: Extract<IndexBaseVerdict, { kind: 'ambiguous' }>,
  key: string,
): string {
  return (
    `cannot tell whether the ${what} numbers in "${column}" count from 0 or from 1: line ${v.zeroLine} ` +
    `holds 0 (only 0-based reads it) and line ${v.topLine} holds ${v.top}, its row's number of responses ` +
    `(only 1-based reads it). Say which: "${key}": 0 or 1 in the mapping ("count from" in the mapping form).`
  );
}

/** Converts a value read with `base` to a 0-based index, or -1 when it is outside the row's pool. */
export function toZeroBased(value: number, base: IndexBase, k: number): number {
  const i = value - base;
  return i >= 0 && i < k ? i : -1;
}
