'use client';
/**
 * The page's training session: one worker for the whole app (training goes on while you label), fed with
 * the labels chosen on /train; progress goes to the training store, and a finished run (config, metrics,
 * label ids, model) is saved to IndexedDB.
 */
import { createTrainer, type Trainer } from '@/lib/workers/train-client';
import { getDb } from '@/lib/db/db';
import { newId, saveRun } from '@/lib/db/repo';
import { comparisonsFor, loadPool } from '@/lib/db/queries';
import { StorageError } from '@/lib/db/errors';
import { runFigures } from '@/lib/core/reward-model/run-metrics';
import type { ExperimentConfig } from '@/lib/core/reward-model/experiment';
import { useTrainingStore } from '@/lib/store/training';

let trainer: Trainer | null = null;

function getTrainer(): Trainer {
  if (!trainer) {
    trainer = createTrainer();
    void trainer.backend.then((b) => useTrainingStore.getState().setBackend(b));
  }
  return trainer;
}

/** Train on the experiment's labels; resolves with the saved run id, or null if it failed or was cancelled. */
export async function startTraining(exp: ExperimentConfig, name: string): Promise<string | null> {
  const store = useTrainingStore.getState();
  if (store.status === 'training' || store.status === 'preparing') return null;
  useTrainingStore.setState({ status: 'preparing', message: null, history: [] });
  try {
    const db = getDb();
    const [pool, comparisons] = await Promise.all([
      loadPool(db, exp.datasetId),
      comparisonsFor(db, exp.datasetId, exp.annotatorIds.length ? exp.annotatorIds : undefined),
    ]);
    const decided = comparisons.filter((c) => c.outcome === 'a' || c.outcome === 'b');
    if (decided.length < 2) {
      store.finish('error', 'Not enough labels: label at least a few pairs (or simulate a rater) first.');
      return null;
    }
    store.begin(exp.train.epochs);
    const result = await getTrainer().trainLabels(
      { comparisons, responses: pool.responses, prompts: pool.prompts },
      exp.train,
      (p) => useTrainingStore.getState().epoch(p),
    );
    const id = newId();
    const figures = runFigures(result.evaluation ?? { train: [], val: [] });
    await saveRun(db, {
      id,
      datasetId: exp.datasetId,
      createdAt: Date.now(),
      name,
      config: exp,
      metrics: {
        ...figures,
        history: result.history,
        backend: result.backend,
        rewardMean: result.model.rewardMean,
        rewardStd: result.model.rewardStd,
        labels: result.labelIds?.length ?? 0,
      },
      labelIds: result.labelIds ?? [],
      model: result.model,
    });
    useTrainingStore.getState().finish('done', null, id);
    return id;
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    if (err.name === 'AbortError') useTrainingStore.getState().finish('cancelled', 'Training cancelled.');
    else if (e instanceof StorageError) useTrainingStore.getState().finish('error', e.problem.message);
    else useTrainingStore.getState().finish('error', err.message);
    return null;
  }
}

/** Cancel the running training; resolves once the worker has stopped. */
export async function cancelTraining(): Promise<void> {
  await trainer?.cancel();
}
