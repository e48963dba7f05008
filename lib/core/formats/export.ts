/**
 * Exports from one dataset's records, pure (strings out, nothing written): TRL preference JSONL,
 * HH-RLHF-style transcripts, the lab's raw labels JSONL, K-way rankings JSONL, and (in session.ts) the
 * session bundle.
 *
 * Pairs: outcome `a` → chosen = the left response, `b` → chosen = the right one. A tie cannot be said in
 * TRL's format: `ties: 'drop'` (default) leaves it out, `ties: 'split'` writes both orders with margin 0
 * (the two lines cancel in the Bradley–Terry loss apart from pulling the rewards together). `both_bad`
 * is always dropped. Margin = strength − 1 (no strength → 0), so a re-import restores the strength.
 */
import { rankedIds } from '../labeling/ranking';
import type { Annotator, Comparison, DatasetFile, Ranking, Response } from '../types';
import type { LabelLine } from './labels';
import { HH_ASSISTANT } from './conversation';
import { strengthToMargin } from './trl';

/** The records an export reads. Comparisons of other datasets are ignored. */
export interface ExportInput {
  dataset: DatasetFile;
  comparisons: Comparison[];
  annotators: Annotator[];
}

/** Which labels to export. */
export interface PairExportOptions {
  /** Only comparisons by these annotators (default: everyone). */
  annotatorIds?: string[];
  /** What to do with ties (default `drop`). */
  ties?: 'drop' | 'split';
}

/** One TRL preference row. */
export interface TrlRow {
  prompt: string;
  chosen: string;
  rejected: string;
  margin: number;
}

function selected(input: ExportInput, annotatorIds?: string[]): Comparison[] {
  const only = annotatorIds ? new Set(annotatorIds) : undefined;
  return input.comparisons.filter(
    (c) => c.datasetId === input.dataset.dataset.id && (!only || only.has(c.annotatorId)),
  );
}

function lookups(input: ExportInput) {
  const prompts = new Map(input.dataset.prompts.map((p) => [p.id, p]));
  const responses = new Map<string, Response>(input.dataset.responses.map((r) => [r.id, r]));
  return { prompts, responses };
}

/** The preference pairs the comparisons express (see the file header for ties and margins). */
export function preferencePairs(input: ExportInput, opts: PairExportOptions = {}): TrlRow[] {
  const { prompts, responses } = lookups(input);
  const out: TrlRow[] = [];
  for (const c of selected(input, opts.annotatorIds)) {
    const prompt = prompts.get(c.promptId);
    const a = responses.get(c.aId);
    const b = responses.get(c.bId);
    if (!prompt || !a || !b) continue;
    const margin = strengthToMargin(c.strength);
    if (c.outcome === 'a') out.push({ prompt: prompt.text, chosen: a.text, rejected: b.text, margin });
    else if (c.outcome === 'b') out.push({ prompt: prompt.text, chosen: b.text, rejected: a.text, margin });
    else if (c.outcome === 'tie' && opts.ties === 'split') {
      out.push({ prompt: prompt.text, chosen: a.text, rejected: b.text, margin: 0 });
      out.push({ prompt: prompt.text, chosen: b.text, rejected: a.text, margin: 0 });
    }
  }
  return out;
}

const jsonl = (rows: unknown[]) => rows.map((r) => JSON.stringify(r) + '\n').join('');

/** TRL preference JSONL: `{"prompt", "chosen", "rejected", "margin"}` per line. */
export function exportTrlJsonl(input: ExportInput, opts: PairExportOptions = {}): string {
  return jsonl(preferencePairs(input, opts));
}

/**
 * An HH-RLHF transcript ending in the reply: a prompt that already is a transcript (`\n\nHuman: …` as
 * imported from HH-RLHF, or `\n\nSystem: …` from a TRL conversation with a system message) is kept as
 * is, anything else becomes one Human turn.
 */
export function hhTranscript(prompt: string, reply: string): string {
  const isTranscript = prompt.startsWith('\n\nHuman:') || prompt.startsWith('\n\nSystem:');
  const transcript = isTranscript ? prompt : `\n\nHuman: ${prompt}`;
  const head = transcript.endsWith(HH_ASSISTANT) ? transcript : transcript + HH_ASSISTANT;
  return `${head} ${reply}`;
}

/** HH-RLHF-style JSONL: `{"chosen": "\n\nHuman: …\n\nAssistant: …", "rejected": …}` per line. */
export function exportHhJsonl(input: ExportInput, opts: PairExportOptions = {}): string {
  return jsonl(
    preferencePairs(input, opts).map((p) => ({
      chosen: hhTranscript(p.prompt, p.chosen),
      rejected: hhTranscript(p.prompt, p.rejected),
    })),
  );
}

