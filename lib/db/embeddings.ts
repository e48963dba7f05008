/**
 * The browser's embedding cache: the `embeddings` table (schema v5) as an {@link EmbeddingCache}
 * (lib/core/reward-model/embedding-cache.ts), one row per (encoder version, text SHA-256) holding the
 * entry bytes of `encodeEntry`, which carry their own key and CRC-32, so `embedWithCache` finds a damaged
 * row and recomputes it. Reads and writes go in chunks (a few hundred rows per request); each chunk of
 * writes is one transaction, so a reader sees a whole entry or none. Failures become a StorageError with
 * the user-facing problem (quota full, database closed by another tab).
 */
import Dexie from 'dexie';
import type { EmbeddingCache } from '../core/reward-model/embedding-cache';
import type { GoodhartDb } from './db';
import { guard } from './errors';

/** One stored embedding: the key and the entry bytes (embedding-cache.ts `encodeEntry`). */
export interface EmbeddingRecord {
  encoder: string;
  /** SHA-256 of the text's UTF-8, 64 hex digits. */
  hash: string;
  bytes: Uint8Array;
}

/** Rows per read or write request. */
export const EMBEDDING_CHUNK = 500;

/** The `embeddings` table of `db` as an EmbeddingCache. */
export function dexieEmbeddingCache(db: GoodhartDb): EmbeddingCache {
  return {
    where: 'IndexedDB (this browser’s embedding cache)',
    async read(encoder, hashes) {
      const out: (Uint8Array | undefined)[] = [];
      for (let i = 0; i < hashes.length; i += EMBEDDING_CHUNK) {
        const keys = hashes.slice(i, i + EMBEDDING_CHUNK).map((h): [string, string] => [encoder, h]);
        const rows = await guard(() => db.embeddings.bulkGet(keys));
        for (const row of rows) out.push(row?.bytes);
      }
      return out;
    },
    async write(encoder, entries) {
      for (let i = 0; i < entries.length; i += EMBEDDING_CHUNK) {
        const rows = entries
          .slice(i, i + EMBEDDING_CHUNK)
          .map((e): EmbeddingRecord => ({ encoder, hash: e.hash, bytes: e.bytes }));
        await guard(() => db.transaction('rw', db.embeddings, () => db.embeddings.bulkPut(rows)));
      }
    },
  };
}

/** How many embeddings are stored, in total and under `encoder`. */
export async function countEmbeddings(
  db: GoodhartDb,
  encoder: string,
): Promise<{ total: number; current: number }> {
  return guard(async () => ({
    total: await db.embeddings.count(),
    current: await db.embeddings.where('encoder').equals(encoder).count(),
  }));
}

/** Deletes every embedding of another encoder than `keep` (or all, when `keep` is null); resolves the count. */
export async function dropEmbeddings(db: GoodhartDb, keep: string | null): Promise<number> {
  return guard(() =>
    keep === null
      ? db.embeddings.where('encoder').between(Dexie.minKey, Dexie.maxKey).delete()
      : db.embeddings.where('encoder').noneOf([keep]).delete(),
  );
}
