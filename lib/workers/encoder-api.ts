/**
 * The sentence encoder in the browser, for pages: {@link embedInBrowser} gives one 512-d embedding per text,
 * read from this browser's IndexedDB cache or computed by a small pool of encoder workers
 * (lib/workers/encoder.worker.ts, its API {@link EncoderWorkerApi} through comlink; min(hardwareConcurrency,
 * 4) workers, sharding in encoder-pool.ts). Workers are created on first use and kept for the page's life,
 * so the model (downloaded once by the first worker, kept in the Cache API, read from there by the others)
 * loads once per worker per page. A worker that fails to load or crashes rejects every call in flight with
 * a clear error (a comlink call alone would never settle) and is replaced on the next call, as is a worker
 * whose call failed. Main thread only (it spawns the workers).
 */
import * as Comlink from 'comlink';
import { ENCODER_SPEC } from '../core/reward-model/encoder-spec';
import type { EncoderInfo } from '../ml/encoder/encoder';
import { embedPooled, encoderPoolSize, poolWorkersFor, type EncoderHandle } from './encoder-pool';

export type { EncoderInfo };

/** What the worker reports while a request runs (progress only; the rest comes with the result). */
export type EncoderEvent = { type: 'progress'; phase: 'download' | 'embed'; done: number; total: number };

/** What one request of the worker resolves with. */
export interface EncoderResult {
  /** texts.length × 512, row i for texts[i]. */
  embeddings: Float32Array;
  /** Distinct texts read from the cache, and computed now. */
  hits: number;
  computed: number;
  /** The loaded encoder's runtime, or null when every text came from the cache (nothing loaded). */
  info: EncoderInfo | null;
  /** Things the user should know that did not stop the request (cache full, damaged entry). */
  problems: string[];
}

/** The encoder worker's API. Requests run one at a time, in order. */
export interface EncoderWorkerApi {
  /** Embeds `texts`; `onEvent` wrapped in Comlink.proxy. Rejects with an AbortError after `cancel(id)`. */
  embed(id: number, texts: string[], onEvent?: (e: EncoderEvent) => void): Promise<EncoderResult>;
  /** Loads the encoder now (downloading its files into the Cache API if needed): its runtime, problems. */
  prepare(
    id: number,
    onEvent?: (e: EncoderEvent) => void,
  ): Promise<{ info: EncoderInfo; problems: string[] }>;
  /** Indices of `texts` with no entry in the embedding cache (nothing is loaded or computed). */
  misses(texts: string[]): Promise<number[]>;
  /** Aborts request `id` (no-op when it is not running). */
  cancel(id: number): Promise<void>;
  /** The loaded encoder's runtime (backend, SIMD, threads), or null before it has loaded. */
  info(): Promise<EncoderInfo | null>;
}

/** Progress of {@link embedInBrowser}: bytes of the model's files, then texts embedded of those missing. */
export interface EmbedProgress {
  phase: 'download' | 'embed';
  done: number;
  total: number;
}

/** Options of {@link embedInBrowser}. */
export interface EmbedInBrowserOptions {
  onProgress?: (p: EmbedProgress) => void;
  /** Rejects the call with an Error named AbortError; the worker stops between batches. */
  signal?: AbortSignal;
  /** A problem that did not stop the call (storage full, so nothing kept for next time). */
  onProblem?: (message: string) => void;
  /** Called once the call finishes: distinct texts served by the cache and computed now. */
  onDone?: (r: { hits: number; computed: number; info: EncoderInfo | null }) => void;
}

interface Live {
  worker: Worker;
  api: Comlink.Remote<EncoderWorkerApi>;
  /** Rejects when the worker fails (load error, crash) or is stopped: raced against every call. */
  failed: Promise<never>;
  /** Terminates the worker, rejecting every call in flight with `message`. */
  stop(message: string): void;
}

/** The pool's workers by slot (null: not started, or stopped). */
const pool: (Live | null)[] = [];
let nextId = 1;
let lastInfo: EncoderInfo | null = null;

function abortError(): Error {
  const e = new Error('Embedding cancelled');
  e.name = 'AbortError';
  return e;
}

/** The pool's size in this browser (see encoder-pool.ts). */
function poolSize(): number {
  return encoderPoolSize(typeof navigator === 'undefined' ? 1 : navigator.hardwareConcurrency);
}

/** Encoder workers this browser's pool runs to embed `texts` new texts (for time estimates). */
export function encoderWorkersFor(texts: number): number {
  return poolWorkersFor(poolSize(), texts);
}

