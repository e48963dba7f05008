/**
 * Preference-pair files: parses JSONL text into `PreferencePair`s for training and evaluation, from
 * three line formats (auto-detected per line; TRL rows in the standard or the conversational form),
 * reporting every problem with its line number and never throwing on bad input. Also decodes gzip
 * (`.jsonl.gz`) bytes. Conversational rows are turned into texts by conversation.ts.
 */
import { decodeBytes } from './decode';
import { z } from 'zod';
import { pushAll } from '../stats/arrays';
import { forEachRankingPair, RankingPairBudget, type RankingPairsMode } from '../labeling/ranking';
import type { Strength } from '../types';
import { HH_ASSISTANT, isConversationalRow, splitConversation } from './conversation';
import type { IndexSample } from './index-base';
import { rankedRowSchema, rankingBase, rankingSamples } from './ranked';
import { conversationalPreferenceSchema } from './schemas';

/** One preference: `chosen` was preferred to `rejected` (or, with `tie`, neither was). */
export interface PreferencePair {
  prompt: string;
  chosen: string;
  rejected: string;
  /** TRL's margin: how much better `chosen` is, subtracted inside the BT loss. */
  margin?: number;
  /** Labeller's strength (goodhart-labels only): 1 slightly, 2 better, 3 much better. */
  strength?: Strength;
  /** A tie: `chosen`/`rejected` are just the A/B order shown. */
  tie?: boolean;
}

/** A problem in one line of a file (1-based line numbers). */
export interface ParseIssue {
  line: number;
  field?: string;
  message: string;
}

/** Which format(s) a file used. */
export type PairsFormat = 'trl' | 'hh-rlhf' | 'goodhart-labels' | 'ranked' | 'mixed' | 'empty';

/** The result of parsing: good pairs, every problem, the detected format and lines skipped on purpose. */
export interface ParsedPairs {
  pairs: PreferencePair[];
  errors: ParseIssue[];
  format: PairsFormat;
  /** `both_bad` labels, which are not preferences and are left out. */
  skipped: number;
}

export { HH_ASSISTANT };

const TrlLine = z.object({
  prompt: z.string(),
  chosen: z.string(),
  rejected: z.string(),
  margin: z.number().finite().optional(),
});

const HhLine = z.object({ chosen: z.string(), rejected: z.string() });

/**
 * The lab's exported labels ("goodhart-labels" JSONL), one judgment per line:
 * `{"format": "goodhart-labels", "prompt": string, "response_a": string, "response_b": string,
 *   "outcome": "a" | "b" | "tie" | "both_bad", "strength"?: 1 | 2 | 3,
 *   "prompt_id"?: string, "a_id"?: string, "b_id"?: string, "annotator"?: string}`.
 * `a`/`b` are accepted as short names for `response_a`/`response_b`. `outcome` "a" means response A (shown
 * on the left) was preferred. `both_bad` lines are skipped (not errors): they carry no preference.
 */
export const LabelsLine = z.object({
  format: z.literal('goodhart-labels').optional(),
  prompt: z.string(),
  response_a: z.string(),
  response_b: z.string(),
  outcome: z.enum(['a', 'b', 'tie', 'both_bad']),
  strength: z.union([z.literal(1), z.literal(2), z.literal(3)]).optional(),
  prompt_id: z.string().optional(),
  a_id: z.string().optional(),
  b_id: z.string().optional(),
  annotator: z.string().optional(),
});

/** A goodhart-labels line as validated. */
export type LabelsRecord = z.infer<typeof LabelsLine>;

/**
 * Splits an HH-RLHF pair of transcripts into prompt and the two final responses: the prompt is the text
 * both share, up to and including the last shared `\n\nAssistant:`; each response is the rest, trimmed.
 * Returns undefined when the transcripts share no assistant turn.
 */
export function splitHhTranscripts(
  chosen: string,
  rejected: string,
): { prompt: string; chosen: string; rejected: string } | undefined {
  let common = 0;
  const max = Math.min(chosen.length, rejected.length);
  while (common < max && chosen.charCodeAt(common) === rejected.charCodeAt(common)) common++;
  const at = chosen.slice(0, common).lastIndexOf(HH_ASSISTANT);
  if (at < 0) return undefined;
  const end = at + HH_ASSISTANT.length;
  return {
    prompt: chosen.slice(0, end),
    chosen: chosen.slice(end).trim(),
    rejected: rejected.slice(end).trim(),
  };
}

