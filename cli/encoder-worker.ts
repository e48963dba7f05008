/**
 * One encoder worker of the CLI's pool (cli/encoder-pool.ts), a Node worker_threads entry: loads the
 * sentence encoder once from node_modules (or `workerData.modelDir`) on TF.js's wasm backend, says
 * `ready` with its info, then embeds each `embed` request's texts, posting progress after each batch and
 * the rows (their buffer transferred) at the end. A failure is posted as `error` with its message; the
 * pool terminates the worker when done. Compiled to dist/cli/encoder-worker.mjs by scripts/build-cli.mjs;
 * run from the sources through cli/encoder-worker-tsx.mjs.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadEncoder } from '../lib/ml/encoder/encoder';
import { nodeEncoderSource } from '../lib/ml/encoder/node-source';
import type { PoolRequest, PoolResponse, PoolWorkerData } from './encoder-pool';

const port = parentPort;
if (!port) throw new Error('cli/encoder-worker.ts runs as a worker thread of cli/encoder-pool.ts');
const post = (m: PoolResponse, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);
const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

const { modelDir } = (workerData ?? {}) as PoolWorkerData;
try {
  const encoder = await loadEncoder(nodeEncoderSource(modelDir ? { modelDir } : {}));
  port.on('message', (m: PoolRequest) => {
    encoder
      .embed(m.texts, {
        batchSize: m.batchSize,
        onProgress: (done, total) => post({ type: 'progress', done, total }),
      })
      .then(
        (rows) => post({ type: 'result', rows }, [rows.buffer as ArrayBuffer]),
        (e: unknown) => post({ type: 'error', message: message(e) }),
      );
  });
  post({ type: 'ready', info: encoder.info });
} catch (e) {
  post({ type: 'error', message: `could not load the encoder: ${message(e)}` });
}
