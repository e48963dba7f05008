// Types for scripts/build-sw.mjs, so TypeScript tests can import it.
/** File types precached from out/. */
export const GLOB_PATTERNS: string[];
/** Files never precached. */
export const GLOB_IGNORES: string[];
/** URL prefixes never in the precache (the encoder's files). */
export const NOT_PRECACHED: string[];
/** Largest file precached, in bytes. */
export const MAX_FILE_BYTES: number;
/** URLs the precache manifest must contain. */
export const REQUIRED: string[];
/** Sources of out/sw.js besides the export. */
export const SW_SOURCES: string[];
/** The Next build id of the export in `outDir`. */
export function findBuildId(outDir?: string): string;
/** Why out/sw.js must be rebuilt, or null when it is up to date. */
export function swStaleReason(outDir?: string): string | null;
/** Bundles sw/sw.ts and injects the precache manifest of `outDir` into `outDir/sw.js`. */
export function buildServiceWorker(options?: {
  outDir?: string;
  src?: string;
}): Promise<{ buildId: string; count: number; size: number }>;
