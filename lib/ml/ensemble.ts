/**
 * The conservative-ensemble mitigation's members: reward models trained on the same labels with other
 * seeds and on bootstrap resamples of the comparisons (member 0 keeps every label and the config's
 * seed, so it is the usual model). Each member is a model file; the optimiser combines their rewards.
 */
import { mulberry32 } from '../core/stats/random';
import type { RewardModelFile, TrainConfig } from '../core/reward-model/model-file';
import type { Comparison } from '../core/types';
import { trainOnLabels, type LabelTrainingInput } from './label-training';

/** Options of {@link trainEnsemble}. */
export interface EnsembleOptions {
  /** Number of members (default 3). */
  members?: number;
  /** Seed of the bootstrap resampling (default 1). */
  seed?: number;
  signal?: AbortSignal;
  onMember?: (done: number, total: number) => void;
}

/** A bootstrap resample of the comparisons (same size, with replacement, fresh ids so none collide). */
export function resampleComparisons(comparisons: readonly Comparison[], seed: number): Comparison[] {
  const rng = mulberry32(seed);
  return comparisons.map((_, k) => {
    const c = comparisons[Math.floor(rng() * comparisons.length)];
    return { ...c, id: `${c.id}#${k}` };
  });
}

/** Trains the members (see the file header) one after another. */
export async function trainEnsemble(
  input: LabelTrainingInput,
  config: Partial<TrainConfig> & { seed: number },
  opts: EnsembleOptions = {},
): Promise<RewardModelFile[]> {
  const count = Math.max(1, Math.floor(opts.members ?? 3));
  const out: RewardModelFile[] = [];
  for (let k = 0; k < count; k++) {
    const comparisons =
      k === 0 ? input.comparisons : resampleComparisons(input.comparisons, (opts.seed ?? 1) * 7919 + k);
    const r = await trainOnLabels(
      { ...input, comparisons },
      { ...config, seed: config.seed + k },
      undefined,
      opts.signal,
    );
    out.push(r.model);
    opts.onMember?.(k + 1, count);
  }
  return out;
}
