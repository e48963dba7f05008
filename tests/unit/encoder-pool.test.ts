// The encoder pool's sharding (lib/workers/encoder-pool.ts) over real encoder services (encoder-service.ts)
// with a stand-in encoder whose rows depend on the text: 2 workers give exactly the rows 1 worker gives, in
// the order of the texts (duplicates and cached texts included); the missing texts are split contiguously,
// only the first worker "downloads", embed progress is summed to the number missing, and a failing worker
// rejects the call and cancels the other shard.
import { describe, expect, it } from 'vitest';
import type { EmbeddingCache } from '../../lib/core/reward-model/embedding-cache';
import { ENCODER_VERSION } from '../../lib/core/reward-model/encoder-spec';
import type { EncoderEvent } from '../../lib/workers/encoder-api';
import {
  contiguousShards,
  embedPooled,
  encoderPoolSize,
  type EncoderHandle,
} from '../../lib/workers/encoder-pool';
import { createEncoderService, type LoadedEncoder } from '../../lib/workers/encoder-service';

const INFO = { version: ENCODER_VERSION, backend: 'wasm' as const, simd: true, threads: 1, source: 'stub' };

/** Row of `t`: 512 values from its char codes, so rows differ between texts and order matters. */
function stubEncoder(log: string[], fail = false): LoadedEncoder {
  return {
    info: INFO,
    version: ENCODER_VERSION,
    dim: 512,
    async embed(texts, opts) {
      if (fail) throw new Error('wasm out of memory');
      const out = new Float32Array(texts.length * 512);
      texts.forEach((t, i) => {
        log.push(t);
        for (let d = 0; d < 512; d++) out[i * 512 + d] = t.charCodeAt(d % t.length) * (d + 1);
        opts?.onProgress?.(i + 1, texts.length);
      });
      return out;
    },
  };
}

function memoryCache(): EmbeddingCache {
  const rows = new Map<string, Uint8Array>();
  return {
    where: 'memory',
    async read(encoder, hashes) {
      return hashes.map((h) => rows.get(`${encoder}/${h}`));
    },
    async write(encoder, entries) {
      for (const e of entries) rows.set(`${encoder}/${e.hash}`, e.bytes);
    },
  };
}

/** `n` services sharing one cache, each logging what it embeds and whether it loaded. */
function services(n: number, cache = memoryCache(), failing = -1) {
  const logs = Array.from({ length: n }, () => [] as string[]);
  const loads = Array.from({ length: n }, () => 0);
  const all: EncoderHandle[] = logs.map((log, j) =>
    createEncoderService({
      cache,
      async load({ onProgress }) {
        loads[j]++;
        onProgress(28, 28);
        return stubEncoder(log, j === failing);
      },
    }),
  );
  return { all, logs, loads, cache };
}

const TEXTS = Array.from({ length: 41 }, (_, i) => `response ${i % 37} ${'x'.repeat(i % 5)}`);

describe('embedPooled', () => {
  it('2 workers return the same rows as 1, in order, each text embedded once', async () => {
    const one = services(1);
    const r1 = await embedPooled(1, TEXTS, { size: 1, handle: (j) => one.all[j] });
    const two = services(2);
    const events: EncoderEvent[] = [];
    const r2 = await embedPooled(1, TEXTS, {
      size: 2,
      handle: (j) => two.all[j],
      onEvent: (e) => void events.push(e),
    });
    expect(r2.embeddings).toEqual(r1.embeddings);
    expect(r2.embeddings.length).toBe(TEXTS.length * 512);
    expect([r2.hits, r2.computed]).toEqual([0, r1.computed]);
    const distinct = [...new Set(TEXTS)];
    // Contiguous halves of the distinct texts, no text embedded twice.
    const half = Math.ceil(distinct.length / 2);
    expect(two.logs[0]).toEqual(distinct.slice(0, half));
    expect(two.logs[1]).toEqual(distinct.slice(half));
    expect(two.loads).toEqual([1, 1]);
    // Download progress comes from the first worker only; embed progress is summed up to all missing.
    expect(events.filter((e) => e.phase === 'download')).toHaveLength(1);
    const last = events.filter((e) => e.phase === 'embed').at(-1);
    expect(last).toMatchObject({ done: distinct.length, total: distinct.length });
  });

  it('cached texts go to the first worker; only the missing ones are sharded', async () => {
    const two = services(2);
    const warm = TEXTS.slice(0, 10);
    await embedPooled(1, warm, { size: 2, handle: (j) => two.all[j] }); // below the shard minimum: 1 worker
    expect(two.logs[1]).toEqual([]);
    const r = await embedPooled(2, TEXTS, { size: 2, handle: (j) => two.all[j] });
    const one = services(1);
    const r1 = await embedPooled(1, TEXTS, { size: 1, handle: (j) => one.all[j] });
    expect(r.embeddings).toEqual(r1.embeddings);
    const distinct = new Set(TEXTS).size;
    expect(r.hits).toBe(new Set(warm).size);
    expect(r.computed).toBe(distinct - r.hits);
    expect(two.logs[1].length).toBe(Math.floor(r.computed / 2));
  });

  it('a worker that fails rejects the call with its message', async () => {
    const two = services(2, memoryCache(), 1);
    await expect(embedPooled(1, TEXTS, { size: 2, handle: (j) => two.all[j] })).rejects.toThrow(
      'wasm out of memory',
    );
  });
});

describe('pool sizing', () => {
  it('min(hardwareConcurrency, 4), 1 for one core or unknown', () => {
    expect([1, 2, 3, 4, 8, 0, undefined, NaN].map(encoderPoolSize)).toEqual([1, 2, 3, 4, 4, 1, 1, 1]);
  });
  it('contiguous shards cover every index once, sizes within one', () => {
    expect(contiguousShards(7, 3)).toEqual([
      [0, 3],
      [3, 5],
      [5, 7],
    ]);
    expect(contiguousShards(4, 2)).toEqual([
      [0, 2],
      [2, 4],
    ]);
  });
});
