/**
 * The CLI's pool of sentence-encoder workers (Node worker_threads running cli/encoder-worker.ts): TF.js's
 * wasm backend runs one thread per process or worker, so a second worker is what uses a second core. The
 * same plan as the browser's pool (lib/workers/encoder-pool.ts, whose sizes and shard split it reuses):
 * min(os.availableParallelism(), ENCODER_POOL_CAP) workers, fewer so each embeds at least MIN_SHARD texts
 * (one, run in this process, under 2 × MIN_SHARD), GOODHART_ENCODER_WORKERS=N to choose N. Each worker
 * loads the encoder once; the texts go out as contiguous shards and their rows come back in order, with
 * progress summed. A worker that fails to load, throws, posts an error or exits rejects the call with its
 * cause and the pool is terminated; so is it on the signal and when the caller disposes it.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { ENCODER_SPEC } from '../lib/core/reward-model/encoder-spec';
import type { EmbedOptions, EncoderInfo } from '../lib/ml/encoder/encoder';
import {
  contiguousShards,
  ENCODER_POOL_CAP,
  encoderPoolSize,
  poolWorkersFor,
} from '../lib/workers/encoder-pool';

/** What a pool worker is started with. */
export interface PoolWorkerData {
  /** Read the encoder from this folder instead of node_modules (tests of damaged files). */
  modelDir?: string;
  /** For cli/encoder-worker-tsx.mjs: the TypeScript entry to import once tsx is registered. */
  entry?: string;
}
/** A request to a pool worker. */
export interface PoolRequest {
  type: 'embed';
  texts: string[];
  batchSize?: number;
}
/** What a pool worker posts back. */
export type PoolResponse =
  | { type: 'ready'; info: EncoderInfo }
  | { type: 'progress'; done: number; total: number }
  | { type: 'result'; rows: Float32Array }
  | { type: 'error'; message: string };

/** The environment variable choosing the number of encoder workers. */
export const WORKERS_ENV = 'GOODHART_ENCODER_WORKERS';

/**
 * Workers to embed `texts` texts on: the pool size (`GOODHART_ENCODER_WORKERS` if set, else by the cores),
 * at most one per MIN_SHARD texts, at least 1. Throws on a bad GOODHART_ENCODER_WORKERS.
 */
export function encoderWorkerCount(
  texts: number,
  env: Record<string, string | undefined> = process.env,
  cores: number = availableParallelism(),
): number {
  const forced = env[WORKERS_ENV]?.trim();
  let size = encoderPoolSize(cores);
  if (forced) {
    size = Number(forced);
    if (!/^\d+$/.test(forced) || size < 1 || size > ENCODER_POOL_CAP)
      throw new Error(
        `${WORKERS_ENV}: expected a whole number from 1 to ${ENCODER_POOL_CAP}, got "${forced}"`,
      );
  }
  return poolWorkersFor(size, texts);
}

/** Options of {@link startEncoderPool}. */
export interface EncoderPoolOptions {
  modelDir?: string;
  /** Rejects with an AbortError and terminates the workers. */
  signal?: AbortSignal;
  /** The worker script (tests: one that fails); default cli/encoder-worker next to this module. */
  entry?: URL;
}

/** A started pool: the workers' encoder info, `embed` like the encoder's, `dispose` to terminate them. */
export interface EncoderPool {
  info: EncoderInfo;
  workers: number;
  embed(texts: readonly string[], opts?: EmbedOptions): Promise<Float32Array>;
  dispose(): void;
}

/** The worker script and its data: the compiled .mjs beside a compiled CLI, else the .ts through tsx. */
function workerScript(opts: EncoderPoolOptions): { url: URL; data: PoolWorkerData } {
  const data: PoolWorkerData = opts.modelDir ? { modelDir: opts.modelDir } : {};
  if (opts.entry) return { url: opts.entry, data };
  if (!import.meta.url.endsWith('.ts'))
    return { url: new URL('./encoder-worker.mjs', import.meta.url), data };
  return {
    url: new URL('./encoder-worker-tsx.mjs', import.meta.url),
    data: { ...data, entry: new URL('./encoder-worker.ts', import.meta.url).href },
  };
}

const abortError = () => Object.assign(new Error('Embedding cancelled'), { name: 'AbortError' });

