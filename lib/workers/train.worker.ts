/**
 * Web Worker entry for reward-model training: wires `self.onmessage` to the handler in
 * worker-handler.ts. Spawned by client.ts with `new Worker(new URL('./train.worker.ts', import.meta.url))`
 * (classic worker: no `{ type: 'module' }`, which Turbopack strips).
 */
import type { Command, Event } from './train-protocol';
import { createWorkerHandler } from './train-handler';

const scope = self as unknown as {
  postMessage: (e: Event) => void;
  onmessage: ((e: MessageEvent<Command>) => void) | null;
};

const handle = createWorkerHandler((event) => scope.postMessage(event));
scope.onmessage = (e) => {
  void handle(e.data);
};
