// Whether the compiled CLI (dist/cli, written by scripts/build-cli.mjs) is there and newer than every
// source file it was built from: the build lists its inputs and its start time in dist/cli/inputs.json.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The compiled CLI's folder under the project root, and its manifest. */
export const DIST = join('dist', 'cli');
export const MANIFEST = 'inputs.json';

/**
 * True when `root`/dist/cli/inputs.json exists, every entry it lists exists (`entries`: main.mjs and
 * encoder-worker.mjs; an older manifest's `entry`), and no input it lists was modified after the build
 * started (a missing input counts as changed). Costs one stat per input, about a millisecond.
 */
export function compiledIsFresh(root, dist = DIST) {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(join(root, dist, MANIFEST), 'utf8'));
  } catch {
    return false;
  }
  if (!Array.isArray(manifest.inputs) || typeof manifest.builtAt !== 'number') return false;
  try {
    for (const entry of Array.isArray(manifest.entries) ? manifest.entries : [manifest.entry])
      statSync(join(root, dist, entry));
    for (const input of manifest.inputs)
      if (statSync(join(root, input)).mtimeMs > manifest.builtAt) return false;
  } catch {
    return false;
  }
  return true;
}
