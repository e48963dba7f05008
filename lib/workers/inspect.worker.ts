/**
 * The inspection worker: builds the Goodhart report (featurizing and scoring every response) off the main
 * thread, so /inspect stays responsive on large datasets. Pure lib/core code behind comlink.
 */
import * as Comlink from 'comlink';
import { explainResponse, wordHighlights } from '../core/reward-model/explain';
import { inspect, inspectScores } from '../core/goodhart/report';
import { usesEncoder } from '../core/reward-model/feature-sets';
import { modelFeatures } from '../core/reward-model/model-file';
import { featurizeResponses } from '../core/reward-model/training-data';
import type { InspectWorkerApi } from './inspect-api';

const api: InspectWorkerApi = {
  async inspect(model, dataset, opts, embeddings) {
    const set = modelFeatures(model).set;
    // An encoder model's rows: every response in the dataset's order, with its embedding.
    const features = usesEncoder(set)
      ? featurizeResponses(dataset.responses, dataset.prompts, set, embeddings)
      : opts.features;
    return inspect(model, dataset, { ...opts, features });
  },
  async inspectScores(scores) {
    return inspectScores(scores);
  },
  async explain(model, prompt, text) {
    return {
      ...explainResponse(model.weights, prompt, text, 8),
      highlights: wordHighlights(model.weights, prompt, text),
    };
  },
};

Comlink.expose(api);
