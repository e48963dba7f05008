'use client';
/**
 * The page's training session: one worker for the whole app (training goes on while you label), fed with
 * the labels chosen on /train; progress goes to the training store, and a finished run (config, metrics,
 * label ids, model) is saved to IndexedDB. An encoder feature set first embeds the labelled responses
 * (components/ui/embedResponses.ts: the demo's shipped embeddings, else the browser's encoder), with its
 * progress in the store; cancel stops that step too.
 */
import * as Comlink from 'comlink';
import { comparisonsFor, loadPool, newId, saveRun } from '@/lib/db/app';
import { StorageError } from '@/lib/db/errors';
import { runFigures } from '@/lib/core/reward-model/run-metrics';
import {
  responsesToEmbed,
  selectTrainingLabels,
  type ResponseEmbeddings,
} from '@/lib/core/reward-model/training-data';
import { usesEncoder } from '@/lib/core/reward-model/feature-sets';
import type { RunExperiment } from '@/lib/core/reward-model/experiment';
import type { EpochProgress, TrainWorkerApi } from '@/lib/workers/train-api';
import { useTrainingStore } from '@/lib/store/training';
import { lazyWorker } from '@/components/ui/useWorker';
import { embedResponses } from '@/components/ui/embedResponses';

/** App-wide, so it is never terminated on unmount: leaving /train does not stop a run. */
const trainer = lazyWorker<TrainWorkerApi>(
  () => new Worker(new URL('../../lib/workers/train.worker.ts', import.meta.url)),
);

/** Stops the embedding step of the run being prepared (null when none is embedding). */
let embedding: AbortController | null = null;

/** Train on the experiment's labels; resolves with the saved run id, or null if it failed or was cancelled. */
export async function startTraining(exp: RunExperiment, name: string): Promise<string | null> {
  const store = useTrainingStore.getState();
  if (store.status === 'training' || store.status === 'preparing') return null;
  useTrainingStore.setState({ status: 'preparing', message: null, history: [], notes: [] });
  try {
    const [pool, comparisons] = await Promise.all([
      loadPool(exp.datasetId),
      comparisonsFor(exp.datasetId, exp.annotatorIds.length ? exp.annotatorIds : undefined),
    ]);
    if (selectTrainingLabels(comparisons, exp.train.ties).decided < 2) {
      store.finish('error', 'Not enough labels: label at least a few pairs (or simulate a rater) first.');
      return null;
    }
    let embeddings: ResponseEmbeddings | undefined;
    if (usesEncoder(exp.train.features)) {
      const ctl = new AbortController();
      embedding = ctl;
      const needed = responsesToEmbed(comparisons, pool.responses, exp.train.ties);
      store.setEmbedding({ phase: 'embed', done: 0, total: needed.length });
      try {
        embeddings = await embedResponses(needed, {
          signal: ctl.signal,
          onProgress: (p) => useTrainingStore.getState().setEmbedding(p),
          onProblem: (m) => useTrainingStore.getState().addNote(m),
        });
      } finally {
        embedding = null;
      }
    }
    store.begin(exp.train.epochs);
    const api = trainer.get();
    void api.backendFor(exp.train).then((b) => useTrainingStore.getState().setBackend(b));
    const input = { comparisons, responses: pool.responses, prompts: pool.prompts, embeddings };
    const result = await api.trainLabels(
      embeddings ? Comlink.transfer(input, [embeddings.vectors.buffer as ArrayBuffer]) : input,
      exp.train,
      Comlink.proxy((p: EpochProgress) => useTrainingStore.getState().epoch(p)),
    );
    const id = newId();
    const figures = runFigures(result.evaluation ?? { train: [], val: [] });
    await saveRun({
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

/** Cancel the running training (or its embedding step); resolves once the worker's loop has stopped. */
export async function cancelTraining(): Promise<void> {
  embedding?.abort();
  await trainer.get().cancel();
}
