/**
 * The benchmark-only synthetic-data worker's API (lib/workers/synthetic.worker.ts), called from the /bench
 * harness through comlink: a seeded synthetic Bradley–Terry training set, its buffers transferred back.
 */
import type { TrainingSet } from '../core/reward-model/training-data';

/** How many pairs, feature dimension and seed. */
export interface SyntheticRequest {
  pairs: number;
  dim: number;
  seed: number;
}

/** The set (buffers transferred), its Bayes accuracy and the generation time in the worker. */
export interface SyntheticReply {
  set: TrainingSet;
  bayesAccuracy: number;
  ms: number;
}

export interface SyntheticWorkerApi {
  /** Draws the set (`syntheticPairs`) in the worker. */
  generate(req: SyntheticRequest): Promise<SyntheticReply>;
}
