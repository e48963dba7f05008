// Decides whether the static export in out/ is missing or older than the sources it is built from.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SOURCES = [
  'app',
  'components',
  'lib',
  'public',
  'scripts',
  'sw',
  'next.config.js',
  'package.json',
  'postcss.config.mjs',
  'tsconfig.json',
];
export const STAMP = join('out', '.goodhart-build-stamp');

/** The newest modification time (ms) of `path` or anything below it; 0 when it does not exist. */
export function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** @returns {string | null} why a build is needed, or null when out/ is up to date */
export function staleReason(root = '.') {
  const stamp = join(root, STAMP);
  if (!existsSync(stamp)) return 'no build in out/ yet';
  const built = statSync(stamp).mtimeMs;
  for (const src of SOURCES) {
    if (newestMtime(join(root, src)) > built) return `${src} changed since the last build`;
  }
  return null;
}
