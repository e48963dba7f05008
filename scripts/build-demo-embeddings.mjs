// Writes the demo pack's sentence-encoder embeddings (public/demo/goodhart-demo.embeddings.json, format:
// lib/core/reward-model/shipped-embeddings.ts), so the one-click lesson and /train on the demo need no model
// download with any feature set. Up to date (same encoder version, same response ids and text hashes) →
// nothing to do, without loading the encoder; else the responses are embedded in Node on the wasm backend
// through the CLI's folder cache (a second run is quick). Run by scripts/build.mjs before `next build`
// (public/ is copied into out/); by hand: `node scripts/build-demo-embeddings.mjs`. A unit test checks the
// shipped file against the encoder.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { register } from 'tsx/esm/api';

register();
const { DEMO_FILE } = await import('../lib/core/demo.ts');
const { ENCODER_SPEC, ENCODER_VERSION } = await import('../lib/core/reward-model/encoder-spec.ts');
const { embedWithCache, sha256Hex } = await import('../lib/core/reward-model/embedding-cache.ts');
const { DEMO_EMBEDDINGS_FILE, decodeShippedEmbeddings, encodeShippedEmbeddings } =
  await import('../lib/core/reward-model/shipped-embeddings.ts');

const demo = JSON.parse(readFileSync(DEMO_FILE, 'utf8'));
const responses = demo.responses;
const ids = responses.map((r) => r.id);
const hashes = await Promise.all(responses.map((r) => sha256Hex(r.text)));

function upToDate() {
  if (!existsSync(DEMO_EMBEDDINGS_FILE)) return false;
  const r = decodeShippedEmbeddings(JSON.parse(readFileSync(DEMO_EMBEDDINGS_FILE, 'utf8')));
  return (
    r.ok &&
    r.value.encoder === ENCODER_VERSION &&
    r.value.ids.join('\n') === ids.join('\n') &&
    r.value.sha256.join('\n') === hashes.join('\n')
  );
}

if (upToDate()) {
  console.log(`demo embeddings: up to date (${ids.length} responses, ${ENCODER_VERSION})`);
} else {
  const t0 = performance.now();
  const { defaultCacheDir, folderEmbeddingCache } = await import('../cli/embedding-cache.ts');
  let encoder = null;
  const result = await embedWithCache(
    responses.map((r) => r.text),
    folderEmbeddingCache(defaultCacheDir()),
    {
      version: ENCODER_VERSION,
      dim: ENCODER_SPEC.dim,
      load: async () => {
        const { loadEncoder } = await import('../lib/ml/encoder/encoder.ts');
        const { nodeEncoderSource } = await import('../lib/ml/encoder/node-source.ts');
        encoder = await loadEncoder(nodeEncoderSource());
        return { version: encoder.info.version, dim: ENCODER_SPEC.dim, embed: encoder.embed };
      },
    },
  );
  encoder?.dispose();
  const file = encodeShippedEmbeddings(ids, hashes, result.embeddings);
  writeFileSync(DEMO_EMBEDDINGS_FILE, JSON.stringify(file) + '\n');
  console.log(
    `demo embeddings: ${ids.length} responses (${result.hits} from the cache, ${result.computed} computed) in ${((performance.now() - t0) / 1000).toFixed(1)} s → ${DEMO_EMBEDDINGS_FILE}`,
  );
}
