/**
 * Benchmark-only Web Worker: draws a seeded synthetic Bradley–Terry training set (`syntheticPairs`, 64
 * Gaussian features) off the main thread and transfers its buffers back, so the /bench page does no heavy
 * work itself (100k pairs = 12.8M normal draws, far too long for one main-thread task). Its API:
 * synthetic-api.ts, exposed through comlink.
 */
import * as Comlink from 'comlink';
import { syntheticPairs } from '../ml/synthetic';
import type { SyntheticWorkerApi } from './synthetic-api';
import { transferablesOf } from './train-api';

const api: SyntheticWorkerApi = {
  async generate(req) {
    const t0 = performance.now();
    const { set, bayesAccuracy } = syntheticPairs(req);
    return Comlink.transfer({ set, bayesAccuracy, ms: performance.now() - t0 }, transferablesOf(set));
  },
};

Comlink.expose(api);
