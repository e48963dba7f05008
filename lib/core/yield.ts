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
