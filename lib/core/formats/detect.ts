/**
 * Format detection from a file name and the first chunk of its (decompressed) text: the lab's own
 * formats by their `format` field, TRL / HH-RLHF / ranked / Arena JSONL by the keys of the first
 * records (TRL's conversational form, with `chosen`/`rejected` as message lists, by those lists),
 * TruthfulQA CSV by its header names, anything else as generic JSONL/CSV/JSON for a mapping.
 */
import Papa from 'papaparse';
import { truthfulQaColumns } from './truthfulqa';
import { suggestMapping } from './mapping';
import type { FormatId } from './result';

/** A guess and how sure it is (0 = no idea, 1 = certain). */
export interface Detection {
  format: FormatId | 'unknown';
  confidence: number;
}

/** Keys of the first JSONL record (by parsing it, or, if it is cut off, by scanning for `"key":`). */
function firstRecordKeys(line: string): {
  keys: string[];
  complete: boolean;
  value?: Record<string, unknown>;
} {
  try {
    const v: unknown = JSON.parse(line);
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
      return { keys: Object.keys(v), complete: true, value: v as Record<string, unknown> };
    }
    return { keys: [], complete: true };
  } catch {
    const keys = [...line.matchAll(/[{,]\s*"([^"\\]{1,64})"\s*:/g)].map((m) => m[1]);
    return { keys: [...new Set(keys)], complete: false };
  }
}

/** Whether a record (or, cut off, its text) holds `prompt`, `chosen` or `rejected` as a list of messages. */
function conversational(line: string): boolean {
  return /[{,]\s*"(?:prompt|chosen|rejected)"\s*:\s*\[/.test(line);
}

/** Guess the format of a file from its name and its first few kilobytes of text. */
export function detectFormat(fileName: string, firstChunk: string): Detection {
  const name = fileName.toLowerCase().replace(/\.gz$/, '');
  const text = firstChunk.replace(/^\ufeff/, '').trimStart();
  if (text === '') return { format: 'unknown', confidence: 0 };
  const lab = /"format"\s*:\s*"(goodhart-session|goodhart-dataset|goodhart-labels)"/.exec(
    text.slice(0, 4096),
  );
  const firstLine = text.split('\n', 1)[0];

  if (text.startsWith('{')) {
    const first = firstRecordKeys(firstLine);
    const { complete, value } = first;
    // Keys of the first few records together, so one incomplete record does not decide.
    const keySet = new Set(first.keys);
    const lines = text.split('\n', 21).slice(0, 20);
    for (const l of lines.slice(1)) for (const k of firstRecordKeys(l).keys) keySet.add(k);
    const keys = [...keySet];
    const sure = complete ? 0.95 : 0.8;
    if (lab && lab[1] === 'goodhart-labels') return { format: 'goodhart-labels', confidence: 0.99 };
    // A pretty-printed or cut-off lab file, or a one-line one whose first record says so.
    if (lab && (!complete || first.keys.length === 0 || value?.format === lab[1])) {
      return { format: lab[1] as FormatId, confidence: 0.95 };
    }
    const has = (k: string) => keys.includes(k);
    if (has('outcome') && has('response_a') && has('response_b'))
      return { format: 'goodhart-labels', confidence: sure };
    if (has('chosen') || has('rejected')) {
      const both = has('chosen') && has('rejected') ? sure : 0.6;
      const trl = has('prompt') || lines.some(conversational);
      return { format: trl ? 'trl-jsonl' : 'hh-rlhf-jsonl', confidence: both };
    }
    if (has('model_a') && has('model_b') && has('winner'))
      return { format: 'arena-battles', confidence: sure };
    if (has('prompt') && has('responses')) return { format: 'ranked-jsonl', confidence: sure * 0.95 };
    if (firstLine.trim() === '{') return { format: 'mapped-json', confidence: 0.3 };
    return { format: 'mapped-jsonl', confidence: suggestMapping(keys) ? 0.6 : 0.3 };
  }
  if (text.startsWith('[')) return { format: 'mapped-json', confidence: 0.6 };

  const header =
    Papa.parse<string[]>(firstLine, { header: false, delimitersToGuess: [',', '\t', ';', '|'] }).data[0] ??
    [];
  const fields = header.map((h) => h.trim());
  const tqa = truthfulQaColumns(fields);
  if (tqa.question && tqa.correct && tqa.incorrect) return { format: 'truthfulqa-csv', confidence: 0.95 };
  const csvName = /\.(csv|tsv)$/.test(name);
  if (fields.length > 1 || csvName)
    return { format: 'mapped-csv', confidence: suggestMapping(fields) ? 0.6 : csvName ? 0.4 : 0.2 };
  return { format: 'unknown', confidence: 0 };
}

/** The text of the first element of a top-level JSON array (up to the end of `text` if it is cut off). */
function firstArrayElement(text: string): string {
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 1; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (start < 0) {
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') continue;
      start = i;
    }
    if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
    if (depth <= 0 && (c === ',' || c === '}' || c === ']')) return text.slice(start, c === ',' ? i : i + 1);
  }
  return start < 0 ? '' : text.slice(start);
}

/**
 * The field names of a file's first record, for the column-mapping form, from the first chunk of its
 * text: the keys of the first JSONL object, of the first element of a JSON array (whatever the file is
 * called), or the CSV header.
 */
export function recordFields(firstChunk: string): string[] {
  const text = firstChunk.replace(/^\ufeff/, '').trimStart();
  if (text.startsWith('[')) {
    const element = firstArrayElement(text);
    return element.startsWith('{') ? firstRecordKeys(element).keys : [];
  }
  const line = text.split('\n', 1)[0] ?? '';
  if (line.startsWith('{')) return firstRecordKeys(line).keys;
  const row = Papa.parse<string[]>(line).data[0];
  return Array.isArray(row) && row.length > 1 ? row.map((s) => s.trim()) : [];
}
