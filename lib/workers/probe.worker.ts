/**
 * The probe worker: applies every edit of the probe library to every response and rescores them (lib/core
 * goodhart/probes) off the main thread. Scoring goes through one RewardFn for the model (modelRewardFn: its
 * features in plain JS; an encoder model reads the embeddings the page computed on the main thread). Spawned by components/probes through components/ui/useWorker.ts (classic worker).
 */
import * as Comlink from 'comlink';
import { editById, goldAfter } from '../core/goodhart/probes/edits';
import { probe } from '../core/goodhart/probes/probe';
import { modelRewardFn } from '../core/goodhart/probes/reward';
import type { ProbeWorkerApi } from './probe-api';

const api: ProbeWorkerApi = {
  async probe(model, dataset, opts, onProgress) {
    const { embeddings, ...rest } = opts;
    return probe(dataset, modelRewardFn(model, embeddings), {
      ...rest,
      onProgress: (d, t) => void onProgress?.(d, t),
    });
  },
  async preview(model, text, id, ctx, embeddings) {
    const reward = modelRewardFn(model, embeddings);
    const edit = editById(id);
    const after = edit.apply(text, ctx);
    const [rb, ra] = await reward([
      { prompt: ctx.prompt, response: text },
      { prompt: ctx.prompt, response: after ?? text },
    ]);
    return {
      before: text,
      after,
      rewardBefore: rb,
      rewardAfter: after === null ? null : ra,
      correctAfter: after === null ? null : (goldAfter(edit, ctx.correct) ?? null),
    };
  },
};

Comlink.expose(api);
