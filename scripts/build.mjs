// `npm run build`: the whole site in out/, exactly what `npm start` and the tests serve: the Next static
// export, then the encoder's files (scripts/build-encoder-assets.mjs), then the service worker (out/sw.js) over it, then the build stamp that marks out/ as current.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { STAMP } from './build-state.mjs';

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };

/** Runs one build step with this Node; exits the process with the step's status when it fails. */
export function runStep(args, what) {
  const res = spawnSync(process.execPath, args, { stdio: 'inherit', env });
  if (res.status !== 0) {
    console.error(`[goodhart] ${what} failed`);
    process.exit(res.status ?? 1);
  }
}

/** Builds the service worker over an existing export. */
export function buildWorkerStep() {
  runStep(['scripts/build-sw.mjs'], 'service worker build');
}

/** Builds everything into out/. The stamp is written last, so a failed worker build is retried. */
export function buildAll() {
  // The demo pack's sentence-encoder embeddings in public/demo/ (a no-op when up to date), before the export copies public/.
  runStep(['scripts/build-demo-embeddings.mjs'], 'demo embeddings');
  runStep(['node_modules/next/dist/bin/next', 'build'], 'build');
  // The encoder's model and wasm files (out/models/use-lite/, out/wasm/), checked against ENCODER_SPEC.
  runStep(['scripts/build-encoder-assets.mjs'], 'encoder files');
  buildWorkerStep();
  writeFileSync(STAMP, new Date().toISOString());
}

if (import.meta.url === `file://${process.argv[1]}`) buildAll();
