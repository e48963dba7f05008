/**
 * The embedding cache: sentence-encoder embeddings kept per (encoder version, SHA-256 of the response
 * text), so a text is embedded once per encoder. The store is an interface ({@link EmbeddingCache}): a
 * folder for the CLI (cli/embedding-cache.ts), IndexedDB in the browser. Every store keeps entries in the
 * one byte format of {@link encodeEntry}, which carries its own key and a CRC-32, so a damaged or misplaced
 * entry is found by {@link decodeEntry}, reported and recomputed, never trusted. {@link embedWithCache}
 * is the one way to get embeddings through a cache; it loads the encoder only when something is missing.
 * Plain TypeScript (SHA-256: WebCrypto, else @noble/hashes).
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { Crc32 } from '../formats/crc32';

/** Something that embeds texts: the encoder of lib/ml/encoder, or a test's stand-in. */
export interface TextEmbedder {
  /** The encoder version (encoder-spec.ts ENCODER_VERSION for the real one). */
  version: string;
  dim: number;
  embed(
    texts: readonly string[],
    opts?: { onProgress?: (done: number, total: number) => void; signal?: AbortSignal },
  ): Promise<Float32Array>;
}

/** A stored entry that could not be used: which text hash, and why. */
export interface CacheProblem {
  hash: string;
  message: string;
}

/** A store of embeddings by (encoder, text hash). Entries are {@link encodeEntry} bytes. */
export interface EmbeddingCache {
  /** Where the cache is, for messages (a folder, "IndexedDB"). */
  where: string;
  /** The stored bytes of each hash under `encoder`, by position; undefined where absent. */
  read(encoder: string, hashes: readonly string[]): Promise<(Uint8Array | undefined)[]>;
  /** Stores entries; each write is atomic (a reader sees the old entry, the new one, or none). */
  write(encoder: string, entries: readonly { hash: string; bytes: Uint8Array }[]): Promise<void>;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/**
 * SHA-256 of bytes, or of a text's UTF-8, as 64 hex digits: WebCrypto where it exists (Node ≥ 20, secure
 * contexts), else @noble/hashes in plain JS, so a page served over plain http on a LAN (the workshop room's
 * server, not a secure context) can still check the encoder's files and key its embeddings.
 */
export async function sha256Hex(data: Uint8Array | string): Promise<string> {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  const subtle = globalThis.crypto?.subtle;
  let digest: Uint8Array;
  if (subtle) {
    // digest takes a BufferSource over a plain ArrayBuffer; copy a view of anything else.
    const plain =
      bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : new Uint8Array(bytes);
    digest = new Uint8Array(await subtle.digest('SHA-256', plain));
  } else digest = sha256(bytes);
  let out = '';
  for (const b of digest) out += HEX[b];
  return out;
}

/** "GLE1": the entry format's magic. */
const MAGIC = 0x31454c47;
const HEADER = 16;

/**
 * One entry as bytes: magic "GLE1", dim, CRC-32 of everything after the header, the key's byte length
 * (all uint32 little-endian), then the key (`encoder` + "\n" + text hash, UTF-8) and the float32 values.
 */
export function encodeEntry(encoder: string, hash: string, embedding: Float32Array): Uint8Array {
  const key = new TextEncoder().encode(`${encoder}\n${hash}`);
  const out = new Uint8Array(HEADER + key.length + embedding.length * 4);
  const view = new DataView(out.buffer);
  out.set(key, HEADER);
  const values = HEADER + key.length;
  embedding.forEach((x, i) => view.setFloat32(values + 4 * i, x, true));
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, embedding.length, true);
  view.setUint32(8, new Crc32().update(out.subarray(HEADER)).value, true);
  view.setUint32(12, key.length, true);
  return out;
}

