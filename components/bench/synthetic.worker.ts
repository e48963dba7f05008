/**
 * Benchmark-only Web Worker: draws a seeded synthetic Bradley–Terry training set (`syntheticPairs`, 64
 * Gaussian features) off the main thread and transfers its buffers back, so the /bench page does no heavy
 * work itself (100k pairs = 12.8M normal draws, far too long for one main-thread task).
 */
import { syntheticPairs } from '@/lib/ml/synthetic';
import type { TrainingSet } from '@/lib/core/reward-model/training-data';

/** Request: how many pairs, feature dimension and seed. */
export interface SyntheticRequest {
  pairs: number;
  dim: number;
  seed: number;
}

/** Reply: the set (buffers transferred), its Bayes accuracy and the generation time in the worker. */
export interface SyntheticReply {
  set: TrainingSet;
  bayesAccuracy: number;
  ms: number;
}

const scope = self as unknown as {
  postMessage: (msg: SyntheticReply, transfer: ArrayBuffer[]) => void;
  onmessage: ((e: MessageEvent<SyntheticRequest>) => void) | null;
};

scope.onmessage = (e) => {
  const t0 = performance.now();
  const { set, bayesAccuracy } = syntheticPairs(e.data);
  const buffers = [set.vectors, set.chosen, set.rejected, set.margin, set.weight, set.tie].map(
    (a) => a.buffer as ArrayBuffer,
  );
  scope.postMessage({ set, bayesAccuracy, ms: performance.now() - t0 }, buffers);
};