/** Encoder worker `slot` of the pool, created on first use. */
function worker(slot: number): Live {
  const live = pool[slot];
  if (live) return live;
  const w = new Worker(new URL('./encoder.worker.ts', import.meta.url));
  let fail: (e: Error) => void = () => undefined;
  const failed = new Promise<never>((_, reject) => (fail = reject));
  failed.catch(() => undefined);
  const current: Live = {
    worker: w,
    api: Comlink.wrap<EncoderWorkerApi>(w),
    failed,
    stop(message) {
      fail(new Error(message));
      w.terminate();
      if (pool[slot] === current) pool[slot] = null;
    },
  };
  const die = (why: string) =>
    current.stop(`The sentence encoder's worker ${why}; try again, or reload the page.`);
  w.addEventListener('error', (ev: Event) => {
    ev.preventDefault();
    const message = (ev as ErrorEvent).message;
    die(
      message
        ? `stopped with an error (${message})`
        : 'failed to load (its script could not be fetched or run)',
    );
  });
  w.addEventListener('messageerror', () => die('sent a message that could not be read'));
  pool[slot] = current;
  return current;
}

/**
 * Worker `slot` as the pool uses it: every call raced against the worker's failure, callbacks sent as
 * comlink proxies, and a worker whose call failed (not cancelled) stopped, so the next call gets a fresh
 * one: a load or encoder failure can leave TF.js's wasm backend unusable in that worker (it starts once).
 */
function handle(slot: number): EncoderHandle {
  const current = worker(slot);
  const guard = async <T>(call: Promise<T>): Promise<T> => {
    try {
      return await Promise.race([call, current.failed]);
    } catch (e) {
      if ((e as Error).name !== 'AbortError' && pool[slot] === current)
        current.stop(`The sentence encoder's worker was restarted after an error: ${(e as Error).message}`);
      throw e;
    }
  };
  const proxied = (onEvent?: (e: EncoderEvent) => void) => (onEvent ? Comlink.proxy(onEvent) : undefined);
  return {
    embed: (id, texts, onEvent) => guard(current.api.embed(id, texts, proxied(onEvent))),
    prepare: (id, onEvent) => guard(current.api.prepare(id, proxied(onEvent))),
    misses: (texts) => guard(current.api.misses(texts)),
    cancel: (id) => current.api.cancel(id),
  };
}

/** Whether this browser can run the encoder at all, and if not why (for a disabled option's hint). */
export function encoderAvailable(): { ok: true } | { ok: false; reason: string } {
  if (typeof Worker === 'undefined') return { ok: false, reason: 'this browser has no Web Workers' };
  if (typeof WebAssembly !== 'object')
    return { ok: false, reason: 'this browser has no WebAssembly, which the sentence encoder needs' };
  // Plain http on a LAN (the workshop room) works too: SHA-256 falls back to plain JS (embedding-cache.ts).
  return { ok: true };
}

/** The runtime of the encoder as last loaded by this page (backend, SIMD, threads), or null. */
export function encoderInfo(): EncoderInfo | null {
  return lastInfo;
}

/** Stops the encoder workers (frees the model's memory); the next call starts fresh ones. */
export function disposeEncoder(): void {
  for (const live of [...pool])
    live?.stop('The sentence encoder was stopped (disposeEncoder) before this call finished.');
}

/**
 * One embedding (512 floats, norm 1) per text, row i for texts[i]: from the IndexedDB cache where present,
 * else computed in the encoder worker (which downloads the model on first use, `phase: 'download'` in
 * bytes of ENCODER_BYTES, then embeds the missing texts, `phase: 'embed'`). The arrays are views of one
 * buffer. Rejects with an AbortError on `signal`, and with a clear error if the worker or wasm fails.
 */
export async function embedInBrowser(
  texts: string[],
  opts: EmbedInBrowserOptions = {},
): Promise<Float32Array[]> {
  const { signal } = opts;
  if (signal?.aborted) throw abortError();
  const available = encoderAvailable();
  if (!available.ok) throw new Error(`The sentence encoder cannot run here: ${available.reason}`);
  const id = nextId++;
  const onEvent = (e: EncoderEvent) => opts.onProgress?.({ phase: e.phase, done: e.done, total: e.total });
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => {
      // Cancel reaches every worker of the pool (a no-op in those not running this call).
      for (const live of pool) void live?.api.cancel(id).catch(() => undefined);
      reject(abortError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  aborted.catch(() => undefined);
  try {
    const pooled = embedPooled(id, texts, { size: poolSize(), handle, onEvent, signal });
    pooled.catch(() => undefined); // after a cancel it may still reject: already answered by `aborted`
    const result = await Promise.race([pooled, aborted]);
    const rows = result.embeddings;
    const dim = ENCODER_SPEC.dim;
    if (rows.length !== texts.length * dim)
      throw new Error(`The encoder worker returned ${rows.length} numbers for ${texts.length} texts`);
    if (result.info) lastInfo = result.info;
    for (const p of result.problems) opts.onProblem?.(p);
    opts.onDone?.({ hits: result.hits, computed: result.computed, info: result.info });
    return texts.map((_, i) => rows.subarray(i * dim, (i + 1) * dim));
  } finally {
    if (onAbort) signal?.removeEventListener('abort', onAbort);
  }
}
