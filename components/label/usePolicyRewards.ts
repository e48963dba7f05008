'use client';
/**
 * For the uncertainty and disagreement policies on /label: the active reward model's reward of every
 * response in the dataset (scored in plain JS, in slices with a turn of the event loop between them, so the
 * page never stalls),
 * and gold correctness. Null when the policy is coverage or there is no trained model.
 */
import { useEffect, useState } from 'react';
import { getRun, loadPool } from '@/lib/db/app';
import type { Response } from '@/lib/core/types';
import { forEachInSlices } from '@/lib/core/yield';
import type { PolicyName } from '@/lib/core/labeling/policies';

export interface PolicyRewards {
  key: string;
  rewards: Map<string, number>;
  gold: Map<string, boolean>;
  modelName: string;
}

/** Responses scored between two turns of the event loop: about 10 ms of featurizing (~90 µs per demo response). */
export const SCORE_SLICE = 100;

/**
 * `score` of every response, keyed by response id, in slices of {@link SCORE_SLICE} with a turn of the
 * event loop between them (lib/core/yield.ts). `onProgress` hears how many are done at the start of each
 * slice; once `cancelled()` is true nothing more is scored and the result is null.
 */
export async function scoreResponses(
  responses: readonly Response[],
  score: (r: Response) => number,
  opts: { onProgress?: (done: number) => void; cancelled?: () => boolean } = {},
): Promise<Map<string, number> | null> {
  const rewards = new Map<string, number>();
  await forEachInSlices(
    responses,
    (r, i) => {
      if (opts.cancelled?.()) return;
      if (i % SCORE_SLICE === 0) opts.onProgress?.(i);
      rewards.set(r.id, score(r));
    },
    SCORE_SLICE,
  );
  return opts.cancelled?.() ? null : rewards;
}

export function usePolicyRewards(policy: PolicyName, datasetId: string, runId: string | null) {
  const [state, setState] = useState<{ value: PolicyRewards | null; status: string }>({
    value: null,
    status: '',
  });
  const key = `${datasetId}|${runId}`;

  useEffect(() => {
    if (policy === 'coverage' || !runId) return;
    let cancelled = false;
    (async () => {
      // Loaded on demand: the coverage policy (the default) never needs the featurizer or the model parser.
      const [{ featurize }, { checkModelFile, scoreWithModelFile }] = await Promise.all([
        import('@/lib/core/reward-model/features/index'),
        import('@/lib/core/reward-model/model-file'),
      ]);
      const stored = await getRun(runId);
      const run = stored?.ok ? stored.run : undefined;
      const parsed = run ? checkModelFile(run.model) : null;
      if (!run || !parsed?.ok) {
        if (!cancelled)
          setState({ value: null, status: 'The active model cannot be read; train one on /train.' });
        return;
      }
      const { prompts, responses } = await loadPool(datasetId);
      const promptText = new Map(prompts.map((p) => [p.id, p.text]));
      const rewards = await scoreResponses(
        responses,
        (r) => scoreWithModelFile(parsed.file, featurize(promptText.get(r.promptId) ?? '', r.text)),
        {
          cancelled: () => cancelled,
          onProgress: (done) =>
            setState((s) => ({
              ...s,
              status: `Scoring responses with “${run.name}”: ${done} of ${responses.length}`,
            })),
        },
      );
      if (!rewards) return;
      const gold = new Map<string, boolean>();
      for (const r of responses) if (r.correct !== undefined) gold.set(r.id, r.correct);
      if (!cancelled) setState({ value: { key, rewards, gold, modelName: run.name }, status: '' });
    })();
    return () => {
      cancelled = true;
    };
  }, [policy, datasetId, runId, key]);

  const value = policy !== 'coverage' && state.value?.key === key ? state.value : null;
  return {
    value,
    status: policy === 'coverage' ? '' : !runId ? 'No trained model yet: train one on /train.' : state.status,
  };
}
