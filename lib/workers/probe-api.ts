/** The API of the probe worker (lib/workers/probe.worker.ts), called from /inspect through comlink. */
import type { EditContext, EditId } from '../core/goodhart/probes/edits';
import type { ProbeOptions, ProbeReport } from '../core/goodhart/probes/probe';
import type { TextEmbeddings } from '../core/goodhart/probes/reward';
import type { RewardModelFile } from '../core/reward-model/model-file';
import type { DatasetFile } from '../core/types';

/** One response before and after one edit, with both rewards (null `after` when the edit declines). */
export interface EditPreview {
  before: string;
  after: string | null;
  rewardBefore: number;
  rewardAfter: number | null;
  correctAfter: boolean | null;
}

export interface ProbeWorkerApi {
  /**
   * Every edit of the library on every response of `dataset` (a seeded sample under `maxResponses`),
   * scored by `model`; an encoder model needs `embeddings` of every text probeTexts lists for these options.
   */
  probe(
    model: RewardModelFile,
    dataset: DatasetFile,
    opts: Pick<ProbeOptions, 'seed' | 'resamples' | 'maxResponses'> & { embeddings?: TextEmbeddings },
    onProgress?: (done: number, total: number) => void,
  ): Promise<ProbeReport>;
  /** One edit of one response, scored before and after. */
  preview(
    model: RewardModelFile,
    text: string,
    edit: EditId,
    ctx: EditContext,
    embeddings?: TextEmbeddings,
  ): Promise<EditPreview>;
}
