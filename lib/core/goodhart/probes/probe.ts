/**
 * Counterfactual probes: what a reward model pays for, read from how its reward moves when each edit of
 * the library (./edits.ts) is applied to every response of a dataset. Per edit: the mean reward change
 * with a seeded 95% percentile-bootstrap interval, the share of responses whose reward rises, whether
 * gold changed, and one before/after example. Works for every model kind through a {@link RewardFn}.
 */
import { bootstrapMeanInterval } from '../../stats/bootstrap';
import { mean } from '../../stats/moments';
import { mulberry32, shuffle } from '../../stats/random';
import type { DatasetFile } from '../../types';
import { EDITS, goldAfter, type EditContext, type EditId, type TextEdit } from './edits';
import { scoreAll, type RewardFn, type TextPair } from './reward';

/** One response before and after an edit, with the reward of each. */
export interface ProbeExample {
  responseId: string;
  prompt: string;
  before: string;
  after: string;
  rewardBefore: number;
  rewardAfter: number;
  correctBefore: boolean | null;
  correctAfter: boolean | null;
}

/** What one edit does to the model's rewards. */
export interface ProbeRow {
  id: EditId;
  name: string;
  description: string;
  /** Whether the edit can change gold (the splice). */
  changesGold: boolean;
  /** Responses the edit applied to (it declines where it has nothing to act on). */
  n: number;
  /** Mean of reward(after) − reward(before) over those responses; NaN when n = 0. */
  meanDelta: number;
  /** 95% percentile-bootstrap interval of the mean change. */
  ciLow: number;
  ciHigh: number;
  /** Share of those responses whose reward rose (strictly). */
  raisedShare: number;
  /** Whether gold correctness changed on any response (a right answer made wrong). */
  goldChanged: boolean;
  /** The response whose reward rose most (or fell least), before and after. */
  example: ProbeExample | null;
}

/** The probe report: one row per edit, in the library's order. */
export interface ProbeReport {
  edits: ProbeRow[];
  /** Responses probed (those whose prompt is in the dataset; a seeded sample under `maxResponses`). */
  responses: number;
  /** Responses the dataset had to probe (more than `responses` when sampled). */
  totalResponses: number;
  seed: number;
}

/** Options of {@link probe}. */
export interface ProbeOptions {
  /** Seed of the edits' choices and of the bootstrap (default 1). */
  seed?: number;
  /** Bootstrap resamples (default 1000). */
  resamples?: number;
  /** Which edits (default all). */
  edits?: readonly EditId[];
  /** Probe at most this many responses, a seeded sample in dataset order (default all). */
  maxResponses?: number;
  signal?: AbortSignal;
  /** Texts scored so far of the total. */
  onProgress?: (done: number, total: number) => void;
}

/** The edit context of every response: its gold and its prompt's pool. */
export function editContexts(
  dataset: DatasetFile,
  seed: number,
): { pair: TextPair; ctx: EditContext; id: string }[] {
  const promptText = new Map(dataset.prompts.map((p) => [p.id, p.text]));
  const pools = new Map<string, { text: string; correct?: boolean }[]>();
  for (const r of dataset.responses) {
    if (!promptText.has(r.promptId)) continue;
    const pool = pools.get(r.promptId) ?? [];
    pool.push(r.correct === undefined ? { text: r.text } : { text: r.text, correct: r.correct });
    pools.set(r.promptId, pool);
  }
  return dataset.responses
    .filter((r) => promptText.has(r.promptId))
    .map((r) => {
      const prompt = promptText.get(r.promptId)!;
      const ctx: EditContext = { seed, prompt, pool: pools.get(r.promptId)! };
      if (r.correct !== undefined) ctx.correct = r.correct;
      return { pair: { prompt, response: r.text }, ctx, id: r.id };
    });
}

/** What a probe scores: the responses (sampled), the edits, and every edited text. */
interface ProbePlan {
  items: ReturnType<typeof editContexts>;
  total: number;
  edits: readonly TextEdit[];
  jobs: { edit: number; item: number; text: string }[];
  all: TextPair[];
}

function probePlan(dataset: DatasetFile, opts: ProbeOptions): ProbePlan {
  const seed = opts.seed ?? 1;
  let items = editContexts(dataset, seed);
  const total = items.length;
  const cap = opts.maxResponses;
  if (cap !== undefined && items.length > cap) {
    const keep = new Set(
      shuffle(
        mulberry32(seed ^ 0x9e37),
        items.map((_, i) => i),
      ).slice(0, cap),
    );
    items = items.filter((_, i) => keep.has(i));
  }
  const edits: readonly TextEdit[] = opts.edits ? EDITS.filter((e) => opts.edits!.includes(e.id)) : EDITS;
  const jobs: ProbePlan['jobs'] = [];
  edits.forEach((e, k) =>
    items.forEach((it, i) => {
      const text = e.apply(it.pair.response, it.ctx);
      if (text !== null) jobs.push({ edit: k, item: i, text });
    }),
  );
  const all: TextPair[] = [
    ...items.map((it) => it.pair),
    ...jobs.map((j) => ({ prompt: items[j.item].pair.prompt, response: j.text })),
  ];
  return { items, total, edits, jobs, all };
}

/**
 * Every distinct text {@link probe} scores with these options (the responses and their edited versions),
 * in a fixed order: what an encoder model needs embeddings of before the probe runs.
 */
export function probeTexts(dataset: DatasetFile, opts: ProbeOptions = {}): string[] {
  return [...new Set(probePlan(dataset, opts).all.map((t) => t.response))];
}

/** Probes `reward` on `dataset` with every edit (see the file header). */
export async function probe(
  dataset: DatasetFile,
  reward: RewardFn,
  opts: ProbeOptions = {},
): Promise<ProbeReport> {
  const seed = opts.seed ?? 1;
  const { items, total, edits, jobs, all } = probePlan(dataset, opts);
  const rewards = await scoreAll(reward, all, { signal: opts.signal, onProgress: opts.onProgress });
  const base = rewards.slice(0, items.length);
  const rows = edits.map((e, k): ProbeRow => {
    const mine = jobs.flatMap((j, t) => (j.edit === k ? [{ ...j, after: rewards[items.length + t] }] : []));
    const deltas = mine.map((j) => j.after - base[j.item]);
    const ci = bootstrapMeanInterval(deltas, { seed: seed + k, resamples: opts.resamples ?? 1000 });
    let best = -1;
    for (let t = 0; t < mine.length; t++) if (best < 0 || deltas[t] > deltas[best]) best = t;
    const gold = (i: number) => items[i].ctx.correct;
    const example: ProbeExample | null =
      best < 0
        ? null
        : {
            responseId: items[mine[best].item].id,
            prompt: items[mine[best].item].pair.prompt,
            before: items[mine[best].item].pair.response,
            after: mine[best].text,
            rewardBefore: base[mine[best].item],
            rewardAfter: mine[best].after,
            correctBefore: gold(mine[best].item) ?? null,
            correctAfter: goldAfter(e, gold(mine[best].item)) ?? null,
          };
    return {
      id: e.id,
      name: e.name,
      description: e.description,
      changesGold: e.changesGold,
      n: mine.length,
      meanDelta: deltas.length ? mean(deltas) : NaN,
      ciLow: ci.low,
      ciHigh: ci.high,
      raisedShare: deltas.length ? deltas.filter((d) => d > 0).length / deltas.length : NaN,
      goldChanged: mine.some((j) => goldAfter(e, gold(j.item)) !== gold(j.item)),
      example,
    };
  });
  return { edits: rows, responses: items.length, totalResponses: total, seed };
}
