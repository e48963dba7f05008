/** The API of the inspection worker (lib/core/inspect.worker.ts), called from /inspect through comlink. */
import type { Explanation, WordHighlight } from './explain';
import type { ExternalScore, InspectOptions, InspectReport, ScoresReport } from './inspect';
import type { RewardModelFile } from './model-file';
import type { DatasetFile } from './types';

export interface ResponseExplanation extends Explanation {
  highlights: WordHighlight[];
}

export interface InspectWorkerApi {
  /** The full report for a model on a dataset (featurizes every response: heavy, hence the worker). */
  inspect(model: RewardModelFile, dataset: DatasetFile, opts: InspectOptions): Promise<InspectReport>;
  /** The report for external scores (bring your own reward model). */
  inspectScores(scores: ExternalScore[]): Promise<ScoresReport>;
  /** Why one response got its reward: top feature contributions and per-word highlights. */
  explain(model: RewardModelFile, prompt: string, text: string): Promise<ResponseExplanation>;
}
