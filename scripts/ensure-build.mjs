// Builds the static export when it is missing or stale, then the service worker (out/sw.js) over it;
// otherwise does nothing. Used by `npm start`, the e2e tests and the benches.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { STAMP, staleReason } from './build-state.mjs';
import { swStaleReason } from './build-sw.mjs';

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };

function run(args, what) {
  const res = spawnSync(process.execPath, args, { stdio: 'inherit', env });
  if (res.status !== 0) {
    console.error(`[goodhart] ${what} failed`);
    process.exit(res.status ?? 1);
  }
}

export function ensureBuild() {
  const reason = staleReason();
  if (reason) {
    console.log(`[goodhart] building the app (${reason})…`);
    run(['node_modules/next/dist/bin/next', 'build'], 'build');
    // The stamp is written only once the worker is in place too, so a failed worker build is retried.
    run(['scripts/build-sw.mjs'], 'service worker build');
    writeFileSync(STAMP, new Date().toISOString());
    return;
  }
  const swReason = swStaleReason();
  if (swReason) {
    console.log(`[goodhart] building the service worker (${swReason})…`);
    run(['scripts/build-sw.mjs'], 'service worker build');
  }
}

if (import.meta.url === `file://${process.argv[1]}`) ensureBuild();
