/**
 * Give the event loop a turn between steps of a long synchronous job on the page (input, paint), so a
 * big dataset never blocks it in one long task. `scheduler.yield()` where the browser has it, else a
 * zero-delay timeout. Small jobs skip it: {@link yieldIfLarge} yields only past `threshold` items.
 */
export function yieldToEventLoop(): Promise<void> {
  const s = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof s?.yield === 'function') return s.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Rows from which a page-side job yields between its steps. */
export const LARGE_JOB = 20_000;

/** Yield only when the job is large (`size` items or more). */
export async function yieldIfLarge(size: number, threshold = LARGE_JOB): Promise<void> {
  if (size >= threshold) await yieldToEventLoop();
}

/** Items handled between two yields by {@link forEachInSlices}. */
export const SLICE = 20_000;

/** `fn` over `items`, yielding to the event loop after every {@link SLICE} items (never for small arrays). */
export async function forEachInSlices<T>(
  items: readonly T[],
  fn: (item: T, index: number) => void,
  slice = SLICE,
): Promise<void> {
  for (let i = 0; i < items.length; i += slice) {
    if (i > 0) await yieldToEventLoop();
    const end = Math.min(items.length, i + slice);
    for (let j = i; j < end; j++) fn(items[j], j);
  }
}
