/**
 * The lab's data model: plain, serialisable records shared by the database (lib/db), the reward model
 * (lib/ml), the CLI and the UI. No framework imports here.
 */

/** A labeller's verdict on a pair as shown: `a` = the left (first shown) response is better. */
export type Outcome = 'a' | 'b' | 'tie' | 'both_bad';

/** Preference strength: 1 = slightly better (default), 2 = better, 3 = much better. */
export type Strength = 1 | 2 | 3;

/** A collection of prompts with candidate responses. */
export interface Dataset {
  id: string;
  name: string;
  description: string;
  /** Where it came from: `builtin:demo`, `import:trl-jsonl:file.jsonl`, ... */
  source: string;
  /** Epoch milliseconds. */
  created: number;
  /**
   * Shown before the dataset's first pair on /label, until acknowledged (e.g. the HH-RLHF red-team set,
   * offensive on purpose). Not indexed: adding it needed no schema version.
   */
  contentWarning?: string;
}

export interface Prompt {
  id: string;
  datasetId: string;
  text: string;
  category: string;
}

/**
 * A candidate response to a prompt. Gold labels (`correct`, `goldScore`) are for evaluation only and are
 * never model features. `tags` are free `key:value` strings, e.g. `style:fluent`, `style:hedged`.
 */
export interface Response {
  id: string;
  promptId: string;
  datasetId: string;
  text: string;
  /** Model or author name. */
  source?: string;
  correct?: boolean;
  goldScore?: number;
  tags: string[];
}

/** Who produced a label: a workshop participant, or a simulated rater (`sim: hurried rater`). */
export interface Annotator {
  id: string;
  name: string;
  kind: 'human' | 'simulated';
  created: number;
}

/** One pairwise judgment. `aId` was shown on the left, `bId` on the right. */
export interface Comparison {
  id: string;
  datasetId: string;
  promptId: string;
  aId: string;
  bId: string;
  outcome: Outcome;
  strength?: Strength;
  rationale?: string;
  annotatorId: string;
  /** Epoch milliseconds. */
  createdAt: number;
  /** Time from the pair being painted to the decision. */
  durationMs: number;
  /**
   * Self-audit: the id of this annotator's earlier comparison of the same pair, re-shown with the sides
   * swapped (the annotator is not told). Used for self-consistency and position bias.
   */
  repeatOf?: string;
  /** Set on the comparisons expanded from a K-way ranking: the ranking's id (see lib/core/labeling/ranking.ts). */
  rankingId?: string;
}

/** A pair the annotator chose not to judge. Kept apart from comparisons; never training data. */
export interface Skip {
  id: string;
  datasetId: string;
  promptId: string;
  aId: string;
  bId: string;
  annotatorId: string;
  createdAt: number;
}

/** Canonical, order-independent key of a pair of responses. */
export function pairKey(x: string, y: string): string {
  return x < y ? `${x}|${y}` : `${y}|${x}`;
}

/** The tag value for `key` (`style:fluent` → `fluent`), or undefined. */
export function tagValue(tags: readonly string[], key: string): string | undefined {
  const prefix = `${key}:`;
  const tag = tags.find((t) => t.startsWith(prefix));
  return tag === undefined ? undefined : tag.slice(prefix.length).trim();
}

/** The portable form of a dataset (the demo pack and exported dataset files use this). */
export interface DatasetFile {
  format: 'goodhart-dataset';
  version: 1;
  dataset: Dataset;
  prompts: Prompt[];
  responses: Response[];
}

/**
 * A K-way ranking of one prompt's candidates (InstructGPT style). `tiers` lists response ids best tier
 * first; several ids in one tier are tied. Stored as is and expanded into its C(K,2) comparisons for
 * training (lib/core/labeling/ranking.ts `expandRanking`).
 */
export interface Ranking {
  id: string;
  datasetId: string;
  promptId: string;
  annotatorId: string;
  /** Response ids, best tier first; ids sharing a tier are tied. */
  tiers: string[][];
  /** Epoch milliseconds. */
  createdAt: number;
  /** Time from the candidates being painted to the submission. */
  durationMs: number;
}
