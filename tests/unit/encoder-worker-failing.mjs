// A stand-in for cli/encoder-worker.ts that fails on purpose, for tests/unit/cli-encoder-pool.test.ts: it
// says ready, then on an embed request whose first text is "exit" exits with code 3, on "throw" throws
// (an uncaught error), on "hang" never answers, and otherwise posts an error message.
import { parentPort } from 'node:worker_threads';

parentPort.on('message', (m) => {
  if (m.texts[0] === 'exit') process.exit(3);
  if (m.texts[0] === 'throw') throw new Error('boom in the worker');
  if (m.texts[0] === 'hang') return;
  parentPort.postMessage({ type: 'error', message: 'the model said no' });
});
parentPort.postMessage({
  type: 'ready',
  info: { version: 'stand-in', backend: 'wasm', simd: false, threads: 1, source: 'none' },
});
