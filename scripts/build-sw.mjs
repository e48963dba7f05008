// Builds the service worker into out/sw.js after `next build`: bundles sw/sw.ts with esbuild (the build
// id baked in), then lets @serwist/build's injectManifest glob every file of the static export and write
// the precache manifest into it. Run by scripts/build.mjs (`npm run build`); by hand: `node scripts/build-sw.mjs`.
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newestMtime } from './build-state.mjs';

/** File types precached from out/: pages, RSC payloads (.txt), chunks, styles, data, icons, manifest. */
export const GLOB_PATTERNS = ['**/*.{html,js,css,json,wasm,svg,png,ico,webmanifest,txt}'];

/**
 * Never precached: the worker itself, source maps, the build stamp, and the sentence encoder's files
 * (about 28 MB, scripts/build-encoder-assets.mjs): those are downloaded on first use of the encoder only
 * and kept in their own Cache API cache (lib/workers/encoder-files.ts), not on first visit to every page.
 */
export const GLOB_IGNORES = ['sw.js', '**/*.map', '.goodhart-build-stamp', 'models/**', 'wasm/**'];

/** URL prefixes that must never be in the precache manifest (the encoder's files). */
export const NOT_PRECACHED = ['/models/', '/wasm/'];

/** Larger than the biggest chunk (TF.js is about 1 MB minified); the default of 2 MiB is too close. */
export const MAX_FILE_BYTES = 32 * 1024 * 1024;

/** Files the app cannot work offline without; the build fails if the manifest lacks one. */
export const REQUIRED = ['/index.html', '/label.html', '/train.html', '/demo/goodhart-demo.json'];

/** Sources of out/sw.js besides the export itself: a change to any of them means rebuild the worker. */
export const SW_SOURCES = ['sw', 'scripts/build-sw.mjs'];

/**
 * The Next build id of the export in `outDir`: the one folder of `_next/static` holding `_buildManifest.js`.
 * @param {string} outDir
 * @returns {string}
 */
export function findBuildId(outDir = 'out') {
  const staticDir = join(outDir, '_next', 'static');
  if (!existsSync(staticDir)) throw new Error(`${staticDir} does not exist: run \`next build\` first`);
  const ids = readdirSync(staticDir).filter((d) => existsSync(join(staticDir, d, '_buildManifest.js')));
  if (ids.length !== 1)
    throw new Error(
      `expected one build id in ${staticDir}, found ${ids.length}: ${ids.join(', ') || 'none'}`,
    );
  return ids[0];
}

/**
 * Why out/sw.js must be rebuilt even though the export is fresh, or null when it is up to date.
 * @param {string} outDir
 * @returns {string | null}
 */
export function swStaleReason(outDir = 'out') {
  const sw = join(outDir, 'sw.js');
  if (!existsSync(sw)) return 'no service worker in out/ yet';
  const built = statSync(sw).mtimeMs;
  for (const src of SW_SOURCES) if (newestMtime(src) > built) return `${src} changed since the last build`;
  return null;
}

/**
 * Bundles sw/sw.ts and injects the precache manifest of `outDir` into `outDir/sw.js`.
 * @param {{ outDir?: string, src?: string }} [options]
 * @returns {Promise<{ buildId: string, count: number, size: number }>} files precached and their bytes
 */
export async function buildServiceWorker({ outDir = 'out', src = 'sw/sw.ts' } = {}) {
  const [{ build }, { injectManifest }] = await Promise.all([import('esbuild'), import('@serwist/build')]);
  const buildId = findBuildId(outDir);
  const tmp = mkdtempSync(join(tmpdir(), 'goodhart-sw-'));
  try {
    const swSrc = join(tmp, 'sw.js');
    await build({
      entryPoints: [src],
      outfile: swSrc,
      bundle: true,
      format: 'iife',
      platform: 'browser',
      target: 'es2022',
      minify: true,
      legalComments: 'none',
      logLevel: 'warning',
      define: {
        __GOODHART_BUILD_ID__: JSON.stringify(buildId),
        'process.env.NODE_ENV': '"production"',
      },
    });
    /** @type {string[]} */
    let urls = [];
    const { count, size, warnings } = await injectManifest({
      swSrc,
      swDest: join(outDir, 'sw.js'),
      globDirectory: outDir,
      globPatterns: GLOB_PATTERNS,
      globIgnores: GLOB_IGNORES,
      maximumFileSizeToCacheInBytes: MAX_FILE_BYTES,
      // Chunks under _next/static carry a content hash in their name: no revision needed.
      dontCacheBustURLsMatching: /^\/?_next\/static\//,
      modifyURLPrefix: { '': '/' },
      // Runs after the prefix and cache-bust rules: records the final URLs for the checks below.
      manifestTransforms: [
        (manifest) => {
          urls = manifest.map((e) => e.url);
          return { manifest, warnings: [] };
        },
      ],
    });
    // A skipped file (too large, unreadable) would break the app offline without a word: fail instead.
    if (warnings.length > 0) throw new Error(warnings.join('\n'));
    const encoderFiles = urls.filter((u) => NOT_PRECACHED.some((p) => u.startsWith(p)));
    if (encoderFiles.length > 0)
      throw new Error(
        `the precache manifest holds the encoder's files (${encoderFiles.join(', ')}): they are downloaded on first use only`,
      );
    const missing = REQUIRED.filter((u) => !urls.includes(u));
    if (missing.length > 0) throw new Error(`the precache manifest lacks ${missing.join(', ')}`);
    if (!urls.some((u) => /\/_next\/static\/chunks\/turbopack-worker-[^/]+\.js$/.test(u)))
      throw new Error('the precache manifest lacks the Turbopack worker bootstrap chunk');
    return { buildId, count, size };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const { buildId, count, size } = await buildServiceWorker();
    console.log(
      `[goodhart] service worker: ${count} files (${(size / 1024 / 1024).toFixed(1)} MB) precached for build ${buildId}`,
    );
  } catch (err) {
    console.error(`[goodhart] service worker build failed: ${err instanceof Error ? err.message : err}`);
    process.exit(1);
  }
}
