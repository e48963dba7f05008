/**
 * The sentence encoder's runtime: Universal Sentence Encoder lite (ENCODER_SPEC) as a TF.js graph model on
 * @tensorflow/tfjs-backend-wasm, loaded from an {@link EncoderSource} (files checked by SHA-256, never
 * fetched from the internet). It refuses, loudly, to run on any other backend: the pure-JS CPU backend is
 * about 30× slower. Texts are embedded in batches (sorted by length, so little padding), with progress
 * and cancellation; the result is one Float32Array of n × 512 (each row has norm 1). Tensors never leave
 * this module. Same code in Node and in a Web Worker: only the source differs.
 */
import * as tf from '@tensorflow/tfjs';
import { getThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { ENCODER_SPEC, ENCODER_VERSION } from '../../core/reward-model/encoder-spec';
import { abortError, readEncoderFiles, type EncoderSource, type LoadProgress } from './source';
import { Tokenizer } from './tokenizer';

/** Which backend the encoder runs on, for the user to see. */
export interface EncoderInfo {
  version: string;
  backend: 'wasm';
  simd: boolean;
  /** XNNPACK threads (1 unless the page is cross-origin isolated and the threaded build loaded). */
  threads: number;
  /** Where the files were read from. */
  source: string;
}

/** Options of {@link Encoder.embed}. */
export interface EmbedOptions {
  /** Texts per model call (default 16). */
  batchSize?: number;
  /** Called after each batch with texts done and total. */
  onProgress?: (done: number, total: number) => void;
  /** Rejects with an AbortError between batches. */
  signal?: AbortSignal;
}

/** A loaded encoder. Call `dispose` when done. */
export interface Encoder {
  info: EncoderInfo;
  /** Embeddings of `texts`, row i for texts[i]: n × ENCODER_SPEC.dim, row-major. */
  embed(texts: readonly string[], opts?: EmbedOptions): Promise<Float32Array>;
  dispose(): void;
}

/** Options of {@link loadEncoder}. */
export interface LoadEncoderOptions {
  onProgress?: LoadProgress;
  signal?: AbortSignal;
}

/** The name of the active TF.js backend, or null before any has started. */
const activeBackend = (): string | null => tf.engine().backendName ?? null;

let wasmStarted: Promise<{ simd: boolean; threads: number }> | undefined;

/**
 * Starts TF.js's wasm backend once per process or worker, with the binaries at `wasmPaths`, and leaves the
 * active backend as it was. Throws, never falls back, when wasm cannot start.
 */
function startWasm(wasmPaths: EncoderSource['wasmPaths']): Promise<{ simd: boolean; threads: number }> {
  wasmStarted ??= (async () => {
    if (typeof process !== 'undefined' && process.versions?.node) tf.env().set('PROD', true);
    setWasmPaths(wasmPaths);
    // The active backend's name without starting one (tf.getBackend() would start the best registered).
    const previous = activeBackend();
    let ok = false;
    let why = '';
    try {
      ok = await tf.setBackend('wasm');
    } catch (e) {
      why = ` (${e instanceof Error ? e.message : String(e)})`;
    }
    if (!ok || tf.getBackend() !== 'wasm') {
      // TF.js can be left naming the backend that failed; put back the one that was active.
      if (previous && previous !== 'wasm') await tf.setBackend(previous);
      throw new Error(
        `The sentence encoder needs TF.js's WebAssembly backend, which did not start${why}; it will not run on the pure-JS CPU backend (about 30× slower)`,
      );
    }
    const simd = Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'));
    const threads = getThreadsCount();
    if (previous && previous !== 'wasm') await tf.setBackend(previous);
    return { simd, threads };
  })();
  wasmStarted.catch(() => (wasmStarted = undefined));
  return wasmStarted;
}

/** Runs `work` with wasm as the active backend, then restores the backend that was active (training's CPU). */
async function onWasm<T>(work: () => Promise<T>): Promise<T> {
  const previous = activeBackend();
  if (previous !== 'wasm' && !(await tf.setBackend('wasm')))
    throw new Error('The sentence encoder could not switch to the WebAssembly backend');
  try {
    return await work();
  } finally {
    if (previous && previous !== 'wasm') await tf.setBackend(previous);
  }
}

/** Batches of positions into `lengths`, shortest texts first, each at most `size` long. */
export function lengthBatches(lengths: readonly number[], size: number): number[][] {
  const order = lengths.map((_, i) => i).sort((a, b) => lengths[a] - lengths[b] || a - b);
  const out: number[][] = [];
  for (let i = 0; i < order.length; i += size) out.push(order.slice(i, i + size));
  return out;
}

/** Loads the encoder from `source` onto the wasm backend. */
export async function loadEncoder(source: EncoderSource, opts: LoadEncoderOptions = {}): Promise<Encoder> {
  const { simd, threads } = await startWasm(source.wasmPaths);
  const files = await readEncoderFiles(source, opts);
  if (opts.signal?.aborted) throw abortError('Loading the encoder');
  const tokenizer = new Tokenizer(files.vocabulary);
  const model = await onWasm(() =>
    tf.loadGraphModel(
      tf.io.fromMemory({
        modelTopology: files.modelTopology as tf.io.ModelArtifacts['modelTopology'],
        weightSpecs: files.weightsManifest.flatMap((g) => g.weights) as tf.io.WeightsManifestEntry[],
        weightData: files.weightData,
      }),
    ),
  );
  const dim = ENCODER_SPEC.dim;
  let disposed = false;
  return {
    info: { version: ENCODER_VERSION, backend: 'wasm', simd, threads, source: source.where },
    async embed(texts, embedOpts = {}) {
      if (disposed) throw new Error('The encoder was disposed');
      const out = new Float32Array(texts.length * dim);
      const ids = texts.map((t) => tokenizer.encode(t));
      const batches = lengthBatches(
        ids.map((x) => x.length),
        Math.max(1, embedOpts.batchSize ?? 16),
      );
      let done = 0;
      await onWasm(async () => {
        for (const batch of batches) {
          if (embedOpts.signal?.aborted) throw abortError('Embedding');
          const count = batch.reduce((s, i) => s + ids[i].length, 0);
          const indices = new Int32Array(count * 2);
          const values = new Int32Array(count);
          let k = 0;
          batch.forEach((textIndex, row) => {
            for (let pos = 0; pos < ids[textIndex].length; pos++) {
              indices[2 * k] = row;
              indices[2 * k + 1] = pos;
              values[k++] = ids[textIndex][pos];
            }
          });
          const inputs = {
            indices: tf.tensor2d(indices, [count, 2], 'int32'),
            values: tf.tensor1d(values, 'int32'),
          };
          let result: tf.Tensor | undefined;
          try {
            result = (await model.executeAsync(inputs)) as tf.Tensor;
            const rows = (await result.data()) as Float32Array;
            if (rows.length !== batch.length * dim)
              throw new Error(`The encoder returned ${rows.length} numbers for ${batch.length} texts`);
            batch.forEach((textIndex, row) =>
              out.set(rows.subarray(row * dim, (row + 1) * dim), textIndex * dim),
            );
          } finally {
            inputs.indices.dispose();
            inputs.values.dispose();
            result?.dispose();
          }
          done += batch.length;
          embedOpts.onProgress?.(done, texts.length);
        }
      });
      return out;
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      model.dispose();
    },
  };
}
