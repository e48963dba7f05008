/**
 * Generic JSONL, CSV and JSON through a column mapping: the user (or `suggestMapping`) says which field
 * holds the prompt, the responses (or a chosen/rejected pair), the winner and the gold. Rows become
 * prompts and responses; a chosen/rejected pair or a winner becomes comparisons credited to an
 * annotator named after the file.
 *
 * Winner values: `a`/`model_a`/`response_a`/`left`/`first`/index 0 → first response; likewise `b`/… /1
 * → second; `tie`; `both_bad`/`tie (bothbad)`/`neither`; or a response field's name or a response's
 * text. With more than two responses the winner beats each of the others. Gold (`correct`): an array
 * of booleans (one per response), a boolean-like value when there is one response, or the index, field
 * name or text of the one correct response (the others are then incorrect).
 */
import { z } from 'zod';
import type { Outcome } from '../types';
import { ImportBuilder, importAnnotatorName } from './builder';
import type { ImportOptions, RowSink } from './result';

/** Which field of a row holds what. Field names may be dotted paths into nested objects. */
export const columnMappingSchema = z.object({
  prompt: z.string().min(1),
  responses: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
  chosen: z.string().min(1).optional(),
  rejected: z.string().min(1).optional(),
  winner: z.string().min(1).optional(),
  correct: z.string().min(1).optional(),
  category: z.string().min(1).optional(),
});

/** A column mapping (see {@link columnMappingSchema}). */
export type ColumnMapping = z.infer<typeof columnMappingSchema>;

const norm = (h: string) => h.toLowerCase().replace(/[\s_-]+/g, '');
const PROMPT = ['prompt', 'question', 'q', 'instruction', 'input', 'query', 'context', 'turn1', 'user'];
const CHOSEN = ['chosen', 'preferred', 'better', 'responsechosen', 'chosenresponse'];
const REJECTED = ['rejected', 'dispreferred', 'worse', 'responserejected', 'rejectedresponse'];
const RESPONSE_LIST = ['responses', 'completions', 'candidates', 'answers', 'outputs'];
const RESPONSE_EACH = /^(response|answer|completion|output|candidate|model)(a|b|c|d|\d+)$/;
const SINGLE_RESPONSE = ['response', 'answer', 'completion', 'output'];
const WINNER = ['winner', 'preference', 'choice', 'label'];
const CORRECT = ['correct', 'iscorrect', 'gold', 'correctindex', 'goldindex'];
const CATEGORY = ['category', 'topic', 'subject', 'type'];

/**
 * Propose a mapping for these headers (CSV columns or the keys of the first JSON rows), or undefined if
 * no prompt field, or neither responses nor a chosen/rejected pair, can be recognised.
 */
export function suggestMapping(headers: string[]): ColumnMapping | undefined {
  const find = (names: string[]) => headers.find((h) => names.includes(norm(h)));
  const prompt = find(PROMPT);
  if (prompt === undefined) return undefined;
  const mapping: ColumnMapping = { prompt };
  const chosen = find(CHOSEN);
  const rejected = find(REJECTED);
  if (chosen !== undefined && rejected !== undefined) {
    mapping.chosen = chosen;
    mapping.rejected = rejected;
  } else {
    const each = headers.filter((h) => RESPONSE_EACH.test(norm(h)));
    const list = find(RESPONSE_LIST) ?? find(SINGLE_RESPONSE);
    if (each.length >= 2) mapping.responses = each;
    else if (list !== undefined) mapping.responses = list;
    else return undefined;
    const winner = find(WINNER);
    if (winner !== undefined) mapping.winner = winner;
  }
  const correct = find(CORRECT);
  if (correct !== undefined) mapping.correct = correct;
  const category = find(CATEGORY);
  if (category !== undefined) mapping.category = category;
  return mapping;
}

