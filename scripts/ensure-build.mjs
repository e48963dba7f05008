// Builds the static export when it is missing or stale; otherwise does nothing. Used by `npm start` and the e2e tests.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { STAMP, staleReason } from './build-state.mjs';

export function ensureBuild() {
  const reason = staleReason();
  if (!reason) return;
  console.log(`[goodhart] building the app (${reason})…`);
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
  const res = spawnSync(process.execPath, ['node_modules/next/dist/bin/next', 'build'], {
    stdio: 'inherit',
    env,
  });
  if (res.status !== 0) {
    console.error('[goodhart] build failed');
    process.exit(res.status ?? 1);
  }
  writeFileSync(STAMP, new Date().toISOString());
}

if (import.meta.url === `file://${process.argv[1]}`) ensureBuild();
