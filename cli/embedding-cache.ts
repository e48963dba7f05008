/**
 * The CLI's embedding cache: a folder (`--cache DIR`; default $XDG_CACHE_HOME/goodhart-lab/embeddings, else
 * ~/.cache/goodhart-lab/embeddings) holding one file per (encoder version, text SHA-256), in the entry
 * format of lib/core/reward-model/embedding-cache.ts: DIR/<encoder>/<first 2 hex>/<sha256>.emb. Each
 * write goes to a temporary file in the same folder, then is renamed over the entry, so a reader never
 * sees half an entry; a damaged entry is reported by the caller and rewritten.
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { EmbeddingCache } from '../lib/core/reward-model/embedding-cache';

/** The default cache folder for an environment (XDG_CACHE_HOME, else ~/.cache). */
export function defaultCacheDir(env: Record<string, string | undefined> = process.env): string {
  const base =
    env.XDG_CACHE_HOME && env.XDG_CACHE_HOME.trim() ? env.XDG_CACHE_HOME : join(homedir(), '.cache');
  return join(base, 'goodhart-lab', 'embeddings');
}

/** A folder name for an encoder version: its characters outside [A-Za-z0-9._-] become "_". */
export function encoderFolder(encoder: string): string {
  return encoder.replace(/[^A-Za-z0-9._-]/g, '_');
}

let tmpCounter = 0;

/** The folder cache at `dir` (created on first write). */
export function folderEmbeddingCache(dir: string): EmbeddingCache {
  const entryPath = (encoder: string, hash: string) =>
    join(dir, encoderFolder(encoder), hash.slice(0, 2), `${hash}.emb`);
  return {
    where: dir,
    async read(encoder, hashes) {
      return Promise.all(
        hashes.map(async (hash) => {
          try {
            const b = await readFile(entryPath(encoder, hash));
            return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
          } catch (e) {
            if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
            throw new Error(
              `${entryPath(encoder, hash)}: cannot read the embedding cache (${(e as NodeJS.ErrnoException).code ?? String(e)})`,
            );
          }
        }),
      );
    },
    async write(encoder, entries) {
      for (const { hash, bytes } of entries) {
        const path = entryPath(encoder, hash);
        const tmp = `${path}.${process.pid}.${++tmpCounter}.tmp`;
        try {
          await mkdir(join(dir, encoderFolder(encoder), hash.slice(0, 2)), { recursive: true });
          await writeFile(tmp, bytes);
          await rename(tmp, path);
        } catch (e) {
          await rm(tmp, { force: true });
          throw new Error(
            `${path}: cannot write the embedding cache (${(e as NodeJS.ErrnoException).code ?? String(e)}); pass --cache DIR to use another folder`,
          );
        }
      }
    },
  };
}
