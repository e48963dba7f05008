/**
 * Preference-pair files for `goodhart train`/`eval`: JSONL text into `PreferencePair`s, each line read by
 * its format's own reader (auto-detected per line): TRL rows in the standard or the conversational form
 * and HH-RLHF transcripts by trl.ts's `readPairRow`, goodhart-labels lines by labels.ts's
 * `readLabelLine`, ranked candidates by ranked.ts's schema, cap and index base. The lines themselves come
 * from jsonl.ts's reader (BOM, CRLF), the bytes from decode.ts. So a file gives the CLI the preferences
 * the browser's importer stores. Every problem is reported with its line number; nothing throws on bad
 * input.
 */
import { decodeBytes } from './decode';
import { pushAll } from '../stats/arrays';
import { forEachRankingPair, RankingPairBudget, type RankingPairsMode } from '../labeling/ranking';
import type { Strength } from '../types';
import { HH_ASSISTANT, isConversationalRow, splitHhTranscripts, type RowProblem } from './conversation';
import type { IndexSample } from './index-base';
import { jsonlReader } from './jsonl';
import { readLabelLine } from './labels';
import { rankedRowSchema, rankingBase, rankingSamples } from './ranked';
import { zodProblems } from './schemas';
import { readPairRow } from './trl';

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
  /** Valid lines or ranking pairs that give no preference and were left out, as the importer warns. */
  warnings: ParseIssue[];
  format: PairsFormat;
  /** Lines that carry no preference and are left out: `both_bad` labels, `chosen` equal to `rejected`. */
  skipped: number;
}

export { HH_ASSISTANT, splitHhTranscripts };

/** A row reader's problems as this parser's issues: the field named in the message, as ever. */
function issuesOf(line: number, problems: readonly RowProblem[]): ParseIssue[] {
  return problems.map(({ field, message }) =>
    field === undefined
      ? { line, message }
      : { line, field, message: message.startsWith('missing "') ? message : `"${field}": ${message}` },
  );
}

type LineResult =
  | { kind: 'pair'; format: Exclude<PairsFormat, 'mixed' | 'empty'>; pair: PreferencePair }
  | { kind: 'ranked'; prompt: string; texts: string[]; ranking: number[] }
  | { kind: 'skip'; warning?: ParseIssue }
  | { kind: 'error'; issues: ParseIssue[] };

function parseLine(line: number, obj: Record<string, unknown>, budget: RankingPairBudget): LineResult {
  if ('format' in obj || 'outcome' in obj) {
    if (obj.format !== undefined && obj.format !== 'goodhart-labels')
      return {
        kind: 'error',
        issues: [{ line, field: 'format', message: `unknown format ${JSON.stringify(obj.format)}` }],
      };
    const r = readLabelLine(obj);
    if (!r.ok) return { kind: 'error', issues: issuesOf(line, r.problems) };
    const d = r.line;
    if (d.outcome === 'both_bad') return { kind: 'skip' };
    const [chosen, rejected] =
      d.outcome === 'b' ? [d.response_b, d.response_a] : [d.response_a, d.response_b];
    const pair: PreferencePair = { prompt: d.prompt, chosen, rejected };
    if (d.strength !== undefined) pair.strength = d.strength;
    if (d.outcome === 'tie') pair.tie = true;
    return { kind: 'pair', format: 'goodhart-labels', pair };
  }
  if (!isConversationalRow(obj) && Array.isArray(obj.responses)) {
    // Ranked candidates: the ranking (best first) gives C(K,2) pairs, the better response as `chosen`.
    const r = rankedRowSchema.safeParse(obj);
    if (!r.success) return { kind: 'error', issues: issuesOf(line, zodProblems(r.error)) };
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
  if (isConversationalRow(obj) || 'prompt' in obj || 'chosen' in obj || 'rejected' in obj) {
    const r = readPairRow(obj);
    if (r.kind === 'invalid') return { kind: 'error', issues: issuesOf(line, r.problems) };
    if (r.kind === 'no-preference') return { kind: 'skip', warning: issuesOf(line, [r.problem])[0] };
    const pair: PreferencePair = { prompt: r.prompt, chosen: r.chosen, rejected: r.rejected };
    if (r.margin !== undefined) pair.margin = r.margin;
    return { kind: 'pair', format: r.form, pair };
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
 * goodhart-labels line (labels.ts `readLabelLine`; `both_bad` lines are skipped).
 * Never throws: bad JSON, missing fields and wrong types are returned in `errors`, rows that are valid
 * but give no preference in `warnings`; blank lines are ignored.
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
  const warnings: ParseIssue[] = [];
  const reader = jsonlReader({
    content: () => {},
    invalid: (line, message) => errors.push({ line, message }),
    row: (line, obj) => {
      if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) {
        errors.push({ line, message: 'expected a JSON object' });
        return;
      }
      const r = parseLine(line, obj as Record<string, unknown>, budget);
      if (r.kind === 'error') pushAll(errors, r.issues);
      else if (r.kind === 'skip') {
        skipped++;
        if (r.warning) warnings.push(r.warning);
      } else if (r.kind === 'ranked') {
        rankings.push({ at: pairs.length, line, ...r });
        pushAll(samples, rankingSamples(r.ranking, r.texts.length, line));
        formats.add('ranked');
      } else {
        pairs.push(r.pair);
        formats.add(r.format);
      }
    },
    finish: () => undefined,
  });
  reader.push(text);
  reader.finish();
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
      forEachRankingPair(ordered.length, budget.mode, (i, j) => {
        // As the ranked importer does: a response ranked against its own duplicate gives no preference.
        if (ordered[i] === ordered[j])
          warnings.push({
            line: k.line,
            field: 'ranking',
            message: `ranking compares a response with its duplicate (indices ${k.ranking[i]} and ${k.ranking[j]}); skipped`,
          });
        else merged.push({ prompt: k.prompt, chosen: ordered[i], rejected: ordered[j] });
      });
    }
    while (next < pairs.length) merged.push(pairs[next++]);
  }
  const format: PairsFormat =
    formats.size === 0 ? 'empty' : formats.size > 1 ? 'mixed' : ([...formats][0] as PairsFormat);
  return { pairs: merged, errors, warnings, format, skipped };
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
