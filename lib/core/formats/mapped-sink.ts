/**
 * The mapped-row sink: rows of generic JSONL, CSV or JSON read through a column mapping (./mapping.ts)
 * become prompts and responses; a chosen/rejected pair or a winner becomes comparisons credited to an
 * annotator named after the file. Winner and gold numbers count from 0 or 1 as the mapping says, else as
 * ./index-base.ts infers from the whole column; rows holding such a number are therefore added only once
 * the whole file is read, and every reading is reported in the result's `readings`. How each cell is
 * read is in ./mapped-values.ts.
 */
import { z } from 'zod';
import type { Outcome } from '../types';
import { ImportBuilder, importAnnotatorName } from './builder';
import {
  ambiguousBaseMessage,
  asIndexNumber,
  describeBase,
  toZeroBased,
  type IndexBase,
  type IndexSample,
} from './index-base';
import {
  BOOL,
  OUTCOME_WORDS,
  OUTCOMES,
  named,
  nth,
  outOfRange,
  responseItem,
  textValue,
  verdictFor,
  type GoldRead,
  type WinnerRead,
} from './mapped-values';
import { describeMapping, getField, norm, type ColumnMapping } from './mapping';
import type { ImportOptions, ImportReading, RowSink } from './result';

/** A row read and checked, waiting for the whole column to fix the index bases. */
interface PendingRow {
  line: number;
  prompt: string;
  category: string;
  fields: string[];
  texts: string[];
  winner?: WinnerRead;
  gold?: GoldRead;
}

/**
 * A sink for rows read through a column mapping; `guessed` says the mapping was suggested from the field
 * names (it is then reported among the readings, for the user to check).
 */
