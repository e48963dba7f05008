/** The API of the inspection worker (lib/workers/inspect.worker.ts), called from /inspect through comlink. */
import type { Explanation, WordHighlight } from '../core/reward-model/explain';
import type { ExternalScore, InspectOptions, InspectReport, ScoresReport } from '../core/goodhart/report';
import type { RewardModelFile } from '../core/reward-model/model-file';
import type { ResponseEmbeddings } from '../core/reward-model/training-data';
import type { DatasetFile } from '../core/types';

export interface ResponseExplanation extends Explanation {
  highlights: WordHighlight[];
}

export interface InspectWorkerApi {
  /**
   * The full report for a model on a dataset (featurizes every response: heavy, hence the worker). A model
   * of an encoder feature set needs `embeddings` of the dataset's responses (the page embeds them).
   */
  inspect(
    model: RewardModelFile,
    dataset: DatasetFile,
    opts: InspectOptions,
    embeddings?: ResponseEmbeddings,
  ): Promise<InspectReport>;
  /** The report for external scores (bring your own reward model). */
  inspectScores(scores: ExternalScore[]): Promise<ScoresReport>;
  /** Why one response got its reward: top feature contributions and per-word highlights. */
  explain(model: RewardModelFile, prompt: string, text: string): Promise<ResponseExplanation>;
}
