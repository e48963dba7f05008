/**
 * Embeddings shipped with a dataset (the demo pack's: public/demo/goodhart-demo.embeddings.json, written at
 * build time by scripts/build-demo-embeddings.mjs), so a lesson with an encoder feature set needs no model
 * download. One JSON file: the encoder version, and per response its id and the SHA-256 of its text, then
 * every vector as little-endian float32 in base64. A reader uses a row only when its encoder version is this
 * build's and its text hash is the response's current text; anything else is embedded afresh. Pure
 * TypeScript (atob/btoa, which Node and browsers both have).
 */
import { ENCODER_SPEC, ENCODER_VERSION } from './encoder-spec';
import type { ResponseEmbeddings } from './response-features';

/** URL of the demo pack's shipped embeddings in the static export. */
export const DEMO_EMBEDDINGS_URL = '/demo/goodhart-demo.embeddings.json';
/** Path of the demo pack's shipped embeddings relative to the project root. */
export const DEMO_EMBEDDINGS_FILE = 'public/demo/goodhart-demo.embeddings.json';

/** The shipped file as JSON. */
export interface ShippedEmbeddingsFile {
  format: 'goodhart-embeddings';
  version: 1;
  encoder: string;
  dim: number;
  /** Response ids, row order. */
  ids: string[];
  /** SHA-256 (hex) of each response's text, row order. */
  sha256: string[];
  /** ids.length × dim float32, little-endian, base64. */
  vectors: string;
}

/** Shipped embeddings, decoded. */
export interface ShippedEmbeddings extends ResponseEmbeddings {
  encoder: string;
  sha256: string[];
}

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    s += String.fromCharCode(...bytes.subarray(i, Math.min(bytes.length, i + 0x8000)));
  return btoa(s);
}

/** The file for rows `ids` (texts hashed to `sha256`), vectors row-major ids.length × 512. */
export function encodeShippedEmbeddings(
  ids: readonly string[],
  sha256: readonly string[],
  vectors: Float32Array,
): ShippedEmbeddingsFile {
  const dim = ENCODER_SPEC.dim;
  if (sha256.length !== ids.length || vectors.length !== ids.length * dim)
    throw new RangeError(`${ids.length} ids need ${ids.length} hashes and ${ids.length * dim} numbers`);
  const bytes = new Uint8Array(vectors.length * 4);
  const view = new DataView(bytes.buffer);
  vectors.forEach((x, i) => view.setFloat32(i * 4, x, true));
  return {
    format: 'goodhart-embeddings',
    version: 1,
    encoder: ENCODER_VERSION,
    dim,
    ids: [...ids],
    sha256: [...sha256],
    vectors: toBase64(bytes),
  };
}

/** Reads a shipped file (parsed JSON), or says what is wrong with it. */
export function decodeShippedEmbeddings(
  json: unknown,
): { ok: true; value: ShippedEmbeddings } | { ok: false; error: string } {
  const f = json as Partial<ShippedEmbeddingsFile> | null;
  if (typeof f !== 'object' || f === null || f.format !== 'goodhart-embeddings' || f.version !== 1)
    return { ok: false, error: 'not a goodhart-embeddings file (version 1)' };
  if (typeof f.encoder !== 'string' || f.dim !== ENCODER_SPEC.dim)
    return { ok: false, error: `expected ${ENCODER_SPEC.dim}-d embeddings with an encoder version` };
  const { ids, sha256 } = f;
  if (
    !Array.isArray(ids) ||
    !Array.isArray(sha256) ||
    ids.length !== sha256.length ||
    !ids.every((x) => typeof x === 'string') ||
    !sha256.every((x) => typeof x === 'string' && /^[0-9a-f]{64}$/.test(x))
  )
    return { ok: false, error: 'ids and sha256 must be lists of the same length (hashes as 64 hex digits)' };
  let bin: string;
  try {
    bin = atob(typeof f.vectors === 'string' ? f.vectors : '');
  } catch {
    return { ok: false, error: 'vectors is not base64' };
  }
  if (bin.length !== ids.length * f.dim * 4)
    return { ok: false, error: `vectors hold ${bin.length} bytes, not ${ids.length * f.dim * 4}` };
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  const view = new DataView(bytes.buffer);
  const vectors = new Float32Array(ids.length * f.dim);
  for (let i = 0; i < vectors.length; i++) vectors[i] = view.getFloat32(i * 4, true);
  if (!vectors.every(Number.isFinite)) return { ok: false, error: 'vectors hold a non-finite number' };
  return { ok: true, value: { encoder: f.encoder, ids, sha256, vectors } };
}

/**
 * The rows of `shipped` that this build may use for `items` (response id and the SHA-256 of its current
 * text): same encoder version, same id, same text hash. Returns those embeddings and the items left to
 * embed.
 */
export function usableShipped<T extends { id: string; sha256: string }>(
  shipped: ShippedEmbeddings | null,
  items: readonly T[],
): { found: ResponseEmbeddings; missing: T[] } {
  const dim = ENCODER_SPEC.dim;
  const at = new Map<string, number>();
  if (shipped && shipped.encoder === ENCODER_VERSION) shipped.ids.forEach((id, i) => at.set(id, i));
  const ids: string[] = [];
  const rows: number[] = [];
  const missing: T[] = [];
  for (const it of items) {
    const i = at.get(it.id);
    if (i !== undefined && shipped!.sha256[i] === it.sha256) {
      ids.push(it.id);
      rows.push(i);
    } else missing.push(it);
  }
  const vectors = new Float32Array(ids.length * dim);
  rows.forEach((r, k) => vectors.set(shipped!.vectors.subarray(r * dim, (r + 1) * dim), k * dim));
  return { found: { ids, vectors }, missing };
}
