/**
 * Web Worker entry for the sentence encoder: the encoder service (encoder-service.ts) over this browser's
 * pieces, exposed through comlink. Its own worker, because TF.js's wasm backend starts once per worker and
 * the encoder switches the active backend while it embeds. Embeddings are read from and written to the
 * IndexedDB cache (lib/db/embeddings.ts); the model's files come from the app's origin through the Cache
 * API (encoder-files.ts), with one retry from the network when a cached file turns out damaged. Spawned
 * by lib/workers/encoder-api.ts with `new Worker(new URL('./encoder.worker.ts', import.meta.url))`
 * (classic worker: no `{ type: 'module' }`, which Turbopack strips).
 */
import * as Comlink from 'comlink';
import { ENCODER_SPEC, ENCODER_VERSION } from '../core/reward-model/encoder-spec';
import { getDb } from '../db/db';
import { dexieEmbeddingCache, dropEmbeddings } from '../db/embeddings';
import { loadEncoder } from '../ml/encoder/encoder';
import type { EncoderWorkerApi } from './encoder-api';
import { dropOtherEncoderCaches, openEncoderFiles } from './encoder-files';
import { createEncoderService, type EncoderServiceDeps } from './encoder-service';

const load: EncoderServiceDeps['load'] = async ({ onProgress, onProblem, signal }) => {
  for (let attempt = 0; ; attempt++) {
    const files = await openEncoderFiles(self.location.origin, signal);
    try {
      const encoder = await loadEncoder(files.source, { onProgress, signal });
      for (const problem of await files.settle()) onProblem(problem);
      // Files and embeddings of an older encoder can never be used again: free their space.
      void dropOtherEncoderCaches().catch(() => undefined);
      if (typeof indexedDB !== 'undefined')
        void dropEmbeddings(getDb(), ENCODER_VERSION).catch(() => undefined);
      return {
        info: encoder.info,
        version: encoder.info.version,
        dim: ENCODER_SPEC.dim,
        embed: (texts, opts) => encoder.embed(texts, opts),
      };
    } catch (e) {
      await files.settle();
      // A damaged file in the cache: drop the cache and read everything from the server once more.
      if (attempt === 0 && files.usedCache() && (e as Error).name !== 'AbortError') {
        onProblem(`A cached encoder file was unusable and is downloaded again: ${(e as Error).message}`);
        await files.clear();
        continue;
      }
      throw e;
    } finally {
      files.release();
    }
  }
};

const service = createEncoderService({
  cache: typeof indexedDB === 'undefined' ? null : dexieEmbeddingCache(getDb()),
  load,
});

/** Releases the port of a callback the page sent as a comlink proxy (events already sent arrive first). */
const release = (onEvent: unknown) =>
  (onEvent as Partial<Comlink.Remote<unknown>> | undefined)?.[Comlink.releaseProxy]?.();

const api: EncoderWorkerApi = {
  ...service,
  async embed(id, texts, onEvent) {
    try {
      const result = await service.embed(id, texts, onEvent);
      return Comlink.transfer(result, [result.embeddings.buffer]);
    } finally {
      release(onEvent);
    }
  },
  async prepare(id, onEvent) {
    try {
      return await service.prepare(id, onEvent);
    } finally {
      release(onEvent);
    }
  },
};

Comlink.expose(api);
