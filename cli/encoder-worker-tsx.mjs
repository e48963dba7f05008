// The CLI's encoder worker run from its TypeScript sources (the tsx fallback of bin/goodhart.mjs, vitest,
// the benchmarks): registers tsx's loader in this worker thread, then imports `workerData.entry`
// (cli/encoder-worker.ts). Node 20 does not apply `execArgv: ['--import', 'tsx']` to a worker's own
// entry file, hence this plain-JS step.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
