// The browser's embedding cache (lib/db/embeddings.ts, schema v5) under fake-indexeddb: what is written is
// read back byte for byte by (encoder, hash), in order, across chunk boundaries; embedWithCache through it
// embeds each text once and then serves it from the table; a damaged row is reported and rewritten; rows of
// another encoder are neither read nor kept by dropEmbeddings; a v4 database upgrades with an empty table.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { countStoredEmbeddings, deleteStoredEmbeddings } from '../../lib/db/app';
import { createGoodhartDb, setDbForTests } from '../../lib/db/db';
import {
  EMBEDDING_CHUNK,
  countEmbeddings,
  dexieEmbeddingCache,
  dropEmbeddings,
} from '../../lib/db/embeddings';
import {
  decodeEntry,
  embedWithCache,
  encodeEntry,
  type TextEmbedder,
} from '../../lib/core/reward-model/embedding-cache';

let n = 0;
const fresh = () => createGoodhartDb(`embeddings-${Date.now()}-${n++}`);
const hex = (i: number) => i.toString(16).padStart(64, '0');

/** A stand-in encoder of dimension 4: text → [length, code of first char, 1, -1]; counts what it embeds. */
function stub(version = 'stub-v1'): TextEmbedder & { calls: string[][] } {
  const calls: string[][] = [];
  return {
    version,
    dim: 4,
    calls,
    async embed(texts) {
      calls.push([...texts]);
      const out = new Float32Array(texts.length * 4);
      texts.forEach((t, i) => out.set([t.length, t.charCodeAt(0), 1, -1], i * 4));
      return out;
    },
  };
}

describe('dexieEmbeddingCache', () => {
  it('reads back what it wrote, by position, absent hashes as undefined, across chunks', async () => {
    const db = fresh();
    const cache = dexieEmbeddingCache(db);
    const count = EMBEDDING_CHUNK * 2 + 7;
    const entries = Array.from({ length: count }, (_, i) => ({
      hash: hex(i),
      bytes: encodeEntry('enc', hex(i), new Float32Array([i, -i, 0.5])),
    }));
    await cache.write('enc', entries);
    const asked = [hex(count + 1), hex(3), hex(count - 1), hex(EMBEDDING_CHUNK)];
    const got = await cache.read('enc', asked);
    expect(got[0]).toBeUndefined();
    expect([...got[1]!]).toEqual([...entries[3].bytes]);
    expect(decodeEntry(got[2]!, 'enc', hex(count - 1), 3)).toEqual({
      ok: true,
      embedding: new Float32Array([count - 1, -(count - 1), 0.5]),
    });
    expect(decodeEntry(got[3]!, 'enc', hex(EMBEDDING_CHUNK), 3).ok).toBe(true);
    // Another encoder's key space is separate.
    expect(await cache.read('other', [hex(3)])).toEqual([undefined]);
    expect(await countEmbeddings(db, 'enc')).toEqual({ total: count, current: count });
    db.close();
  });

  it('through embedWithCache: embeds each distinct text once, then serves every text from the table', async () => {
    const db = fresh();
    const cache = dexieEmbeddingCache(db);
    const enc = stub();
    const embedder = { version: enc.version, dim: 4, load: async () => enc };
    const texts = ['hello', 'a', 'hello', 'bye'];
    const first = await embedWithCache(texts, cache, embedder);
    expect(first).toMatchObject({ hits: 0, computed: 3 });
    expect(enc.calls).toEqual([['hello', 'a', 'bye']]);
    const second = await embedWithCache([...texts, 'new'], cache, embedder);
    expect(second).toMatchObject({ hits: 3, computed: 1 });
    expect(enc.calls[1]).toEqual(['new']);
    expect([...second.embeddings.subarray(0, 4)]).toEqual([5, 'h'.charCodeAt(0), 1, -1]);
    expect([...second.embeddings.subarray(4 * 4, 5 * 4)]).toEqual([3, 'n'.charCodeAt(0), 1, -1]);
    db.close();
  });

  it('a damaged row is reported, recomputed and overwritten', async () => {
    const db = fresh();
    const cache = dexieEmbeddingCache(db);
    const enc = stub();
    const embedder = { version: enc.version, dim: 4, load: async () => enc };
    await embedWithCache(['abc'], cache, embedder);
    const [row] = await db.embeddings.toArray();
    const damaged = row.bytes.slice();
    damaged[damaged.length - 1] ^= 0xff;
    await db.embeddings.put({ ...row, bytes: damaged });
    const problems: string[] = [];
    const again = await embedWithCache(['abc'], cache, embedder, {
      onProblem: (p) => problems.push(p.message),
    });
    expect(again).toMatchObject({ hits: 0, computed: 1 });
    expect(problems).toEqual(['checksum mismatch: the entry is damaged']);
    expect(await embedWithCache(['abc'], cache, embedder)).toMatchObject({ hits: 1, computed: 0 });
    db.close();
  });

  it('dropEmbeddings keeps only the current encoder, or drops all', async () => {
    const db = fresh();
    const cache = dexieEmbeddingCache(db);
    const one = (e: string, i: number) => ({
      hash: hex(i),
      bytes: encodeEntry(e, hex(i), new Float32Array(2)),
    });
    await cache.write('old', [one('old', 1), one('old', 2)]);
    await cache.write('new', [one('new', 1)]);
    expect(await dropEmbeddings(db, 'new')).toBe(2);
    expect(await countEmbeddings(db, 'new')).toEqual({ total: 1, current: 1 });
    expect(await dropEmbeddings(db, null)).toBe(1);
    expect(await countEmbeddings(db, 'new')).toEqual({ total: 0, current: 0 });
    db.close();
  });

  it("through lib/db/app.ts: counts and frees the app database's embeddings", async () => {
    const db = fresh();
    setDbForTests(db);
    try {
      const entry = (e: string) => ({ hash: hex(9), bytes: encodeEntry(e, hex(9), new Float32Array(2)) });
      await dexieEmbeddingCache(db).write('a', [entry('a')]);
      await dexieEmbeddingCache(db).write('b', [entry('b')]);
      expect(await countStoredEmbeddings('a')).toEqual({ total: 2, current: 1 });
      expect(await deleteStoredEmbeddings('a')).toBe(1);
      expect(await countStoredEmbeddings('a')).toEqual({ total: 1, current: 1 });
    } finally {
      setDbForTests(null);
      db.close();
    }
  });

  it('a closed database is a StorageError with a message for the user', async () => {
    const db = fresh();
    await db.open();
    db.close();
    await expect(dexieEmbeddingCache(db).read('enc', [hex(1)])).rejects.toMatchObject({
      name: 'StorageError',
      problem: { kind: 'versionchange' },
    });
  });

  it('a version 4 database upgrades to 5 with an empty embeddings table', async () => {
    const name = `embeddings-mig-${Date.now()}`;
    const v4 = createGoodhartDb(name, 4);
    await v4.open();
    expect(v4.tables.map((t) => t.name)).not.toContain('embeddings');
    v4.close();
    const v5 = createGoodhartDb(name, 5);
    await v5.open();
    expect(v5.verno).toBe(5);
    expect(await v5.embeddings.count()).toBe(0);
    v5.close();
  });
});