/** The embedding in an entry, or why it cannot be trusted (wrong format, key, size, checksum, values). */
export function decodeEntry(
  bytes: Uint8Array,
  encoder: string,
  hash: string,
  dim: number,
): { ok: true; embedding: Float32Array } | { ok: false; message: string } {
  if (bytes.length < HEADER) return { ok: false, message: `${bytes.length} bytes: truncated` };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== MAGIC) return { ok: false, message: 'not an embedding entry' };
  const n = view.getUint32(4, true);
  const keyLength = view.getUint32(12, true);
  if (n !== dim) return { ok: false, message: `${n} values, expected ${dim}` };
  if (bytes.length !== HEADER + keyLength + 4 * n)
    return { ok: false, message: `${bytes.length} bytes, expected ${HEADER + keyLength + 4 * n}: truncated` };
  if (new Crc32().update(bytes.subarray(HEADER)).value !== view.getUint32(8, true))
    return { ok: false, message: 'checksum mismatch: the entry is damaged' };
  const key = new TextDecoder().decode(bytes.subarray(HEADER, HEADER + keyLength));
  if (key !== `${encoder}\n${hash}`)
    return { ok: false, message: 'the entry belongs to another text or encoder' };
  const embedding = new Float32Array(n);
  const values = HEADER + keyLength;
  for (let i = 0; i < n; i++) embedding[i] = view.getFloat32(values + 4 * i, true);
  if (!embedding.every(Number.isFinite)) return { ok: false, message: 'non-finite values' };
  return { ok: true, embedding };
}

/** Options of {@link embedWithCache}. */
export interface EmbedWithCacheOptions {
  /** Texts embedded of those missing from the cache, and how many were missing. */
  onProgress?: (done: number, total: number) => void;
  /** A damaged entry (it is recomputed and overwritten). */
  onProblem?: (p: CacheProblem) => void;
  signal?: AbortSignal;
}

/** What {@link embedWithCache} did: rows for every text, and how many came from the cache. */
export interface CachedEmbeddings {
  /** texts.length × dim, row i for texts[i]. */
  embeddings: Float32Array;
  /** Distinct texts found in the cache, and embedded now. */
  hits: number;
  computed: number;
}

/**
 * Embeddings of `texts` (duplicates embedded once): read from `cache`, the missing ones embedded by the
 * encoder `load()` gives (called only when something is missing) and written back. `encoder` and `dim`
 * name the embedder before it is loaded; a loaded embedder of another version is an error.
 */
export async function embedWithCache(
  texts: readonly string[],
  cache: EmbeddingCache | null,
  embedder: { version: string; dim: number; load: () => Promise<TextEmbedder> },
  opts: EmbedWithCacheOptions = {},
): Promise<CachedEmbeddings> {
  const { version, dim } = embedder;
  const distinct = [...new Set(texts)];
  const hashes = await Promise.all(distinct.map((t) => sha256Hex(t)));
  const rows = new Map<string, Float32Array>();
  const stored = cache ? await cache.read(version, hashes) : [];
  const missing: number[] = [];
  distinct.forEach((text, i) => {
    const bytes = stored[i];
    if (bytes) {
      const entry = decodeEntry(bytes, version, hashes[i], dim);
      if (entry.ok) return void rows.set(text, entry.embedding);
      opts.onProblem?.({ hash: hashes[i], message: entry.message });
    }
    missing.push(i);
  });
  if (missing.length > 0) {
    const encoder = await embedder.load();
    if (encoder.version !== version || encoder.dim !== dim)
      throw new Error(
        `the encoder loaded is ${encoder.version} (${encoder.dim}-d), not ${version} (${dim}-d)`,
      );
    const computed = await encoder.embed(
      missing.map((i) => distinct[i]),
      { onProgress: opts.onProgress, signal: opts.signal },
    );
    const entries = missing.map((i, j) => {
      const e = computed.slice(j * dim, (j + 1) * dim);
      rows.set(distinct[i], e);
      return { hash: hashes[i], bytes: encodeEntry(version, hashes[i], e) };
    });
    if (cache) await cache.write(version, entries);
  }
  const embeddings = new Float32Array(texts.length * dim);
  texts.forEach((t, i) => embeddings.set(rows.get(t)!, i * dim));
  return { embeddings, hits: distinct.length - missing.length, computed: missing.length };
}