/** The labels lines for the selected comparisons (all outcomes, ties and `both_bad` included). */
export function labelLines(
  input: ExportInput,
  opts: Pick<PairExportOptions, 'annotatorIds'> = {},
): LabelLine[] {
  const { prompts, responses } = lookups(input);
  const annotators = new Map(input.annotators.map((a) => [a.id, a]));
  const out: LabelLine[] = [];
  for (const c of selected(input, opts.annotatorIds)) {
    const prompt = prompts.get(c.promptId);
    const a = responses.get(c.aId);
    const b = responses.get(c.bId);
    const who = annotators.get(c.annotatorId);
    if (!prompt || !a || !b) continue;
    const line: LabelLine = {
      format: 'goodhart-labels',
      version: 1,
      id: c.id,
      dataset_id: c.datasetId,
      dataset: input.dataset.dataset.name,
      prompt_id: c.promptId,
      prompt: prompt.text,
      category: prompt.category,
      a_id: c.aId,
      response_a: a.text,
      b_id: c.bId,
      response_b: b.text,
      outcome: c.outcome,
      annotator_id: c.annotatorId,
      annotator: who?.name ?? c.annotatorId,
      annotator_kind: who?.kind ?? 'human',
      created_at: c.createdAt,
      duration_ms: c.durationMs,
    };
    if (who) line.annotator_created = who.created;
    if (c.strength !== undefined) line.strength = c.strength;
    if (c.rationale !== undefined) line.rationale = c.rationale;
    if (c.rankingId !== undefined) line.ranking_id = c.rankingId;
    out.push(line);
  }
  return out;
}

/** The raw labels as JSONL (`format: "goodhart-labels"`), one comparison per line. */
export function exportLabelsJsonl(
  input: ExportInput,
  opts: Pick<PairExportOptions, 'annotatorIds'> = {},
): string {
  return jsonl(labelLines(input, opts));
}

/**
 * One line of the rankings export (`format: "goodhart-ranking"`). `responses` are the ranked candidates'
 * texts in a neutral order (by response id), `ranking` their indices best first, `ties` the groups of
 * indices that share a tier (only groups of two or more). The `prompt`/`responses`/`ranking`/`category`
 * core is the ranked-candidates format (ranked.ts), so the file re-imports as ranked JSONL; that format
 * has no ties, so a re-import reads tied candidates in their listed order.
 */
export interface RankingLine {
  format: 'goodhart-ranking';
  version: 1;
  id: string;
  dataset_id: string;
  dataset: string;
  prompt_id: string;
  prompt: string;
  category: string;
  response_ids: string[];
  responses: string[];
  ranking: number[];
  ties: number[][];
  annotator_id: string;
  annotator: string;
  created_at: number;
  duration_ms: number;
}

/** The rankings lines of one dataset (rankings of other datasets, or naming unknown responses, are skipped). */
export function rankingLines(
  dataset: DatasetFile,
  rankings: readonly Ranking[],
  annotators: readonly Annotator[],
): RankingLine[] {
  const { prompts, responses } = lookups({ dataset, comparisons: [], annotators: [] });
  const who = new Map(annotators.map((a) => [a.id, a]));
  const out: RankingLine[] = [];
  for (const r of rankings) {
    const prompt = prompts.get(r.promptId);
    const ids = rankedIds(r);
    if (r.datasetId !== dataset.dataset.id || !prompt) continue;
    if (ids.some((id) => responses.get(id)?.promptId !== r.promptId)) continue;
    const listed = [...ids].sort();
    const index = new Map(listed.map((id, i) => [id, i]));
    out.push({
      format: 'goodhart-ranking',
      version: 1,
      id: r.id,
      dataset_id: r.datasetId,
      dataset: dataset.dataset.name,
      prompt_id: r.promptId,
      prompt: prompt.text,
      category: prompt.category,
      response_ids: listed,
      responses: listed.map((id) => responses.get(id)!.text),
      ranking: ids.map((id) => index.get(id)!),
      ties: r.tiers.filter((t) => t.length > 1).map((t) => t.map((id) => index.get(id)!)),
      annotator_id: r.annotatorId,
      annotator: who.get(r.annotatorId)?.name ?? r.annotatorId,
      created_at: r.createdAt,
      duration_ms: r.durationMs,
    });
  }
  return out;
}

/** K-way rankings as JSONL, one ranking per line (see {@link RankingLine}). */
export function exportRankingsJsonl(
  dataset: DatasetFile,
  rankings: readonly Ranking[],
  annotators: readonly Annotator[],
): string {
  return jsonl(rankingLines(dataset, rankings, annotators));
}
