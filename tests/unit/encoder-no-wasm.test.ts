// The encoder never falls back to the pure-JS CPU backend: with its wasm binaries missing it refuses,
// loudly, and TF.js stays on the backend it had (own file: the wasm backend starts once per process).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { expect, it } from 'vitest';
import { loadEncoder } from '../../lib/ml/encoder/encoder';
import { nodeEncoderSource } from '../../lib/ml/encoder/node-source';

it('refuses to run without its wasm binaries instead of using the CPU backend', async () => {
  const empty = mkdtempSync(join(tmpdir(), 'goodhart-nowasm-'));
  try {
    await tf.setBackend('cpu');
    const source = { ...nodeEncoderSource(), wasmPaths: `${empty}/` };
    await expect(loadEncoder(source)).rejects.toThrow(
      /needs TF\.js's WebAssembly backend, which did not start.*will not run on the pure-JS CPU backend/,
    );
    expect(tf.getBackend()).toBe('cpu');
  } finally {
    rmSync(empty, { recursive: true, force: true });
  }
});
