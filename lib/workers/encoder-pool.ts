/**
 * How {@link embedInBrowser} (encoder-api.ts) spreads one call over a small pool of encoder workers, as
 * plain logic over handles so it runs and is tested in Node. TF.js's wasm backend runs one thread per
 * worker here (threads need cross-origin isolation, which the app does not have), so a second worker is
 * what uses a second core. Pool size: min(navigator.hardwareConcurrency, {@link ENCODER_POOL_CAP}), 1 when
 * the browser reports one core or nothing. The distinct texts missing from the embedding cache are split
 * into contiguous shards, one per worker (at least {@link MIN_SHARD} texts each, else fewer workers); the
 * cached ones go with the first shard. The first worker loads the encoder (downloading its files into the
 * Cache API) before the others start, so the others read the files from the cache and 28 MB are
 * downloaded once. Rows are put back in the order of `texts`, embed progress is summed, and a failure or
 * cancel of one shard cancels the others.
 */
import { ENCODER_SPEC } from '../core/reward-model/encoder-spec';
import type { EncoderEvent, EncoderResult, EncoderWorkerApi } from './encoder-api';

/** At most this many encoder workers (each holds the model, about 100 MB of memory). */
export const ENCODER_POOL_CAP = 4;

/** Fewest missing texts worth starting one more worker for (loading a worker costs about a second). */
export const MIN_SHARD = 8;

/** Pool size for a browser reporting `hardwareConcurrency` cores. */
export function encoderPoolSize(hardwareConcurrency: number | undefined): number {
  const n = Math.floor(Number(hardwareConcurrency));
  return Number.isFinite(n) && n > 1 ? Math.min(n, ENCODER_POOL_CAP) : 1;
}

/** Workers a pool of `size` puts on `texts` texts to embed: at least MIN_SHARD texts each, at least one. */
export function poolWorkersFor(size: number, texts: number): number {
  return Math.max(1, Math.min(size, Math.floor(texts / MIN_SHARD)));
}

/** [start, end) of `k` contiguous shards of `n` items, sizes differing by at most one. */
export function contiguousShards(n: number, k: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let j = 0, start = 0; j < k; j++) {
    const end = start + Math.floor(n / k) + (j < n % k ? 1 : 0);
    out.push([start, end]);
    start = end;
  }
  return out;
}

/** One pool worker as the pool uses it; calls reject when the worker fails. */
export type EncoderHandle = Pick<EncoderWorkerApi, 'embed' | 'prepare' | 'misses' | 'cancel'>;

/** What {@link embedPooled} needs. */
export interface PoolDeps {
  /** Workers the pool may use (the first is always used). */
  size: number;
  /** Worker `j` of the pool, started on first use. */
  handle(j: number): EncoderHandle;
  onEvent?: (e: EncoderEvent) => void;
  /** The call's signal: no further step starts once it has fired (cancelling running ones is the caller's). */
  signal?: AbortSignal;
}

/** Embeds `texts` as request `id` over the pool: the same result one worker would give. */
export async function embedPooled(id: number, texts: string[], deps: PoolDeps): Promise<EncoderResult> {
  const first = deps.handle(0);
  const onEvent = deps.onEvent;
  if (deps.size <= 1 || texts.length < 2 * MIN_SHARD) return first.embed(id, texts, onEvent);
  const distinct = [...new Set(texts)];
  const missing = await first.misses(distinct);
  const k = poolWorkersFor(deps.size, missing.length);
  if (k <= 1) return first.embed(id, texts, onEvent);

  const stopIfAborted = () => {
    if (deps.signal?.aborted) throw Object.assign(new Error('Embedding cancelled'), { name: 'AbortError' });
  };
  stopIfAborted();
  const prepared = await first.prepare(id, onEvent);
  stopIfAborted();
  const missed = new Set(missing);
  const hitTexts = distinct.filter((_, i) => !missed.has(i));
  const shards = contiguousShards(missing.length, k).map(([s, e], j) => [
    ...(j === 0 ? hitTexts : []),
    ...missing.slice(s, e).map((i) => distinct[i]),
  ]);
  const done = shards.map(() => 0);
  const totals = contiguousShards(missing.length, k).map(([s, e]) => e - s);
  const handles = shards.map((_, j) => (j === 0 ? first : deps.handle(j)));
  let results: EncoderResult[];
  try {
    results = await Promise.all(
      shards.map((shard, j) =>
        handles[j].embed(id, shard, (e) => {
          // Workers after the first read the model's files from the Cache API: no download to show.
          if (e.phase !== 'embed') return;
          done[j] = e.done;
          totals[j] = e.total;
          onEvent?.({ ...e, done: sum(done), total: sum(totals) });
        }),
      ),
    );
  } catch (e) {
    for (const h of handles) void h.cancel(id).catch(() => undefined);
    throw e;
  }

  const dim = ENCODER_SPEC.dim;
  const rows = new Map<string, Float32Array>();
  results.forEach((r, j) => {
    if (r.embeddings.length !== shards[j].length * dim)
      throw new Error(
        `Encoder worker ${j + 1} returned ${r.embeddings.length} numbers for ${shards[j].length} texts`,
      );
    shards[j].forEach((t, i) => rows.set(t, r.embeddings.subarray(i * dim, (i + 1) * dim)));
  });
  const embeddings = new Float32Array(texts.length * dim);
  texts.forEach((t, i) => embeddings.set(rows.get(t)!, i * dim));
  return {
    embeddings,
    hits: sum(results.map((r) => r.hits)),
    computed: sum(results.map((r) => r.computed)),
    info: results.find((r) => r.info)?.info ?? prepared.info,
    problems: [...new Set([...prepared.problems, ...results.flatMap((r) => r.problems)])],
  };
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
