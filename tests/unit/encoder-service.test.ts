// The encoder worker's logic (lib/workers/encoder-service.ts) in Node with a stand-in encoder and an
// in-memory cache: the encoder is loaded once and only when something is missing, download and embed
// progress are reported, requests run in order, cancel rejects with an AbortError and leaves the service
// usable, and a cache that cannot be read or written (a quota error) is reported while the embeddings are
// still returned.
import { describe, expect, it } from 'vitest';
import type { EmbeddingCache } from '../../lib/core/reward-model/embedding-cache';
import { ENCODER_VERSION } from '../../lib/core/reward-model/encoder-spec';
import type { EncoderEvent } from '../../lib/workers/encoder-api';
import { createEncoderService, type LoadedEncoder } from '../../lib/workers/encoder-service';

const INFO = { version: ENCODER_VERSION, backend: 'wasm' as const, simd: true, threads: 1, source: 'stub' };

/** A 512-d stand-in: row i is all (text length); waits `gate()` before each batch when given. */
function stubEncoder(gate?: () => Promise<void>): LoadedEncoder & { embedded: string[] } {
  const embedded: string[] = [];
  return {
    info: INFO,
    version: ENCODER_VERSION,
    dim: 512,
    embedded,
    async embed(texts, opts) {
      const out = new Float32Array(texts.length * 512);
      for (let i = 0; i < texts.length; i++) {
        if (gate) await gate();
        if (opts?.signal?.aborted)
          throw Object.assign(new Error('Embedding cancelled'), { name: 'AbortError' });
        embedded.push(texts[i]);
        out.fill(texts[i].length, i * 512, (i + 1) * 512);
        opts?.onProgress?.(i + 1, texts.length);
      }
      return out;
    },
  };
}

function memoryCache(fail?: { read?: Error; write?: Error }): EmbeddingCache & { size(): number } {
  const rows = new Map<string, Uint8Array>();
  return {
    where: 'memory',
    size: () => rows.size,
    async read(encoder, hashes) {
      if (fail?.read) throw fail.read;
      return hashes.map((h) => rows.get(`${encoder}/${h}`));
    },
    async write(encoder, entries) {
      if (fail?.write) throw fail.write;
      for (const e of entries) rows.set(`${encoder}/${e.hash}`, e.bytes);
    },
  };
}

describe('createEncoderService', () => {
  it('loads once, only when needed, reporting download then embed progress', async () => {
    const encoder = stubEncoder();
    let loads = 0;
    const service = createEncoderService({
      cache: memoryCache(),
      async load({ onProgress }) {
        loads++;
        onProgress(10, 20);
        onProgress(20, 20);
        return encoder;
      },
    });
    const events: EncoderEvent[] = [];
    const r1 = await service.embed(1, ['ab', 'abc', 'ab'], (e) => void events.push(e));
    expect(loads).toBe(1);
    expect(r1).toMatchObject({ hits: 0, computed: 2, info: INFO, problems: [] });
    expect(r1.embeddings.length).toBe(3 * 512);
    expect([r1.embeddings[0], r1.embeddings[512], r1.embeddings[1024]]).toEqual([2, 3, 2]);
    await Promise.resolve();
    expect(events.map((e) => `${e.phase} ${e.done}/${e.total}`)).toEqual([
      'download 10/20',
      'download 20/20',
      'embed 1/2',
      'embed 2/2',
    ]);
    const r2 = await service.embed(2, ['abc']);
    expect(r2).toMatchObject({ hits: 1, computed: 0, info: null });
    await service.embed(3, ['new one']);
    expect(loads).toBe(1);
    expect(await service.info()).toEqual(INFO);
  });

  it('cancel rejects the running request with an AbortError; the next one runs', async () => {
    let release: () => void = () => undefined;
    let started: () => void = () => undefined;
    const startedP = new Promise<void>((r) => (started = r));
    const encoder = stubEncoder(
      () =>
        new Promise<void>((r) => {
          started();
          release = r;
        }),
    );
    const service = createEncoderService({ cache: null, load: async () => encoder });
    const running = service.embed(7, ['one', 'two', 'three']);
    const queued = service.embed(8, ['four']);
    await startedP;
    await service.cancel(7);
    release();
    await expect(running).rejects.toMatchObject({ name: 'AbortError' });
    // Requests run in order: 8 waited for 7, and is not cancelled by it.
    const gateOpen = setInterval(() => release(), 1);
    try {
      expect((await queued).computed).toBe(1);
    } finally {
      clearInterval(gateOpen);
    }
    expect(encoder.embedded).not.toContain('three');
  });

  it('a cache that refuses to write (quota) is reported and the embeddings still come back', async () => {
    const quota = Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' });
    const service = createEncoderService({
      cache: memoryCache({ write: quota }),
      load: async () => stubEncoder(),
    });
    const r = await service.embed(1, ['x', 'yy']);
    expect([r.embeddings[0], r.embeddings[512]]).toEqual([1, 2]);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatch(/could not be kept in memory.*quota has been exceeded/);
  });

  it('a cache that cannot be read is reported and bypassed', async () => {
    const service = createEncoderService({
      cache: memoryCache({ read: new Error('DatabaseClosedError') }),
      load: async () => stubEncoder(),
    });
    const r = await service.embed(1, ['x']);
    expect(r.computed).toBe(1);
    expect(r.problems[0]).toMatch(/could not be read, so every text is embedded again/);
  });

  it('a failed load rejects with its message and is retried by the next request', async () => {
    let attempt = 0;
    const service = createEncoderService({
      cache: null,
      async load() {
        if (attempt++ === 0) throw new Error('/wasm/x.wasm: HTTP 404');
        return stubEncoder();
      },
    });
    await expect(service.embed(1, ['a'])).rejects.toThrow('/wasm/x.wasm: HTTP 404');
    expect((await service.embed(2, ['a'])).computed).toBe(1);
  });
});
