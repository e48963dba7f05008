// The embedding cache: entries keyed by (encoder version, SHA-256 of the text) in the folder store, a hit
// skips the encoder (not even loaded), a miss computes and stores, a damaged entry (flipped byte,
// truncation, another text's entry, a stray file) is reported and recomputed, never trusted. Uses a
// stand-in embedder so it runs in milliseconds; the real encoder is tests/unit/encoder.test.ts.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { defaultCacheDir, encoderFolder, folderEmbeddingCache } from '../../cli/embedding-cache';
import {
  decodeEntry,
  embedWithCache,
  encodeEntry,
  sha256Hex,
  type CacheProblem,
} from '../../lib/core/reward-model/embedding-cache';
import { tempFolder } from './cli-harness';

const VERSION = 'test-encoder@1';
const DIM = 4;
/** A stand-in encoder: the text's length and char codes, counting what it was asked to embed. */
function standIn() {
  const asked: string[] = [];
  let loads = 0;
  return {
    asked,
    loads: () => loads,
    embedder: {
      version: VERSION,
      dim: DIM,
      load: async () => {
        loads++;
        return {
          version: VERSION,
          dim: DIM,
          embed: async (texts: readonly string[]) => {
            asked.push(...texts);
            return Float32Array.from(texts.flatMap((t) => [t.length, t.charCodeAt(0) || 0, 1, -1]));
          },
        };
      },
    },
  };
}

describe('embedding cache', () => {
  const { dir } = tempFolder('embcache');

  it('hashes texts with SHA-256 (published test vector)', async () => {
    expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(await sha256Hex('héllo')).toBe(createHash('sha256').update('héllo', 'utf8').digest('hex'));
  });

  it('hashes the same without WebCrypto (plain http on a LAN is not a secure context)', async () => {
    const bytes = Uint8Array.from({ length: 1_000_003 }, (_, i) => (i * 31) % 251);
    vi.stubGlobal('crypto', {});
    try {
      expect(globalThis.crypto.subtle).toBeUndefined();
      expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
      expect(await sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
      expect(await sha256Hex(bytes)).toBe(createHash('sha256').update(bytes).digest('hex'));
    } finally {
      vi.unstubAllGlobals();
    }
    expect(globalThis.crypto.subtle).toBeDefined();
  });

  it('misses, then hits without loading the encoder; duplicates are embedded once', async () => {
    const cache = folderEmbeddingCache(join(dir, 'a'));
    const s = standIn();
    const first = await embedWithCache(['one', 'two', 'one'], cache, s.embedder);
    expect(first).toMatchObject({ hits: 0, computed: 2 });
    expect(s.asked).toEqual(['one', 'two']);
    expect(Array.from(first.embeddings.subarray(2 * DIM, 3 * DIM))).toEqual([3, 111, 1, -1]);
    const again = standIn();
    const second = await embedWithCache(['two', 'one', 'three'], cache, again.embedder);
    expect(second).toMatchObject({ hits: 2, computed: 1 });
    expect(again.asked).toEqual(['three']);
    expect(Array.from(second.embeddings.subarray(0, DIM))).toEqual([3, 116, 1, -1]);
    const third = standIn();
    await embedWithCache(['one'], cache, third.embedder);
    expect(third.loads()).toBe(0);
    // Stored by encoder version and hash; no temporary files left behind.
    const hash = await sha256Hex('one');
    const entry = join(dir, 'a', encoderFolder(VERSION), hash.slice(0, 2), `${hash}.emb`);
    expect(existsSync(entry)).toBe(true);
    expect(readdirSync(join(dir, 'a', encoderFolder(VERSION), hash.slice(0, 2)))).toEqual([`${hash}.emb`]);
  });

  it('another encoder version never reads these entries', async () => {
    const cache = folderEmbeddingCache(join(dir, 'a'));
    const other = standIn();
    const r = await embedWithCache(['one'], cache, {
      ...other.embedder,
      version: 'test-encoder@2',
      load: async () => ({ ...(await other.embedder.load()), version: 'test-encoder@2' }),
    });
    expect(r).toMatchObject({ hits: 0, computed: 1 });
  });

  it('reports a damaged entry and recomputes it, then reads the rewritten one', async () => {
    const root = join(dir, 'b');
    const cache = folderEmbeddingCache(root);
    await embedWithCache(['alpha', 'beta', 'gamma', 'delta'], cache, standIn().embedder);
    const path = async (t: string) => {
      const h = await sha256Hex(t);
      return join(root, encoderFolder(VERSION), h.slice(0, 2), `${h}.emb`);
    };
    const flipped = readFileSync(await path('alpha'));
    flipped[flipped.length - 2] ^= 0x40;
    writeFileSync(await path('alpha'), flipped);
    writeFileSync(await path('beta'), readFileSync(await path('beta')).subarray(0, 20));
    writeFileSync(await path('gamma'), readFileSync(await path('delta')));
    const problems: CacheProblem[] = [];
    const s = standIn();
    const r = await embedWithCache(['alpha', 'beta', 'gamma', 'delta'], cache, s.embedder, {
      onProblem: (p) => problems.push(p),
    });
    expect(r).toMatchObject({ hits: 1, computed: 3 });
    expect(s.asked).toEqual(['alpha', 'beta', 'gamma']);
    expect(problems.map((p) => p.message)).toEqual([
      'checksum mismatch: the entry is damaged',
      // 16-byte header + key ("test-encoder@1\n" + 64 hex = 79 bytes) + 4 float32 = 111.
      '20 bytes, expected 111: truncated',
      'the entry belongs to another text or encoder',
    ]);
    expect(Array.from(r.embeddings.subarray(0, DIM))).toEqual([5, 97, 1, -1]);
    const after = await embedWithCache(['alpha', 'beta', 'gamma'], cache, standIn().embedder);
    expect(after).toMatchObject({ hits: 3, computed: 0 });
  });

  it('decodeEntry refuses what is not an entry of this dim', () => {
    const e = encodeEntry(VERSION, 'ab', Float32Array.from([1, 2, 3, 4]));
    expect(decodeEntry(e, VERSION, 'ab', DIM)).toMatchObject({ ok: true });
    expect(decodeEntry(e, VERSION, 'ab', 8)).toEqual({ ok: false, message: '4 values, expected 8' });
    expect(decodeEntry(new TextEncoder().encode('hello world, not binary'), VERSION, 'ab', DIM)).toEqual({
      ok: false,
      message: 'not an embedding entry',
    });
    const nan = encodeEntry(VERSION, 'ab', Float32Array.from([1, NaN, 3, 4]));
    expect(decodeEntry(nan, VERSION, 'ab', DIM)).toEqual({ ok: false, message: 'non-finite values' });
  });

  it('defaults to XDG_CACHE_HOME, else ~/.cache', () => {
    expect(defaultCacheDir({ XDG_CACHE_HOME: '/x/cache' })).toBe('/x/cache/goodhart-lab/embeddings');
    expect(defaultCacheDir({})).toMatch(/\/\.cache\/goodhart-lab\/embeddings$/);
  });
});
