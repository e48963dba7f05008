/**
 * The optimiser's world, scored once: for each prompt, every action (base answer × edit set of at most L
 * edits) with its text, gold correctness and reward. Distinct texts are scored once through the one
 * {@link RewardFn}; the optimisers then read rewards from this table, so a whole run is exact arithmetic
 * over it. Prompts with more candidates than the cap keep a seeded sample of prompts.
 */
import { mulberry32, shuffle } from '../../stats/random';
import type { DatasetFile } from '../../types';
import { EDITS, applyEdits, type EditId } from '../probes/edits';
import { editContexts } from '../probes/probe';
import { scoreAll, type RewardFn, type TextPair } from '../probes/reward';
import { editSets } from './policy';

/** One prompt's actions: action a = base · sets.length + set index. */
export interface PromptActions {
  promptId: string;
  prompt: string;
  /** Ids of the pool's base answers. */
  baseIds: string[];
  /** Index into the table's texts of each action. */
  text: Int32Array;
  /** Gold of each action: 1 correct, 0 incorrect, −1 unknown. */
  gold: Int8Array;
}

/** Every prompt's actions, the distinct texts and (once scored) their rewards. */
export interface ActionTable {
  edits: EditId[];
  /** Edit sets (bitmasks over `edits`), index 0 = none. */
  sets: number[];
  maxEdits: number;
  prompts: PromptActions[];
  /** Distinct (prompt, text) pairs; `text` of an action indexes here. */
  texts: TextPair[];
  /** Reward of each distinct text (filled by {@link scoreTable}). */
  rewards: Float64Array;
}

/** Options of {@link buildTable}. */
export interface TableOptions {
  /** Edits in play (default every edit of the library). */
  edits?: readonly EditId[];
  /** Largest number of edits in one action (default 3). */
  maxEdits?: number;
  /** At most this many prompts (a seeded sample; default 200). */
  maxPrompts?: number;
  seed?: number;
}

/** Builds the action table of `dataset` (texts and gold; rewards left at 0). */
export function buildTable(dataset: DatasetFile, opts: TableOptions = {}): ActionTable {
  const seed = opts.seed ?? 1;
  const edits = EDITS.filter((e) => !opts.edits || opts.edits.includes(e.id)).map((e) => e.id);
  const maxEdits = Math.min(opts.maxEdits ?? 3, edits.length);
  if (!Number.isInteger(maxEdits) || maxEdits < 0)
    throw new RangeError('maxEdits must be a whole number ≥ 0');
  const sets = editSets(edits.length, maxEdits);
  const items = editContexts(dataset, seed);
  const byPrompt = new Map<string, typeof items>();
  const promptOf = new Map(dataset.responses.map((r) => [r.id, r.promptId]));
  for (const it of items) {
    const p = promptOf.get(it.id)!;
    byPrompt.set(p, [...(byPrompt.get(p) ?? []), it]);
  }
  let promptIds = [...byPrompt.keys()];
  const cap = opts.maxPrompts ?? 200;
  if (promptIds.length > cap) {
    const keep = new Set(shuffle(mulberry32(seed), [...promptIds]).slice(0, cap));
    promptIds = promptIds.filter((p) => keep.has(p));
  }
  if (promptIds.length === 0) throw new RangeError('the dataset has no prompt with a response to optimise');
  const texts: TextPair[] = [];
  const prompts = promptIds.map((promptId): PromptActions => {
    const pool = byPrompt.get(promptId)!;
    const seen = new Map<string, number>();
    const text = new Int32Array(pool.length * sets.length);
    const gold = new Int8Array(pool.length * sets.length);
    pool.forEach((it, i) =>
      sets.forEach((set, j) => {
        const ids = edits.filter((_, e) => set & (1 << e));
        const out = applyEdits(it.pair.response, ids, it.ctx);
        let t = seen.get(out.text);
        if (t === undefined) {
          t = texts.push({ prompt: it.pair.prompt, response: out.text }) - 1;
          seen.set(out.text, t);
        }
        text[i * sets.length + j] = t;
        gold[i * sets.length + j] = out.correct === undefined ? -1 : out.correct ? 1 : 0;
      }),
    );
    return { promptId, prompt: pool[0].pair.prompt, baseIds: pool.map((it) => it.id), text, gold };
  });
  return { edits, sets, maxEdits, prompts, texts, rewards: new Float64Array(texts.length) };
}

/** Scores every distinct text of the table with `reward` (in chunks); returns the table. */
export async function scoreTable(
  table: ActionTable,
  reward: RewardFn,
  opts: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void } = {},
): Promise<ActionTable> {
  table.rewards = Float64Array.from(await scoreAll(reward, table.texts, opts));
  return table;
}

/** The reward of each action of prompt `p` (under `rewards`, default the table's). */
export function actionRewards(
  table: ActionTable,
  p: number,
  rewards: ArrayLike<number> = table.rewards,
): number[] {
  return Array.from(table.prompts[p].text, (t) => rewards[t]);
}

/** The edit ids of edit set `set`. */
export function setEdits(table: Pick<ActionTable, 'edits'>, set: number): EditId[] {
  return table.edits.filter((_, e) => set & (1 << e));
}