export function createMappedSink(
  format: string,
  fileName: string,
  mapping: ColumnMapping,
  opts: ImportOptions = {},
  guessed = false,
): RowSink {
  const b = new ImportBuilder(format, fileName, opts.now, opts.maxIssues);
  const annotatorName = importAnnotatorName(fileName);
  b.hashContent(JSON.stringify(mapping));
  const pending: PendingRow[] = [];
  const winnerNumbers: IndexSample[] = [];
  const goldNumbers: IndexSample[] = [];
  /** Each distinct named winner value and how it was read, with its count (for the readings). */
  const winnerWords = new Map<string, { meaning: string; count: number }>();

  function noteWord(raw: string, meaning: string): void {
    const seen = winnerWords.get(raw);
    if (seen) seen.count++;
    else if (winnerWords.size < 12) winnerWords.set(raw, { meaning, count: 1 });
  }

  /**
   * Reads and checks one row; returns false (with errors logged) when it is not usable. A usable row is
   * added at once, or kept for `finish` when it holds a winner or gold number.
   */
  function read(line: number, row: unknown): boolean {
    const err = (message: string, field?: string) => b.log.add(line, message, 'error', field);
    if (typeof row !== 'object' || row === null || Array.isArray(row))
      return (err('expected an object'), false);
    const prompt = textValue.safeParse(getField(row, mapping.prompt));
    if (!prompt.success || prompt.data.trim() === '')
      return (err('missing or empty prompt', mapping.prompt), false);
    const categoryValue = mapping.category ? getField(row, mapping.category) : undefined;
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
    const k = texts.length;

    let winner: WinnerRead | undefined;
    if (mapping.chosen && mapping.rejected) winner = { kind: 'outcome', outcome: 'a', raw: 'chosen' };
    else if (mapping.winner) {
      const v = getField(row, mapping.winner);
      if (v !== undefined && v !== null && v !== '') {
        const raw = String(v);
        const word = typeof v === 'string' ? OUTCOMES[norm(v).replace(/[()]/g, '')] : undefined;
        const num = asIndexNumber(v);
        const byName = named(v, fields, texts);
        if (word !== undefined && k === 2) winner = { kind: 'outcome', outcome: word, raw };
        else if ((word === 'a' || word === 'b') && k > (word === 'a' ? 0 : 1))
          winner = { kind: 'index', index: word === 'a' ? 0 : 1, raw };
        else if (num !== undefined && num >= 0 && num <= k) {
          if (mapping.winnerBase !== undefined && toZeroBased(num, mapping.winnerBase, k) < 0)
            return (err(outOfRange('winner', num, k, mapping.winnerBase), mapping.winner), false);
          winner = { kind: 'number', value: num };
        } else if (byName >= 0) winner = { kind: 'index', index: byName, raw };
        else if (num !== undefined)
          return (err(outOfRange('winner', num, k, mapping.winnerBase), mapping.winner), false);
        else return (err(`cannot read winner "${raw}"`, mapping.winner), false);
      }
    }

    let gold: GoldRead | undefined;
    if (mapping.correct) {
      const v = getField(row, mapping.correct);
      const asBool = (x: unknown) =>
        typeof x === 'boolean' ? x : typeof x === 'string' ? BOOL[x.trim().toLowerCase()] : undefined;
      const num = asIndexNumber(v);
      if (Array.isArray(v) && v.length === k && v.every((x) => asBool(x) !== undefined))
        gold = { kind: 'flags', gold: v.map(asBool) };
      else if (k === 1 && asBool(v) !== undefined) gold = { kind: 'flags', gold: [asBool(v)] };
      else if (num !== undefined && num >= 0 && num <= k) {
        if (mapping.correctBase !== undefined && toZeroBased(num, mapping.correctBase, k) < 0)
          return (err(outOfRange('gold index', num, k, mapping.correctBase), mapping.correct), false);
        gold = { kind: 'number', value: num };
      } else if (v !== undefined && v !== null && v !== '') {
        const i = named(v, fields, texts);
        gold = i >= 0 ? { kind: 'index', index: i } : { kind: 'unreadable', raw: String(v) };
      }
    }

    if (winner?.kind === 'number') winnerNumbers.push({ value: winner.value, k, line });
    else if (winner?.kind === 'outcome' && !(mapping.chosen && mapping.rejected))
      noteWord(winner.raw, OUTCOME_WORDS[winner.outcome]);
    else if (winner?.kind === 'index') noteWord(winner.raw, `${nth(winner.index)} response wins`);
    if (gold?.kind === 'number') goldNumbers.push({ value: gold.value, k, line });
    const checked: PendingRow = {
      line,
      prompt: prompt.data,
      category:
        typeof categoryValue === 'string' && categoryValue.trim() ? categoryValue.trim() : 'uncategorized',
      fields,
      texts,
      winner,
      gold,
    };
    // A row with a number waits for its column's base, and every row after it waits too (so rows are
    // added in file order); the rows before the first number are added as they stream in.
    if (pending.length > 0 || winner?.kind === 'number' || gold?.kind === 'number') pending.push(checked);
    else b.row(add(checked, null, null));
    return true;
  }

  /** Adds a checked row's prompt, responses and comparisons; false when its numbers cannot be read. */
  function add(row: PendingRow, winnerBase: IndexBase | null, goldBase: IndexBase | null): boolean {
    const { line, fields, texts } = row;
    const k = texts.length;
    let winner: { outcome: Outcome } | { index: number } | undefined;
    if (row.winner?.kind === 'outcome') winner = { outcome: row.winner.outcome };
    else if (row.winner?.kind === 'index') winner = { index: row.winner.index };
    else if (row.winner?.kind === 'number') {
      if (winnerBase === null) return false;
      winner = { index: toZeroBased(row.winner.value, winnerBase, k) };
    }
    let gold: (boolean | undefined)[] = texts.map(() => undefined);
    if (row.gold?.kind === 'flags') gold = row.gold.gold;
    else if (row.gold?.kind === 'index')
      gold = texts.map((_, j) => j === (row.gold as { index: number }).index);
    else if (row.gold?.kind === 'number') {
      if (goldBase === null) return false;
      const i = toZeroBased(row.gold.value, goldBase, k);
      gold = texts.map((_, j) => j === i);
    } else if (row.gold?.kind === 'unreadable')
      b.log.add(
        line,
        `cannot tell which response "${row.gold.raw}" marks correct; gold ignored`,
        'warning',
        mapping.correct,
      );

    const p = b.prompt(row.prompt, row.category, line);
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

  /** Settles one numeric column: its base (null when ambiguous), with a reading or an error. */
  function settle(
    what: string,
    field: string | undefined,
    given: IndexBase | undefined,
    samples: IndexSample[],
    key: string,
    readings: ImportReading[],
  ): IndexBase | null {
    const v = verdictFor(given, samples);
    if (v.kind === 'none' || field === undefined) return null;
    if (v.kind === 'ambiguous') {
      b.log.add(Math.max(v.zeroLine, v.topLine), ambiguousBaseMessage(what, field, v, key), 'error', field);
      return null;
    }
    readings.push({
      field,
      what,
      reading: `${what} numbers read as ${describeBase(v.base)}: ${v.why} (${samples.length} rows)`,
      guessed: given === undefined,
    });
    return v.base;
  }

  return b.sink(read, () => {
    const readings: ImportReading[] = guessed
      ? [
          {
            field: '(columns)',
            what: 'mapping',
            reading: `suggested from the field names: ${describeMapping(mapping)}`,
            guessed: true,
          },
        ]
      : [];
    const winnerBase = settle(
      'winner',
      mapping.winner,
      mapping.winnerBase,
      winnerNumbers,
      'winnerBase',
      readings,
    );
    const goldBase = settle(
      'gold index',
      mapping.correct,
      mapping.correctBase,
      goldNumbers,
      'correctBase',
      readings,
    );
    if (winnerWords.size > 0 && mapping.winner)
      readings.push({
        field: mapping.winner,
        what: 'winner',
        reading: [...winnerWords].map(([raw, w]) => `"${raw}" → ${w.meaning} (${w.count})`).join('; '),
        guessed: false,
      });
    for (const row of pending) b.row(add(row, winnerBase, goldBase));
    const result = b.finish();
    return readings.length > 0 ? { ...result, readings } : result;
  });
}
