// Types for scripts/build-encoder-assets.mjs, so TypeScript tests can import it.
/** Folders of out/ holding the model's files and the wasm binaries. */
export const MODEL_DIR: string;
export const WASM_DIR: string;
/** The wasm binaries copied. */
export const WASM_BINARIES: string[];
/** Sources of the encoder's files in out/. */
export const ENCODER_ASSET_SOURCES: string[];
/** ENCODER_SPEC, loaded from its TypeScript source. */
export function loadEncoderSpec(): Promise<{
  package: string;
  files: readonly { name: string; bytes: number; sha256: string }[];
  modelSha256: string;
}>;
/** Copies and checks the encoder's files into `outDir` (default out). */
export function buildEncoderAssets(options?: { outDir?: string }): Promise<{ files: number; bytes: number }>;
