/**
 * Web Worker entry for reward-model training: exposes the plain training API (train-service.ts) through
 * comlink. Spawned with `new Worker(new URL('…/train.worker.ts', import.meta.url))` by the page's training
 * session (components/train/trainer.ts) and the /bench harness (classic worker: no `{ type: 'module' }`,
 * which Turbopack strips).
 */
import * as Comlink from 'comlink';
import { createTrainApi } from './train-service';

Comlink.expose(createTrainApi());
