/**
 * Feature rows for the CLI's commands, for any feature set: the style and hashed features in plain TS,
 * and, for the sets that read the sentence encoder, embeddings through the folder cache
 * (cli/embedding-cache.ts), computed on the wasm backend, on a pool of worker threads
 * (cli/encoder-pool.ts), only for texts the cache lacks. Progress and the encoder's backend go to stderr.
 * `train`, `eval`, `score`, `inspect`, `probe` and `optimize` share it, with one `--cache DIR` option.
 */
import { ENCODER_SPEC, ENCODER_VERSION } from '../lib/core/reward-model/encoder-spec';
import { embedWithCache, type TextEmbedder } from '../lib/core/reward-model/embedding-cache';
import { featurizeWithSet, usesEncoder, type FeatureSet } from '../lib/core/reward-model/feature-sets';
import { defaultCacheDir, folderEmbeddingCache } from './embedding-cache';
import type { CliIO } from './io';

/** The `--cache DIR` option as every command's usage lists it. */
export const CACHE_USAGE: [string, string] = [
  '--cache DIR',
  'embeddings cache for the encoder feature sets (default $XDG_CACHE_HOME/goodhart-lab/embeddings, else ~/.cache/…)',
];

/** The cache folder a command uses: `--cache DIR`, else the default. */
export function cacheDirFlag(value: string | boolean | undefined): string {
  return typeof value === 'string' && value !== '' ? value : defaultCacheDir();
}

/**
 * The encoder from node_modules, loaded when texts are to be embedded: on {@link encoderWorkerCount}
 * worker threads (cli/encoder-pool.ts), or in this process when that is one, terminated when done. Says on
 * stderr what it runs on and how many workers ran.
 */
function nodeEmbedder(io: CliIO): TextEmbedder {
  return {
    version: ENCODER_VERSION,
    dim: ENCODER_SPEC.dim,
    async embed(texts, opts) {
      const t0 = performance.now();
      // TF.js and the model load only when some text is not in the cache.
      const { encoderWorkerCount, startEncoderPool } = await import('./encoder-pool');
      const workers = encoderWorkerCount(texts.length);
      const encoder =
        workers > 1
          ? await startEncoderPool(workers, { signal: opts?.signal })
          : await (async () => {
              const [{ loadEncoder }, { nodeEncoderSource }] = await Promise.all([
                import('../lib/ml/encoder/encoder'),
                import('../lib/ml/encoder/node-source'),
              ]);
              return loadEncoder(nodeEncoderSource(), { signal: opts?.signal });
            })();
      try {
        const { info } = encoder;
        io.err(
          `encoder ${info.version} on TF.js ${info.backend} (SIMD ${info.simd ? 'on' : 'off'}, ${info.threads} thread${info.threads === 1 ? '' : 's'}) ${workers === 1 ? 'in 1 worker (this process)' : `in each of ${workers} worker threads`}, loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
        );
        return await encoder.embed(texts, opts);
      } finally {
        encoder.dispose();
      }
    },
  };
}

/**
 * Sentence-encoder embeddings of `texts` (texts × ENCODER_SPEC.dim, in order) through the cache at
 * `cacheDir`: cached texts read back, the rest embedded (progress on stderr as "embedding WHAT: done/total",
 * about every tenth) and stored; a damaged cache entry is reported and recomputed.
 */
export async function embeddingsFor(
  texts: readonly string[],
  io: CliIO,
  cacheDir: string,
  what = 'responses',
): Promise<Float32Array> {
  const cache = folderEmbeddingCache(cacheDir);
  let lastShown = -1;
  const t0 = performance.now();
  const result = await embedWithCache(
    [...texts],
    cache,
    { version: ENCODER_VERSION, dim: ENCODER_SPEC.dim, load: async () => nodeEmbedder(io) },
    {
      onProgress: (done, total) => {
        const tenth = Math.floor((10 * done) / total);
        if (tenth === lastShown && done !== total) return;
        lastShown = tenth;
        const rate = done / Math.max(1e-9, (performance.now() - t0) / 1000);
        io.err(`embedding ${what}: ${done}/${total} (${rate.toFixed(1)}/s)`);
      },
      onProblem: (p) =>
        io.err(
          `${cache.where}: warning: cache entry ${p.hash.slice(0, 16)}… is unusable (${p.message}); recomputing it`,
        ),
    },
  );
  io.err(
    `embeddings: ${result.hits} from the cache (${cache.where}), ${result.computed} computed, in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  return result.embeddings;
}

/**
 * Feature rows (items × featureSetDim(set)) of `items` for `set`, the encoder's block from
 * {@link embeddingsFor} of the responses.
 */
export async function featureRowsFor(
  set: FeatureSet,
  items: readonly { prompt: string; response: string }[],
  io: CliIO,
  cacheDir: string,
): Promise<Float32Array> {
  if (!usesEncoder(set)) return featurizeWithSet(set, items);
  const embeddings = await embeddingsFor(
    items.map((it) => it.response),
    io,
    cacheDir,
  );
  return featurizeWithSet(set, items, embeddings);
}
