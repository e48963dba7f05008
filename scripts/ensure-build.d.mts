// Types for scripts/ensure-build.mjs, so the CLI (goodhart room) can import it.
/** Builds the site when out/ is missing or stale (or only the service worker); otherwise does nothing. */
export function ensureBuild(): void;
