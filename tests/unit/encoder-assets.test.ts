// The encoder's files in the static export (scripts/build-encoder-assets.mjs): the model's files land in
// models/use-lite/ with the sizes and SHA-256 of ENCODER_SPEC (hashed here by node:crypto), the three wasm
// binaries in wasm/ byte for byte as the installed @tensorflow/tfjs-backend-wasm ships them; and the
// service worker's precache (scripts/build-sw.mjs) leaves both folders out.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ENCODER_BYTES, ENCODER_SPEC } from '../../lib/core/reward-model/encoder-spec';
import { ENCODER_MODEL_PATH, ENCODER_WASM_PATH, WASM_BINARIES } from '../../lib/workers/encoder-files';
import { buildEncoderAssets, MODEL_DIR, WASM_DIR } from '../../scripts/build-encoder-assets.mjs';
import { buildServiceWorker } from '../../scripts/build-sw.mjs';
import { serve } from '../../scripts/serve.mjs';
import type { AddressInfo } from 'node:net';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'goodhart-encoder-assets-'));
  dirs.push(d);
  return d;
};
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const wasmDist = join(
  dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/package.json')),
  'dist',
);

describe('buildEncoderAssets', () => {
  it('places the checked model files and the wasm binaries where the worker fetches them', async () => {
    const out = tmp();
    const { files, bytes } = await buildEncoderAssets({ outDir: out });
    expect(`/${MODEL_DIR}/`).toBe(ENCODER_MODEL_PATH);
    expect(`/${WASM_DIR}/`).toBe(ENCODER_WASM_PATH);
    expect(files).toBe(ENCODER_SPEC.files.length + 3);
    let modelBytes = 0;
    for (const f of ENCODER_SPEC.files) {
      const data = readFileSync(join(out, MODEL_DIR, f.name));
      expect(data.byteLength).toBe(f.bytes);
      expect(sha256(data)).toBe(f.sha256);
      modelBytes += data.byteLength;
    }
    expect(modelBytes).toBe(ENCODER_BYTES);
    let wasmBytes = 0;
    for (const name of WASM_BINARIES) {
      const copied = readFileSync(join(out, WASM_DIR, name));
      expect(sha256(copied)).toBe(sha256(readFileSync(join(wasmDist, name))));
      expect([...copied.subarray(0, 4)]).toEqual([0x00, 0x61, 0x73, 0x6d]); // "\0asm"
      wasmBytes += copied.byteLength;
    }
    expect(bytes).toBe(modelBytes + wasmBytes);
  });
});

describe('scripts/serve.mjs serves the encoder files', () => {
  it('wasm as application/wasm, shards as octet-stream, both revalidated (no-cache), pages as HTML', async () => {
    const out = tmp();
    await buildEncoderAssets({ outDir: out });
    writeFileSync(join(out, 'index.html'), '<p>home</p>');
    const server = serve({ port: 0, host: '127.0.0.1', dir: out });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const head = async (path: string) => {
        const res = await fetch(base + path, { method: 'HEAD' });
        return [res.status, res.headers.get('content-type'), res.headers.get('cache-control')];
      };
      expect(await head('/wasm/tfjs-backend-wasm-simd.wasm')).toEqual([200, 'application/wasm', 'no-cache']);
      expect(await head('/models/use-lite/group1-shard1of7')).toEqual([
        200,
        'application/octet-stream',
        'no-cache',
      ]);
      expect(await head('/models/use-lite/model.json')).toEqual([200, 'application/json', 'no-cache']);
      expect(await head('/')).toEqual([200, 'text/html;charset=utf-8', 'no-cache']);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('the precache leaves the encoder out', () => {
  it('precaches the pages and chunks but nothing under models/ or wasm/', async () => {
    const out = tmp();
    const files: Record<string, string> = {
      'index.html': 'home',
      'label.html': 'label',
      'train.html': 'train',
      'demo/goodhart-demo.json': '{}',
      '_next/static/B1/_buildManifest.js': '',
      '_next/static/chunks/turbopack-worker-x.js': '',
      'models/use-lite/model.json': '{}',
      'models/use-lite/vocab.json': '[]',
      'wasm/tfjs-backend-wasm-simd.wasm': 'wasm',
    };
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(out, path)), { recursive: true });
      writeFileSync(join(out, path), text);
    }
    const { count } = await buildServiceWorker({ outDir: out });
    const sw = readFileSync(join(out, 'sw.js'), 'utf8');
    expect(count).toBe(6);
    expect(sw).toContain('/train.html');
    expect(sw).not.toMatch(/\/models\/|\/wasm\/|\.wasm"/);
  });
});