function issuesOf(line: number, obj: Record<string, unknown>, error: z.ZodError): ParseIssue[] {
  return error.issues.map((issue) => {
    const field = issue.path.map(String).join('.');
    if (field && issue.path.length === 1 && !(field in obj))
      return { line, field, message: `missing "${field}"` };
    return {
      line,
      field: field || undefined,
      message: field ? `"${field}": ${issue.message}` : issue.message,
    };
  });
}

type LineResult =
  | { kind: 'pair'; format: Exclude<PairsFormat, 'mixed' | 'empty'>; pair: PreferencePair }
  | { kind: 'ranked'; prompt: string; texts: string[]; ranking: number[] }
  | { kind: 'skip' }
  | { kind: 'error'; issues: ParseIssue[] };

function parseLine(line: number, obj: Record<string, unknown>, budget: RankingPairBudget): LineResult {
  if ('format' in obj || 'outcome' in obj) {
    if (obj.format !== undefined && obj.format !== 'goodhart-labels')
      return {
        kind: 'error',
        issues: [{ line, field: 'format', message: `unknown format ${JSON.stringify(obj.format)}` }],
      };
    const r = LabelsLine.safeParse({
      ...obj,
      response_a: obj.response_a ?? obj.a,
      response_b: obj.response_b ?? obj.b,
    });
    if (!r.success) return { kind: 'error', issues: issuesOf(line, obj, r.error) };
    const d = r.data;
    if (d.outcome === 'both_bad') return { kind: 'skip' };
    const [chosen, rejected] =
      d.outcome === 'b' ? [d.response_b, d.response_a] : [d.response_a, d.response_b];
    const pair: PreferencePair = { prompt: d.prompt, chosen, rejected };
    if (d.strength !== undefined) pair.strength = d.strength;
    if (d.outcome === 'tie') pair.tie = true;
    return { kind: 'pair', format: 'goodhart-labels', pair };
  }
  if (isConversationalRow(obj)) {
    const r = conversationalPreferenceSchema.safeParse(obj);
    if (!r.success) return { kind: 'error', issues: issuesOf(line, obj, r.error) };
    const split = splitConversation(r.data);
    if ('problems' in split)
      return {
        kind: 'error',
        issues: split.problems.map((p) => ({
          line,
          field: p.field,
          message: p.field ? `"${p.field}": ${p.message}` : p.message,
        })),
      };
    const pair: PreferencePair = { ...split };
    if (r.data.margin !== undefined) pair.margin = r.data.margin;
    return { kind: 'pair', format: 'trl', pair };
  }
  if (Array.isArray(obj.responses)) {
    // Ranked candidates: the ranking (best first) gives C(K,2) pairs, the better response as `chosen`.
    const r = rankedRowSchema.safeParse(obj);
    if (!r.success) return { kind: 'error', issues: issuesOf(line, obj, r.error) };
    const ranking = r.data.ranking ?? [];
    if (ranking.length < 2)
      return {
        kind: 'error',
        issues: [
          { line, field: 'ranking', message: '"ranking": needs at least two responses to give a preference' },
        ],
      };
    const tooMany = budget.take(ranking.length);
    if (tooMany)
      return { kind: 'error', issues: [{ line, field: 'ranking', message: `"ranking": ${tooMany}` }] };
    const texts = r.data.responses.map((x) => (typeof x === 'string' ? x : x.text));
    return { kind: 'ranked', prompt: r.data.prompt, texts, ranking };
  }
  if ('prompt' in obj) {
    const r = TrlLine.safeParse(obj);
    if (!r.success) return { kind: 'error', issues: issuesOf(line, obj, r.error) };
    const pair: PreferencePair = { prompt: r.data.prompt, chosen: r.data.chosen, rejected: r.data.rejected };
    if (r.data.margin !== undefined) pair.margin = r.data.margin;
    return { kind: 'pair', format: 'trl', pair };
  }
  if ('chosen' in obj || 'rejected' in obj) {
    const r = HhLine.safeParse(obj);
    if (!r.success) return { kind: 'error', issues: issuesOf(line, obj, r.error) };
    const split = splitHhTranscripts(r.data.chosen, r.data.rejected);
    if (!split)
      return {
        kind: 'error',
        issues: [{ line, message: 'no "prompt", and "chosen"/"rejected" share no "\\n\\nAssistant:" turn' }],
      };
    return { kind: 'pair', format: 'hh-rlhf', pair: split };
  }
  return {
    kind: 'error',
    issues: [
      {
        line,
        message:
          'not a preference pair: expected {"prompt","chosen","rejected"}, HH-RLHF {"chosen","rejected"}, ranked {"prompt","responses","ranking"} or goodhart-labels',
      },
    ],
  };
}

