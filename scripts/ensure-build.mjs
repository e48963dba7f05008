// Builds the whole site (scripts/build.mjs) when out/ is missing or stale, or only the service worker when
// just its sources changed; otherwise does nothing. Used by `npm start`, the e2e tests and the benches.
import { staleReason } from './build-state.mjs';
import { buildAll, buildWorkerStep } from './build.mjs';
import { swStaleReason } from './build-sw.mjs';

export function ensureBuild() {
  const reason = staleReason();
  if (reason) {
    console.log(`[goodhart] building the app (${reason})…`);
    buildAll();
    return;
  }
  const swReason = swStaleReason();
  if (swReason) {
    console.log(`[goodhart] building the service worker (${swReason})…`);
    buildWorkerStep();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) ensureBuild();