/** One worker with at most one request in flight; a failure rejects it and every later one. */
class PoolWorker {
  private readonly worker: Worker;
  private failure: Error | undefined;
  private pending:
    { resolve(m: PoolResponse): void; reject(e: Error): void; progress?(m: PoolResponse): void } | undefined;
  private stopped = false;
  readonly ready: Promise<EncoderInfo>;

  constructor(
    private readonly name: string,
    script: { url: URL; data: PoolWorkerData },
  ) {
    this.worker = new Worker(script.url, { workerData: script.data, execArgv: [] });
    this.worker.on('message', (m: PoolResponse) => {
      if (m.type === 'progress') return this.pending?.progress?.(m);
      const p = this.pending;
      this.pending = undefined;
      if (m.type === 'error') this.fail(new Error(`${this.name}: ${m.message}`), p);
      else p?.resolve(m);
    });
    this.worker.on('error', (e) => this.fail(new Error(`${this.name} failed: ${e.message}`)));
    this.worker.on('messageerror', (e) =>
      this.fail(new Error(`${this.name}: unreadable message (${e.message})`)),
    );
    this.worker.on('exit', (code) => {
      if (!this.stopped) this.fail(new Error(`${this.name} exited (code ${code}) before it finished`));
    });
    this.ready = this.request(undefined).then((m) => (m as { info: EncoderInfo }).info);
  }

  private fail(e: Error, p = this.pending) {
    this.failure ??= e;
    this.pending = undefined;
    p?.reject(this.failure);
    if (this.stopped) return;
    this.stopped = true;
    void this.worker.terminate();
  }

  /** Posts `req` (none: waits for `ready`) and resolves with the worker's answer. */
  private request(req: PoolRequest | undefined, progress?: (m: PoolResponse) => void): Promise<PoolResponse> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject, progress };
      if (req) this.worker.postMessage(req);
    });
  }

  async embed(texts: string[], batchSize: number | undefined, onDone: (done: number) => void) {
    const m = await this.request({ type: 'embed', texts, batchSize }, (p) => {
      if (p.type === 'progress') onDone(p.done);
    });
    if (m.type !== 'result' || m.rows.length !== texts.length * ENCODER_SPEC.dim)
      throw new Error(`${this.name} returned no rows or the wrong number for ${texts.length} texts`);
    return m.rows;
  }

  /** Ends the worker; a request in flight (and any later one) rejects with `why`. */
  terminate(why = new Error(`${this.name} was stopped`)) {
    this.fail(why);
  }
}

/** Starts `workers` encoder workers and waits until each has loaded the encoder. */
export async function startEncoderPool(workers: number, opts: EncoderPoolOptions = {}): Promise<EncoderPool> {
  if (opts.signal?.aborted) throw abortError();
  const script = workerScript(opts);
  const pool = Array.from(
    { length: workers },
    (_, j) => new PoolWorker(`encoder worker ${j + 1} of ${workers}`, script),
  );
  const stopAll = (why?: Error) => pool.forEach((w) => w.terminate(why));
  const onAbort = () => stopAll(abortError());
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  let infos: EncoderInfo[];
  try {
    infos = await Promise.all(pool.map((w) => w.ready));
  } catch (e) {
    stopAll();
    throw e;
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
  }
  return {
    info: infos[0],
    workers,
    async embed(texts, embedOpts = {}) {
      const { signal, onProgress } = embedOpts;
      if (signal?.aborted) throw abortError();
      const shards = contiguousShards(texts.length, Math.min(workers, Math.max(1, texts.length)));
      const done = shards.map(() => 0);
      const abort = () => stopAll(abortError());
      signal?.addEventListener('abort', abort, { once: true });
      try {
        const parts = await Promise.all(
          shards.map(([s, e], j) =>
            pool[j].embed(texts.slice(s, e), embedOpts.batchSize, (n) => {
              done[j] = n;
              onProgress?.(
                done.reduce((a, b) => a + b, 0),
                texts.length,
              );
            }),
          ),
        );
        const out = new Float32Array(texts.length * ENCODER_SPEC.dim);
        parts.forEach((rows, j) => out.set(rows, shards[j][0] * ENCODER_SPEC.dim));
        return out;
      } catch (e) {
        stopAll();
        throw e;
      } finally {
        signal?.removeEventListener('abort', abort);
      }
    },
    dispose: () => stopAll(),
  };
}