/**
 * Parses JSONL preference pairs. Each non-empty line may be TRL preference JSONL (`prompt`, `chosen`,
 * `rejected`, optional `margin`; strings, or message lists as in `splitConversation`), an HH-RLHF
 * implicit-prompt line (`chosen`, `rejected` transcripts), a ranked-candidates line (`prompt`, `responses`,
 * `ranking` best first: its C(K,2) pairs, or with `rankingPairs: 'adjacent'` its K − 1 neighbouring
 * pairs; a ranking over ranking.ts's per-ranking or per-file cap is an error on its line), or a
 * goodhart-labels line (see `LabelsLine`).
 * Never throws: bad JSON, missing fields and wrong types are returned in `errors`; blank lines are
 * ignored.
 */
export function parsePairsText(text: string, opts: { rankingPairs?: RankingPairsMode } = {}): ParsedPairs {
  const budget = new RankingPairBudget(opts.rankingPairs);
  const pairs: PreferencePair[] = [];
  const errors: ParseIssue[] = [];
  const formats = new Set<string>();
  let skipped = 0;
  // Rankings wait for the file's index base (ranked.ts `rankingBase`), each at its place among the pairs.
  const rankings: { at: number; line: number; prompt: string; texts: string[]; ranking: number[] }[] = [];
  const samples: IndexSample[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i].trim();
    if (raw === '') continue;
    const line = i + 1;
    let obj: unknown;
    try {
      obj = JSON.parse(raw);
    } catch (e) {
      errors.push({ line, message: `invalid JSON (${e instanceof Error ? e.message : String(e)})` });
      continue;
    }
    if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) {
      errors.push({ line, message: 'expected a JSON object' });
      continue;
    }
    const r = parseLine(line, obj as Record<string, unknown>, budget);
    if (r.kind === 'error') pushAll(errors, r.issues);
    else if (r.kind === 'skip') skipped++;
    else if (r.kind === 'ranked') {
      rankings.push({ at: pairs.length, line, ...r });
      pushAll(samples, rankingSamples(r.ranking, r.texts.length, line));
      formats.add('ranked');
    } else {
      pairs.push(r.pair);
      formats.add(r.format);
    }
  }
  let merged = pairs;
  if (rankings.length > 0) {
    const settled = rankingBase(samples);
    if (settled && 'error' in settled)
      errors.push({ line: settled.line, field: 'ranking', message: `"ranking": ${settled.error}` });
    const base = settled && 'base' in settled ? settled.base : null;
    merged = [];
    let next = 0;
    for (const k of rankings) {
      while (next < k.at) merged.push(pairs[next++]);
      if (base === null) continue;
      const ordered = k.ranking.map((i) => k.texts[i - base]);
      forEachRankingPair(ordered.length, budget.mode, (i, j) =>
        merged.push({ prompt: k.prompt, chosen: ordered[i], rejected: ordered[j] }),
      );
    }
    while (next < pairs.length) merged.push(pairs[next++]);
  }
  const format: PairsFormat =
    formats.size === 0 ? 'empty' : formats.size > 1 ? 'mixed' : ([...formats][0] as PairsFormat);
  return { pairs: merged, errors, format, skipped };
}

/**
 * Decodes file bytes to text through the shared decoder (decode.ts: gzip with every member checked,
 * the size cap, the encoding). Strict, for callers that cannot show a warning: throws an Error whose
 * message names the line on a refusal and also when the encoding had to be inferred.
 */
export function decodeMaybeGzip(bytes: Uint8Array): string {
  const decoded = decodeBytes(bytes);
  const problem = decoded.error ?? decoded.warnings[0];
  if (problem) throw new Error(`line ${problem.line}: ${problem.message}`);
  return decoded.text;
}
