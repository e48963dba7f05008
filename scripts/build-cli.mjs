// Compiles the `goodhart` CLI (cli/main.ts and the lib/ code it imports) to JavaScript in dist/cli, so a
// start runs plain JS instead of compiling TypeScript through tsx. One ESM bundle split at the CLI's dynamic
// imports (each command, TF.js's trainer) so a command loads only what it uses; see `external` for the
// packages resolved from node_modules at run time.
// Every chunk sits directly in dist/cli, two folders below the root, as cli/commands/*.ts do, so their
// `new URL('../../…', import.meta.url)` paths still name the project root. Writes dist/cli/inputs.json
// (the sources and the build's start time) for bin/fresh.mjs. Run by `npm install` (prepare) and
// `npm run build:cli`; without esbuild (a production install) it says so and leaves the tsx fallback.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist', 'cli');

let esbuild;
try {
  esbuild = await import('esbuild');
} catch {
  console.warn('build-cli: esbuild is not installed; `goodhart` will run its TypeScript sources through tsx');
  process.exit(0);
}

const builtAt = Date.now();
rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });
const result = await esbuild.build({
  absWorkingDir: root,
  entryPoints: { main: 'cli/main.ts' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Bundled: the small pure packages (zod alone is ~100 module files to resolve at each start). External:
  // TF.js (large, loaded only by commands that train or score with it), the room's Yjs/WebSocket stack
  // (one Yjs instance with y-websocket's), the site's build scripts (run as they are, from scripts/).
  external: ['@tensorflow/*', 'yjs', 'y-*', 'lib0', 'lib0/*', 'ws', '../../scripts/*'],
  outExtension: { '.js': '.mjs' },
  chunkNames: '[name]-[hash]',
  metafile: true,
  logLevel: 'warning',
});
const inputs = Object.keys(result.metafile.inputs).map((p) => relative(root, join(root, p)));
writeFileSync(join(outdir, 'inputs.json'), JSON.stringify({ builtAt, entry: 'main.mjs', inputs }, null, 1));
console.log(`build-cli: dist/cli/main.mjs from ${inputs.length} sources in ${Date.now() - builtAt} ms`);
