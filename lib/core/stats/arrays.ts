/**
 * Array helpers for data-sized arrays. Spreading an array into call arguments (`xs.push(...ys)`,
 * `Math.max(...xs)`) puts every element on the call stack and throws "Maximum call stack size exceeded"
 * somewhere past ~100,000 elements (the limit depends on the engine and the stack). These loops do the
 * same job at any size; use them wherever the array's length comes from the data.
 */

/** Appends every item of `items` to `target` (in order) and returns `target`. */
export function pushAll<T>(target: T[], items: readonly T[]): T[] {
  for (let i = 0; i < items.length; i++) target.push(items[i]);
  return target;
}

/**
 * The largest of `values` and `start`: `Math.max(start, ...values)` without the spread (NaN if any
 * value is NaN; `start` for an empty array, −Infinity by default as for `Math.max()`).
 */
export function maxOf(values: readonly number[], start = -Infinity): number {
  let m = start;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isNaN(v)) return NaN;
    if (v > m) m = v;
  }
  return m;
}

/**
 * The smallest of `values` and `start`: `Math.min(start, ...values)` without the spread (NaN if any
 * value is NaN; `start` for an empty array, +Infinity by default as for `Math.min()`).
 */
export function minOf(values: readonly number[], start = Infinity): number {
  let m = start;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isNaN(v)) return NaN;
    if (v < m) m = v;
  }
  return m;
}
