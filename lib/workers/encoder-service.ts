/**
 * The encoder worker's logic as a plain object implementing {@link EncoderWorkerApi}, so it runs and is
 * tested in Node; encoder.worker.ts only wires the browser's pieces (IndexedDB cache, files from the app's
 * origin kept in the Cache API) and exposes it through comlink. Requests run one at a time, in order; each
 * has its own AbortController (`cancel(id)`). Texts go through `embedWithCache`: the encoder is loaded
 * only when some text is missing from the cache, once per worker. A cache that cannot be read or written
 * (quota full, database closed) is reported as a problem and bypassed, never fatal: the embeddings are
 * still returned.
 */
import {
  embedWithCache,
  sha256Hex,
  type EmbeddingCache,
  type TextEmbedder,
} from '../core/reward-model/embedding-cache';
import { ENCODER_SPEC, ENCODER_VERSION } from '../core/reward-model/encoder-spec';
import type { EncoderInfo } from '../ml/encoder/encoder';
import type { EncoderEvent, EncoderResult, EncoderWorkerApi } from './encoder-api';

/** A loaded encoder as the service uses it. */
export interface LoadedEncoder extends TextEmbedder {
  info: EncoderInfo;
}

/** What the service needs: a cache (null: none) and a way to load the encoder. */
export interface EncoderServiceDeps {
  cache: EmbeddingCache | null;
  load(opts: {
    onProgress: (loaded: number, total: number) => void;
    onProblem: (message: string) => void;
    signal: AbortSignal;
  }): Promise<LoadedEncoder>;
}

/** Message of any thrown value. */
const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** A cache whose failures are reported through `onProblem` and treated as misses (read) or skipped (write). */
function forgiving(cache: EmbeddingCache, onProblem: (m: string) => void): EmbeddingCache {
  return {
    where: cache.where,
    async read(encoder, hashes) {
      try {
        return await cache.read(encoder, hashes);
      } catch (e) {
        onProblem(
          `The embedding cache in ${cache.where} could not be read, so every text is embedded again: ${messageOf(e)}`,
        );
        return hashes.map(() => undefined);
      }
    },
    async write(encoder, entries) {
      try {
        await cache.write(encoder, entries);
      } catch (e) {
        onProblem(
          `The embeddings were computed but could not be kept in ${cache.where}, so they will be computed again next time: ${messageOf(e)}`,
        );
      }
    },
  };
}

/** Creates the encoder worker's API over `deps`. */
export function createEncoderService(deps: EncoderServiceDeps): EncoderWorkerApi {
  let encoder: LoadedEncoder | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  const controllers = new Map<number, AbortController>();

  const embed: EncoderWorkerApi['embed'] = (id, texts, onEvent) => {
    const ctl = new AbortController();
    const emit = (e: EncoderEvent) => void Promise.resolve(onEvent?.(e)).catch(() => undefined);
    const problems: string[] = [];
    const onProblem = (message: string) => void (problems.includes(message) || problems.push(message));
    const run = async (): Promise<EncoderResult> => {
      const { signal } = ctl;
      if (signal.aborted) throw abortError();
      const result = await embedWithCache(
        texts,
        deps.cache ? forgiving(deps.cache, onProblem) : null,
        {
          version: ENCODER_VERSION,
          dim: ENCODER_SPEC.dim,
          load: async () => {
            if (!encoder) {
              encoder = await deps.load({
                onProgress: (done, total) => emit({ type: 'progress', phase: 'download', done, total }),
                onProblem,
                signal,
              });
            }
            return encoder;
          },
        },
        {
          onProgress: (done, total) => emit({ type: 'progress', phase: 'embed', done, total }),
          onProblem: (p) =>
            onProblem(
              `A damaged cached embedding (text ${p.hash.slice(0, 12)}…) was computed again: ${p.message}`,
            ),
          signal,
        },
      );
      return {
        embeddings: result.embeddings,
        hits: result.hits,
        computed: result.computed,
        info: result.computed > 0 ? (encoder?.info ?? null) : null,
        problems,
      };
    };
    return enqueue(id, ctl, run);
  };

  /** Runs `run` after every earlier request, with `ctl` reachable by `cancel(id)` while it waits or runs. */
  function enqueue<T>(id: number, ctl: AbortController, run: () => Promise<T>): Promise<T> {
    controllers.set(id, ctl);
    const result = queue.then(run);
    queue = result.catch(() => undefined);
    return result.finally(() => controllers.delete(id));
  }

  /** Loads the encoder now (downloading its files if needed), reporting download progress. */
  const prepare: EncoderWorkerApi['prepare'] = (id, onEvent) => {
    const ctl = new AbortController();
    const emit = (e: EncoderEvent) => void Promise.resolve(onEvent?.(e)).catch(() => undefined);
    const problems: string[] = [];
    return enqueue(id, ctl, async () => {
      if (ctl.signal.aborted) throw abortError();
      if (!encoder)
        encoder = await deps.load({
          onProgress: (done, total) => emit({ type: 'progress', phase: 'download', done, total }),
          onProblem: (m) => void (problems.includes(m) || problems.push(m)),
          signal: ctl.signal,
        });
      return { info: encoder.info, problems };
    });
  };

  return {
    embed,
    prepare,
    async misses(texts) {
      if (!deps.cache) return texts.map((_, i) => i);
      const hashes = await Promise.all(texts.map((t) => sha256Hex(t)));
      const stored = await forgiving(deps.cache, () => undefined).read(ENCODER_VERSION, hashes);
      return texts.flatMap((_, i) => (stored[i] ? [] : [i]));
    },
    async cancel(id) {
      controllers.get(id)?.abort();
    },
    async info() {
      return encoder?.info ?? null;
    },
  };
}

/** An Error named AbortError, as fetch and DOM APIs reject. */
function abortError(): Error {
  const e = new Error('Embedding cancelled');
  e.name = 'AbortError';
  return e;
}
