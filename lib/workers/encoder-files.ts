/**
 * Where the browser's encoder files come from: the static export's /models/use-lite/ (the model's files,
 * placed by scripts/build-encoder-assets.mjs) and /wasm/ (TF.js's wasm binaries), on the app's own origin,
 * read cache-first through one named Cache API cache, so the ~28 MB are downloaded on first use of the
 * encoder only and work offline afterwards. The service worker does not precache them (scripts/build-sw.mjs
 * ignores both folders). The wasm binaries are handed to TF.js as blob: URLs of the cached bytes, because
 * TF.js fetches them itself (with the global fetch, which would miss this cache offline). A file the cache
 * could not keep (quota full) is reported, not fatal: the encoder still runs, but not offline.
 */
import { ENCODER_SPEC } from '../core/reward-model/encoder-spec';
import { browserEncoderSource } from '../ml/encoder/browser-source';
import type { EncoderSource, WasmBinaryName } from '../ml/encoder/source';

/** URL paths, on the app's origin, of the model's files and the wasm binaries (both end in "/"). */
export const ENCODER_MODEL_PATH = '/models/use-lite/';
export const ENCODER_WASM_PATH = '/wasm/';

/** The wasm builds of @tensorflow/tfjs-backend-wasm, as the build copies them into /wasm/. */
export const WASM_BINARIES: readonly WasmBinaryName[] = [
  'tfjs-backend-wasm.wasm',
  'tfjs-backend-wasm-simd.wasm',
  'tfjs-backend-wasm-threaded-simd.wasm',
];

/** Prefix of the Cache API caches that hold the encoder's files. */
export const ENCODER_CACHE_PREFIX = 'goodhart-encoder-';

/** The named cache of this encoder (its model digest): another model's files are never mixed in. */
export const ENCODER_CACHE = `${ENCODER_CACHE_PREFIX}${ENCODER_SPEC.modelSha256.slice(0, 16)}`;

/** True when `e` is the browser refusing to store for lack of space. */
export function isQuotaError(e: unknown): boolean {
  const err = e as { name?: string; message?: string } | null;
  return err?.name === 'QuotaExceededError' || /quota/i.test(err?.message ?? '');
}

const NO_CACHE_BASE =
  'The encoder runs, but the browser keeps no copy of its files (about 28 MB), so they are downloaded again each time the page is opened (embeddings are still kept, so texts already embedded are not redone)';

/** The note for a page without the Cache API because it is served over plain http (a LAN room). */
export const NO_CACHE_MESSAGE =
  "The encoder runs, but this page is served over plain http (not https or localhost), where the browser keeps no copy of the encoder's files (about 28 MB): they are downloaded from this server again each time the page is opened. Embeddings are still kept, so texts already embedded are not redone.";

/** The message shown when the Cache API would not keep a file. */
export function cacheProblemMessage(e: unknown): string {
  const detail = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return isQuotaError(e)
    ? `The encoder runs, but the browser would not keep its files (about 28 MB) for offline use: this site's storage quota is full (${detail}). Free space by deleting models or datasets you no longer need, then use the encoder again while online.`
    : `The encoder runs, but its files could not be kept for offline use, so they will be downloaded again next time (${detail}).`;
}

/** The encoder's files for one load: a source for loadEncoder, and what to do after it. */
export interface CachedEncoderFiles {
  source: EncoderSource;
  /** True if any file came from the cache (a damaged cached file is then worth one retry after `clear`). */
  usedCache(): boolean;
  /** Waits for every file being stored; resolves the problems (one message per failed file kind). */
  settle(): Promise<string[]>;
  /** Deletes this encoder's cache (damaged files). */
  clear(): Promise<void>;
  /** Revokes the blob: URLs (after the wasm backend has started). */
  release(): void;
}

/**
 * The Cache API where it exists (secure contexts), else null and why: the files then come from the
 * network only, every time.
 */
async function openCache(): Promise<{ cache: Cache } | { cache: null; why: string }> {
  if (typeof caches === 'undefined')
    return {
      cache: null,
      why:
        globalThis.isSecureContext === false
          ? NO_CACHE_MESSAGE
          : `${NO_CACHE_BASE}: this browser has no Cache API.`,
    };
  try {
    return { cache: await caches.open(ENCODER_CACHE) };
  } catch (e) {
    return {
      cache: null,
      why: `${NO_CACHE_BASE}: the browser would not open its cache (${e instanceof Error ? e.message : String(e)}).`,
    };
  }
}

/** Deletes the encoder caches of other models (left by an older build). */
export async function dropOtherEncoderCaches(): Promise<void> {
  if (typeof caches === 'undefined') return;
  for (const name of await caches.keys())
    if (name.startsWith(ENCODER_CACHE_PREFIX) && name !== ENCODER_CACHE) await caches.delete(name);
}

/**
 * Opens the encoder's files under `origin` (the page's or worker's `location.origin`): the wasm binaries
 * this browser can run are read first (cache-first) and turned into blob: URLs; the model's files are
 * read by the returned source, cache-first, as loadEncoder asks for them.
 */
export async function openEncoderFiles(origin: string, signal?: AbortSignal): Promise<CachedEncoderFiles> {
  const opened = await openCache();
  const cache = opened.cache;
  const storing: Promise<void>[] = [];
  const problems = new Set<string>();
  if (!opened.cache) problems.add(opened.why);
  let fromCache = false;

  const cacheFirst = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (cache) {
      const hit = await cache.match(url);
      if (hit) {
        fromCache = true;
        return hit;
      }
    }
    const res = await fetch(url, init);
    if (cache && res.ok)
      storing.push(
        cache.put(url, res.clone()).catch((e: unknown) => void problems.add(cacheProblemMessage(e))),
      );
    return res;
  };

  const wasmBase = new URL(ENCODER_WASM_PATH, origin).href;
  const blobUrls: string[] = [];
  const wasmPaths: Partial<Record<WasmBinaryName, string>> = {};
  // Without cross-origin isolation (this app is not isolated) TF.js never picks the threaded build.
  const isolated = Boolean((globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated);
  for (const name of WASM_BINARIES) {
    const url = wasmBase + name;
    if (name.includes('threaded') && !isolated) {
      wasmPaths[name] = url;
      continue;
    }
    let res: Response;
    try {
      res = await cacheFirst(url, { signal });
    } catch (e) {
      if ((e as Error).name === 'AbortError') throw e;
      throw new Error(
        `${url}: cannot fetch TF.js's WebAssembly binary (${e instanceof Error ? e.message : String(e)})`,
      );
    }
    if (!res.ok) throw new Error(`${url}: HTTP ${res.status} while fetching TF.js's WebAssembly binary`);
    const blob = new Blob([await res.arrayBuffer()], { type: 'application/wasm' });
    const blobUrl = URL.createObjectURL(blob);
    blobUrls.push(blobUrl);
    wasmPaths[name] = blobUrl;
  }

  return {
    source: {
      ...browserEncoderSource({
        modelBase: new URL(ENCODER_MODEL_PATH, origin).href,
        fetch: cacheFirst as typeof fetch,
      }),
      wasmPaths,
    },
    usedCache: () => fromCache,
    async settle() {
      await Promise.all(storing);
      return [...problems];
    },
    async clear() {
      if (typeof caches !== 'undefined') await caches.delete(ENCODER_CACHE);
    },
    release() {
      for (const u of blobUrls) URL.revokeObjectURL(u);
    },
  };
}
