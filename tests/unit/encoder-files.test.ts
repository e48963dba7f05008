// The browser's encoder files (lib/workers/encoder-files.ts) in Node with a stand-in Cache API and fetch:
// first use fetches the wasm binaries this browser runs (not the threaded one, without cross-origin
// isolation) and the model's files from the app's origin and stores each in the named cache; the next
// use reads them all from the cache with no fetch; a cache that refuses to store (quota) is reported in
// words the user can act on, while the files still load; other encoders' caches are deleted.
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ENCODER_CACHE,
  cacheProblemMessage,
  dropOtherEncoderCaches,
  openEncoderFiles,
} from '../../lib/workers/encoder-files';

const ORIGIN = 'http://127.0.0.1:3000';

/** An in-memory CacheStorage; `failPut` makes every put reject with it. */
function fakeCaches(failPut?: Error) {
  const stores = new Map<string, Map<string, Response>>();
  const open = async (name: string) => {
    if (!stores.has(name)) stores.set(name, new Map());
    const store = stores.get(name)!;
    return {
      async match(url: string) {
        return store.get(url)?.clone();
      },
      async put(url: string, res: Response) {
        const body = await res.arrayBuffer();
        if (failPut) throw failPut;
        store.set(url, new Response(body, { status: res.status, headers: res.headers }));
      },
    };
  };
  return {
    stores,
    api: {
      open,
      keys: async () => [...stores.keys()],
      delete: async (name: string) => stores.delete(name),
    },
  };
}

/** A fetch that answers every URL with its own path as the body, and records the paths. */
function fakeFetch() {
  const paths: string[] = [];
  const fn = vi.fn(async (input: RequestInfo | URL) => {
    const path = new URL(String(input)).pathname;
    paths.push(path);
    return new Response(path, { status: 200 });
  });
  return { fn, paths };
}

afterEach(() => vi.unstubAllGlobals());

describe('openEncoderFiles', () => {
  it('fetches once and keeps every file in the named cache; the next use fetches nothing', async () => {
    const caches = fakeCaches();
    const net = fakeFetch();
    vi.stubGlobal('caches', caches.api);
    vi.stubGlobal('fetch', net.fn);

    const first = await openEncoderFiles(ORIGIN);
    expect(net.paths).toEqual(['/wasm/tfjs-backend-wasm.wasm', '/wasm/tfjs-backend-wasm-simd.wasm']);
    const paths = first.source.wasmPaths as Record<string, string>;
    expect(paths['tfjs-backend-wasm-simd.wasm']).toMatch(/^blob:/);
    expect(paths['tfjs-backend-wasm-threaded-simd.wasm']).toBe(
      `${ORIGIN}/wasm/tfjs-backend-wasm-threaded-simd.wasm`,
    );
    const bytes = await first.source.read('vocab.json');
    expect(new TextDecoder().decode(bytes)).toBe('/models/use-lite/vocab.json');
    expect(await first.settle()).toEqual([]);
    expect(first.usedCache()).toBe(false);
    first.release();
    expect([...caches.stores.get(ENCODER_CACHE)!.keys()].map((u) => new URL(u).pathname).sort()).toEqual([
      '/models/use-lite/vocab.json',
      '/wasm/tfjs-backend-wasm-simd.wasm',
      '/wasm/tfjs-backend-wasm.wasm',
    ]);

    net.paths.length = 0;
    const second = await openEncoderFiles(ORIGIN);
    expect(new TextDecoder().decode(await second.source.read('vocab.json'))).toBe(
      '/models/use-lite/vocab.json',
    );
    expect(net.paths).toEqual([]);
    expect(second.usedCache()).toBe(true);
    await second.clear();
    expect(caches.stores.has(ENCODER_CACHE)).toBe(false);
  });

  it('a full quota is reported with what to do, and the files still load', async () => {
    const quota = Object.assign(new Error('Quota exceeded.'), { name: 'QuotaExceededError' });
    vi.stubGlobal('caches', fakeCaches(quota).api);
    vi.stubGlobal('fetch', fakeFetch().fn);
    const files = await openEncoderFiles(ORIGIN);
    expect((await files.source.read('model.json')).byteLength).toBeGreaterThan(0);
    const problems = await files.settle();
    expect(problems).toEqual([cacheProblemMessage(quota)]);
    expect(problems[0]).toMatch(
      /would not keep its files \(about 28 MB\) for offline use: this site's storage quota is full/,
    );
    expect(problems[0]).toContain('QuotaExceededError');
  });

  it('without the Cache API (an insecure origin) reads from the network every time', async () => {
    vi.stubGlobal('caches', undefined);
    const net = fakeFetch();
    vi.stubGlobal('fetch', net.fn);
    const files = await openEncoderFiles(ORIGIN);
    await files.source.read('model.json');
    await files.source.read('model.json');
    expect(net.paths.filter((p) => p.endsWith('model.json'))).toHaveLength(2);
  });

  it('an HTTP error names the wasm binary', async () => {
    vi.stubGlobal('caches', undefined);
    vi.stubGlobal('fetch', async () => new Response('no', { status: 404 }));
    await expect(openEncoderFiles(ORIGIN)).rejects.toThrow(
      `${ORIGIN}/wasm/tfjs-backend-wasm.wasm: HTTP 404 while fetching TF.js's WebAssembly binary`,
    );
  });
});

describe('dropOtherEncoderCaches', () => {
  it('deletes older encoders’ caches only', async () => {
    const caches = fakeCaches();
    vi.stubGlobal('caches', caches.api);
    for (const name of [ENCODER_CACHE, 'goodhart-encoder-0000', 'goodhart-lab-precache-x'])
      await caches.api.open(name);
    await dropOtherEncoderCaches();
    expect([...caches.stores.keys()].sort()).toEqual([ENCODER_CACHE, 'goodhart-lab-precache-x'].sort());
  });
});
