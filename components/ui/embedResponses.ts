/**
 * Sentence-encoder embeddings of responses for the pages that train or inspect an encoder feature set
 * (/train, the one-click tour, /inspect, /playground): demo responses come from the embeddings shipped
 * with the demo pack (lib/core/reward-model/shipped-embeddings.ts; used only where this build's encoder and
 * the text's SHA-256 match), everything else from the browser's encoder (lib/workers/encoder-api.ts: the
 * IndexedDB cache, then the encoder worker, downloading the model on first use). So the demo never
 * downloads the model. Progress is reported as the encoder reports it (download in bytes, then texts).
 */
import { DEMO_DATASET_ID } from '@/lib/core/demo';
import { ENCODER_SPEC } from '@/lib/core/reward-model/encoder-spec';
import { sha256Hex } from '@/lib/core/reward-model/embedding-cache';
import {
  DEMO_EMBEDDINGS_URL,
  decodeShippedEmbeddings,
  usableShipped,
  type ShippedEmbeddings,
} from '@/lib/core/reward-model/shipped-embeddings';
import type { ResponseEmbeddings } from '@/lib/core/reward-model/training-data';
import { embedInBrowser, type EmbedProgress } from '@/lib/workers/encoder-api';

export type { EmbedProgress };

let shipped: Promise<ShippedEmbeddings | null> | null = null;

/** The demo pack's shipped embeddings, fetched once per page; null (embed them instead) if unusable. */
function demoShipped(): Promise<ShippedEmbeddings | null> {
  shipped ??= fetch(DEMO_EMBEDDINGS_URL)
    .then(async (res) => {
      if (!res.ok) return null;
      const r = decodeShippedEmbeddings(await res.json());
      if (!r.ok) console.warn(`${DEMO_EMBEDDINGS_URL}: ${r.error}; embedding the demo in the browser`);
      return r.ok ? r.value : null;
    })
    .catch(() => null);
  return shipped;
}

/** Options of {@link embedResponses}. */
export interface EmbedResponsesOptions {
  onProgress?: (p: EmbedProgress) => void;
  signal?: AbortSignal;
  /** A problem that did not stop the call (storage full: nothing kept for next time). */
  onProblem?: (message: string) => void;
}

/** One embedding per response (by id, in `responses` order): shipped for the demo, else the browser's encoder. */
export async function embedResponses(
  responses: readonly { id: string; text: string; datasetId: string }[],
  opts: EmbedResponsesOptions = {},
): Promise<ResponseEmbeddings> {
  const dim = ENCODER_SPEC.dim;
  const demo = responses.filter((r) => r.datasetId === DEMO_DATASET_ID);
  const others = responses.filter((r) => r.datasetId !== DEMO_DATASET_ID);
  let found: ResponseEmbeddings = { ids: [], vectors: new Float32Array(0) };
  let missing = others.map((r) => ({ id: r.id, text: r.text }));
  if (demo.length) {
    const hashed = await Promise.all(
      demo.map(async (r) => ({ id: r.id, text: r.text, sha256: await sha256Hex(r.text) })),
    );
    const usable = usableShipped(await demoShipped(), hashed);
    found = usable.found;
    missing = [...missing, ...usable.missing];
  }
  if (opts.signal?.aborted) {
    const e = new Error('Embedding cancelled');
    e.name = 'AbortError';
    throw e;
  }
  const computed = missing.length
    ? await embedInBrowser(
        missing.map((m) => m.text),
        { onProgress: opts.onProgress, signal: opts.signal, onProblem: opts.onProblem },
      )
    : [];
  const rows = new Map<string, Float32Array>();
  found.ids.forEach((id, i) => rows.set(id, found.vectors.subarray(i * dim, (i + 1) * dim)));
  missing.forEach((m, i) => rows.set(m.id, computed[i]));
  const ids = [...new Set(responses.map((r) => r.id))];
  const vectors = new Float32Array(ids.length * dim);
  ids.forEach((id, i) => vectors.set(rows.get(id)!, i * dim));
  opts.onProgress?.({ phase: 'embed', done: ids.length, total: ids.length });
  return { ids, vectors };
}
