/**
 * Embeddings of the texts probes and the optimiser score for an encoder model, computed on the main thread
 * (the encoder worker is called from here only): the dataset's own responses through embedResponses (the
 * demo's shipped embeddings, else the browser's cached encoder), and every edited text, which is new, through
 * the browser's encoder (IndexedDB-cached, so a second run reads them back). Keyed by text for
 * lib/core/goodhart/probes/reward.ts modelRewardFn.
 */
import type { TextEmbeddings } from '@/lib/core/goodhart/probes/reward';
import { embedResponses, type EmbedResponsesOptions } from '@/components/ui/embedResponses';

/** Embeddings of `texts`; `responses` are the dataset's (so the demo's come from the shipped file). */
export async function embedTexts(
  texts: readonly string[],
  responses: readonly { id: string; text: string; datasetId: string }[],
  opts: EmbedResponsesOptions = {},
): Promise<TextEmbeddings> {
  const unique = [...new Set(texts)];
  const known = new Map<string, { id: string; text: string; datasetId: string }>();
  for (const r of responses) if (!known.has(r.text)) known.set(r.text, r);
  const asked = unique.map((text, i) => known.get(text) ?? { id: `edited:${i}`, text, datasetId: '' });
  const got = await embedResponses(asked, opts);
  const dim = got.vectors.length / Math.max(1, got.ids.length);
  const rowOf = new Map(got.ids.map((id, i) => [id, i]));
  const vectors = new Float32Array(unique.length * dim);
  asked.forEach((a, i) => {
    const row = rowOf.get(a.id)!;
    vectors.set(got.vectors.subarray(row * dim, (row + 1) * dim), i * dim);
  });
  return { texts: unique, vectors };
}
