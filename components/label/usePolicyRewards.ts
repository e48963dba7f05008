'use client';
/**
 * For the uncertainty and disagreement policies on /label: the active reward model's reward of every
 * response in the dataset (scored in plain JS, in small chunks between frames so the page never stalls),
 * and gold correctness. Null when the policy is coverage or there is no trained model.
 */
import { useEffect, useState } from 'react';
import { getDb } from '@/lib/db/db';
import { loadPool } from '@/lib/db/queries';
import type { LabelPolicy } from '@/lib/store';

export interface PolicyRewards {
  key: string;
  rewards: Map<string, number>;
  gold: Map<string, boolean>;
  modelName: string;
}

export function usePolicyRewards(policy: LabelPolicy, datasetId: string, runId: string | null) {
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
      const db = getDb();
      const run = await db.runs.get(runId);
      const parsed = run ? checkModelFile(run.model) : null;
      if (!run || !parsed?.ok) {
        if (!cancelled)
          setState({ value: null, status: 'The active model cannot be read; train one on /train.' });
        return;
      }
      const { prompts, responses } = await loadPool(db, datasetId);
      const promptText = new Map(prompts.map((p) => [p.id, p.text]));
      const rewards = new Map<string, number>();
      for (let i = 0; i < responses.length; i += 100) {
        if (cancelled) return;
        setState((s) => ({
          ...s,
          status: `Scoring responses with “${run.name}”: ${i} of ${responses.length}`,
        }));
        for (const r of responses.slice(i, i + 100))
          rewards.set(
            r.id,
            scoreWithModelFile(parsed.file, featurize(promptText.get(r.promptId) ?? '', r.text)),
          );
        await new Promise((res) => setTimeout(res, 0));
      }
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
