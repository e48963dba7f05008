/**
 * The Goodhart lesson in one call: a simulated rater labels a dataset, a reward model trains on those
 * labels (TF.js, lib/ml/train.ts), and the inspection report scores it against gold, for any feature set
 * (`train.features`; the encoder sets read `embeddings` of the dataset's responses, from lib/ml/encoder or
 * the demo pack's shipped embeddings). Used by the lesson test, the encoder bench, sweeps and scripts. The pure parts live in lib/core (raters, inspect).
 */
import { inspect } from '../core/goodhart/report';
import type { InspectReport } from '../core/goodhart/report';
import { DEFAULT_TRAIN_CONFIG } from '../core/reward-model/model-file';
import type { RewardModelFile, TrainConfig } from '../core/reward-model/model-file';
import { simulateLabels } from '../core/labeling/raters';
import type { RaterKnobs, RaterPreset, RaterSpec, SimulatedLabels } from '../core/labeling/raters';
import {
  comparisonsToTrainingSet,
  featurizeResponses,
  type ResponseEmbeddings,
} from '../core/reward-model/training-data';
import type { DatasetFile } from '../core/types';
import { train } from './train';

/** Options of {@link simulateTrainInspect}. */
export interface PipelineOptions {
  /** Number of simulated labels. */
  n: number;
  /** Seed of the simulated rater (training uses `train.seed`, default DEFAULT_TRAIN_CONFIG.seed). */
  seed: number;
  /** Training config over DEFAULT_TRAIN_CONFIG. */
  train?: Partial<TrainConfig>;
  /** Largest n of the best-of-n curve. */
  maxN?: number;
  /** Embeddings of the dataset's responses: required when `train.features` reads the sentence encoder. */
  embeddings?: ResponseEmbeddings;
  signal?: AbortSignal;
}

/** What the pipeline produced. */
export interface PipelineResult {
  labels: SimulatedLabels;
  model: RewardModelFile;
  report: InspectReport;
}

/** Simulate labels → train a reward model on them → inspect it on the same dataset. */
export async function simulateTrainInspect(
  dataset: DatasetFile,
  rater: RaterPreset | RaterSpec | RaterKnobs,
  opts: PipelineOptions,
): Promise<PipelineResult> {
  const labels = simulateLabels(dataset, rater, opts.n, opts.seed);
  const config = { ...DEFAULT_TRAIN_CONFIG, ...opts.train };
  // Featurized once: the training rows and the report read the same matrix.
  const features = featurizeResponses(dataset.responses, dataset.prompts, config.features, opts.embeddings);
  const set = comparisonsToTrainingSet(
    labels.comparisons,
    dataset.responses,
    dataset.prompts,
    config,
    features,
  );
  const { model } = await train(set, config, undefined, { signal: opts.signal });
  const report = inspect(model, dataset, {
    features,
    comparisons: labels.comparisons,
    annotators: [labels.annotator],
    maxN: opts.maxN,
  });
  return { labels, model, report };
}
