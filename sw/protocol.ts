/**
 * The small message protocol between the page and the service worker (sw/sw.ts): the page asks how much
 * of the app is precached, the worker answers on the MessageChannel port that came with the question.
 * Plain TypeScript with no imports, so both the Next bundle and the esbuild-built worker can use it.
 */

/** `type` of the page's question; send `{ type: SW_STATUS_REQUEST }` with a MessagePort to reply on. */
export const SW_STATUS_REQUEST = 'GOODHART_SW_STATUS';

/** The worker's answer: which build it serves and whether every file of that build is in its cache. */
export interface SwStatus {
  /** Next.js build id the precache belongs to. */
  buildId: string;
  /** Name of the Cache Storage cache that holds this build. */
  cacheName: string;
  /** Number of files in the precache manifest. */
  expected: number;
  /** Number of those files found in the cache right now. */
  cached: number;
}

/** True when `value` has the shape of an {@link SwStatus} (the page checks what it receives). */
export function isSwStatus(value: unknown): value is SwStatus {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.buildId === 'string' &&
    typeof v.cacheName === 'string' &&
    Number.isInteger(v.expected) &&
    Number.isInteger(v.cached)
  );
}

/** True when the status says the whole app is cached, so it will load with the server gone. */
export function isFullyPrecached(status: SwStatus): boolean {
  return status.expected > 0 && status.cached === status.expected;
}