/** Read `path` from a row: the key itself if present, else a dotted path into nested objects. */
export function getField(row: unknown, path: string): unknown {
  if (typeof row !== 'object' || row === null) return undefined;
  const rec = row as Record<string, unknown>;
  if (Object.prototype.hasOwnProperty.call(rec, path)) return rec[path];
  let cur: unknown = row;
  for (const part of path.split('.')) {
    if (typeof cur !== 'object' || cur === null || !Object.prototype.hasOwnProperty.call(cur, part))
      return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

const textValue = z.union([z.string(), z.number().transform(String)]);
const responseItem = z.union([textValue, z.object({ text: z.string() }).transform((o) => o.text)]);

const OUTCOMES: Record<string, Outcome> = {
  a: 'a',
  modela: 'a',
  responsea: 'a',
  left: 'a',
  first: 'a',
  b: 'b',
  modelb: 'b',
  responseb: 'b',
  right: 'b',
  second: 'b',
  tie: 'tie',
  bothbad: 'both_bad',
  tiebothbad: 'both_bad',
  neither: 'both_bad',
};

const BOOL: Record<string, boolean> = {
  true: true,
  yes: true,
  y: true,
  '1': true,
  false: false,
  no: false,
  n: false,
  '0': false,
};

/** Index of the response a value names (index, field name or text), or -1. */
function pick(value: unknown, fields: string[], texts: string[]): number {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < texts.length)
    return value;
  if (typeof value !== 'string') return -1;
  const s = value.trim();
  if (/^\d+$/.test(s) && Number(s) < texts.length) return Number(s);
  const byField = fields.indexOf(s);
  return byField >= 0 ? byField : texts.indexOf(value);
}

/** A sink for rows read through a column mapping. */
export function createMappedSink(
  format: string,
  fileName: string,
  mapping: ColumnMapping,
  opts: ImportOptions = {},
): RowSink {
  const b = new ImportBuilder(format, fileName, opts.now, opts.maxIssues);
  const annotatorName = importAnnotatorName(fileName);
  b.hashContent(JSON.stringify(mapping));

  function add(line: number, row: unknown): boolean {
    const err = (message: string, field?: string) => b.log.add(line, message, 'error', field);
    if (typeof row !== 'object' || row === null || Array.isArray(row))
      return (err('expected an object'), false);
    const prompt = textValue.safeParse(getField(row, mapping.prompt));
    if (!prompt.success || prompt.data.trim() === '')
      return (err('missing or empty prompt', mapping.prompt), false);
    const category = mapping.category ? getField(row, mapping.category) : undefined;
    let fields: string[];
    let texts: string[];
    if (mapping.chosen && mapping.rejected) {
      fields = [mapping.chosen, mapping.rejected];
      texts = [];
      for (const f of fields) {
        const v = textValue.safeParse(getField(row, f));
        if (!v.success) return (err('missing or not text', f), false);
        texts.push(v.data);
      }
    } else if (Array.isArray(mapping.responses)) {
      fields = [];
      texts = [];
      for (const f of mapping.responses) {
        const v = getField(row, f);
        if (v === undefined || v === null || v === '') continue;
        const t = textValue.safeParse(v);
        if (!t.success) return (err('not text', f), false);
        fields.push(f);
        texts.push(t.data);
      }
    } else if (mapping.responses) {
      const field = mapping.responses;
      const v = getField(row, field);
      const list = z.array(responseItem).safeParse(Array.isArray(v) ? v : [v]);
      if (!list.success || v === undefined)
        return (err('missing, or not text or a list of texts', field), false);
      texts = list.data;
      fields = texts.map((_, i) => `${field}.${i}`);
    } else return (err('the mapping names no responses and no chosen/rejected pair'), false);
    if (texts.length === 0) return (err('no responses', String(mapping.responses)), false);

    // Read the winner before adding anything, so a row with an error contributes nothing.
    let winner: { outcome: Outcome } | { index: number } | undefined;
    if (mapping.chosen && mapping.rejected) winner = { outcome: 'a' };
    else if (mapping.winner) {
      const v = getField(row, mapping.winner);
      if (v !== undefined && v !== null && v !== '') {
        const named = typeof v === 'string' ? OUTCOMES[norm(v).replace(/[()]/g, '')] : undefined;
        if (texts.length === 2 && named !== undefined) winner = { outcome: named };
        else {
          const w = named === 'a' ? 0 : named === 'b' ? 1 : pick(v, fields, texts);
          if (w < 0 || w >= texts.length)
            return (err(`cannot read winner "${String(v)}"`, mapping.winner), false);
          winner = { index: w };
        }
      }
    }

    const p = b.prompt(
      prompt.data,
      typeof category === 'string' && category.trim() ? category.trim() : 'uncategorized',
      line,
    );
    let gold: (boolean | undefined)[] = texts.map(() => undefined);
    if (mapping.correct) {
      const v = getField(row, mapping.correct);
      const asBool = (x: unknown) =>
        typeof x === 'boolean' ? x : typeof x === 'string' ? BOOL[x.trim().toLowerCase()] : undefined;
      if (Array.isArray(v) && v.length === texts.length && v.every((x) => asBool(x) !== undefined))
        gold = v.map(asBool);
      else if (texts.length === 1 && asBool(v) !== undefined) gold = [asBool(v)];
      else if (v !== undefined && v !== '') {
        const i = pick(v, fields, texts);
        if (i < 0)
          b.log.add(
            line,
            `cannot tell which response "${String(v)}" marks correct; gold ignored`,
            'warning',
            mapping.correct,
          );
        else gold = texts.map((_, j) => j === i);
      }
    }
    const keys = texts.map((text, i) => {
      const r = b.response(p.key, text, gold[i] === undefined ? {} : { correct: gold[i] }, line);
      if (!r.isNew && r.line === line) {
        b.duplicates++;
        b.log.add(line, 'duplicate response in one row; merged', 'warning', fields[i]);
      }
      if (r.conflict)
        b.log.add(line, 'response repeated with different gold; gold cleared', 'warning', fields[i]);
      return r.key;
    });
    if (winner === undefined) return true;
    const annotator = b.annotator(annotatorName);
    if ('outcome' in winner) {
      if (keys[0] === keys[1])
        b.log.add(line, 'the two responses are identical; no comparison made', 'warning', fields[1]);
      else b.comparison({ prompt: p.key, a: keys[0], b: keys[1], outcome: winner.outcome, annotator });
      return true;
    }
    const w = winner.index;
    for (let j = 0; j < keys.length; j++) {
      if (j !== w && keys[j] !== keys[w])
        b.comparison({ prompt: p.key, a: keys[w], b: keys[j], outcome: 'a', annotator });
    }
    return true;
  }

  return {
    content: (text) => b.hashContent(text),
    row: (line, value) => b.row(add(line, value)),
    invalid: (line, message) => {
      b.log.add(line, message);
      b.row(false);
    },
    finish: () => b.finish(),
  };
}
