// Compiles the `goodhart` CLI (cli/main.ts and the lib/ code it imports) to JavaScript in dist/cli, so a
// start runs plain JS instead of compiling TypeScript through tsx. One ESM bundle split at the CLI's dynamic
// imports (each command, TF.js's trainer) so a command loads only what it uses; see BUNDLED for the
// packages inside it.
// Every chunk sits directly in dist/cli, two folders below the root, as cli/commands/*.ts do, so their
// `new URL('../../…', import.meta.url)` paths still name the project root; the encoder pool's worker entry
// is a second entry point, dist/cli/encoder-worker.mjs. Writes dist/cli/inputs.json (the entries, the
// sources and the build's start time) for bin/fresh.mjs. Run by `npm install` (prepare) and
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

/**
 * Packages bundled into the CLI: zod, pure ESM and ~100 module files to resolve at every start. Every
 * other package stays external, resolved from node_modules at run time: TF.js (large, read only by the
 * commands that import it), CommonJS packages (their `require` calls need Node's own loader), the room's
 * Yjs stack (one Yjs instance with y-websocket's).
 */
const BUNDLED = ['zod'];

/** An esbuild plugin marking every bare import external except `names` (and their subpaths). */
function bundleOnly(names) {
  return {
    name: 'bundle-only',
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, (args) =>
        names.some((n) => args.path === n || args.path.startsWith(`${n}/`))
          ? undefined
          : { path: args.path, external: true },
      );
    },
  };
}

const builtAt = Date.now();
rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });
const result = await esbuild.build({
  absWorkingDir: root,
  // The encoder pool's worker threads (cli/encoder-pool.ts) start dist/cli/encoder-worker.mjs.
  entryPoints: { main: 'cli/main.ts', 'encoder-worker': 'cli/encoder-worker.ts' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // The site's build scripts (room.ts builds the app when out/ is stale) run as they are, from scripts/.
  external: ['../../scripts/*'],
  plugins: [bundleOnly(BUNDLED)],
  outExtension: { '.js': '.mjs' },
  chunkNames: '[name]-[hash]',
  metafile: true,
  logLevel: 'warning',
});
const inputs = Object.keys(result.metafile.inputs).map((p) => relative(root, join(root, p)));
const entries = ['main.mjs', 'encoder-worker.mjs'];
writeFileSync(
  join(outdir, 'inputs.json'),
  JSON.stringify({ builtAt, entry: 'main.mjs', entries, inputs }, null, 1),
);
console.log(
  `build-cli: dist/cli/main.mjs and encoder-worker.mjs from ${inputs.length} sources in ${Date.now() - builtAt} ms`,
);
