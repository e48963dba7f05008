#!/usr/bin/env node
// The `goodhart` CLI entry. Runs the compiled JavaScript in dist/cli (scripts/build-cli.mjs, run by
// `npm install`'s prepare step and `npm run build:cli`) when it is newer than every source it was built
// from; otherwise (a fresh edit, no build yet) the TypeScript sources in cli/ through tsx, which gives the
// same result more slowly. GOODHART_DEBUG_ENTRY=1 prints which one ran to stderr.
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DIST, compiledIsFresh } from './fresh.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const debug = process.env.GOODHART_DEBUG_ENTRY === '1';
let main;
if (compiledIsFresh(root)) {
  if (debug) process.stderr.write(`goodhart: running ${join(DIST, 'main.mjs')}\n`);
  ({ main } = await import(pathToFileURL(join(root, DIST, 'main.mjs')).href));
} else {
  if (debug)
    process.stderr.write('goodhart: running cli/main.ts through tsx (compiled CLI missing or stale)\n');
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import(pathToFileURL(join(root, 'cli', 'main.ts')).href));
}
process.exitCode = await main(process.argv.slice(2));
