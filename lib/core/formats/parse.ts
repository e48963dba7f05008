/**
 * The import entry points: `parseFile(name, text)` detects the format (or takes the one given) and
 * returns an ImportResult; `createImporter` is the same for text pushed in chunks (JSONL and CSV
 * formats are parsed record by record as they stream; whole-document formats are collected, then
 * parsed); `createFileImporter` and `parseFileBytes` take raw bytes through the shared decoder
 * (decode.ts: gzip, size cap, encoding). Nothing here throws on bad input: every problem is an issue
 * with a line.
 */
import { createByteDecoder, type DecodeOptions } from './decode';
import { createLabelsSink } from './labels';
import { csvReader, type CsvVisitor } from './csv';
import { detectFormat } from './detect';
import { arrayElementLines, parseJson } from './json';
import { jsonlReader, type StreamingImporter } from './jsonl';
import { createMappedSink } from './mapped-sink';
import { suggestMapping, type ColumnMapping } from './mapping';
import { createRankedSink } from './ranked';
import type { FormatId, ImportOptions, ImportResult, RowSink } from './result';
import type { DatasetFile } from '../types';
import { parseLabFile } from './session';
import { createPairSink } from './trl';
import { createTruthfulQaSink } from './truthfulqa';
import { ImportBuilder } from './builder';
import { MAX_CONTENT_WARNING_CHARS } from './schemas';

/**
 * The result with the content warning the import asked for (`opts.contentWarning`, else the column
 * mapping's `contentWarning`): not given, the
 * importer's own (HH-RLHF's default, or what a lab file carries) is kept; blank removes it; anything else,
 * trimmed, is set on the dataset (on every dataset of a session bundle). One longer than
 * MAX_CONTENT_WARNING_CHARS is an error, and nothing is changed.
 */
export function withContentWarning(result: ImportResult, opts: ParseOptions): ImportResult {
  const asked = opts.contentWarning ?? opts.mapping?.contentWarning;
  if (asked === undefined) return result;
  const text = asked.trim();
  if (text.length > MAX_CONTENT_WARNING_CHARS)
    return {
      ...result,
      issues: [
        ...result.issues,
        {
          line: 1,
          field: 'contentWarning',
          message: `the content warning is longer than ${MAX_CONTENT_WARNING_CHARS} characters (${text.length})`,
          severity: 'error',
        },
      ],
    };
  const set = (d: DatasetFile): DatasetFile => {
    const dataset = { ...d.dataset };
    if (text) dataset.contentWarning = text;
    else delete dataset.contentWarning;
    return { ...d, dataset };
  };
  return {
    ...result,
    dataset: set(result.dataset),
    ...(result.session ? { session: { ...result.session, datasets: result.session.datasets.map(set) } } : {}),
  };
}

/** Options for {@link parseFile}: force a format, give a column mapping for the generic formats. */
export interface ParseOptions extends ImportOptions {
  format?: FormatId;
  mapping?: ColumnMapping;
  /** Internal: `mapping` was suggested from the field names, not given (it is then reported as a guess). */
  mappingGuessed?: boolean;
}

/** How much text `detectFormat` looks at. */
export const DETECT_CHUNK = 64 * 1024;

/** A result that is only an error (unknown or unsupported format). */
function failed(fileName: string, format: string, message: string, opts: ImportOptions): ImportResult {
  const b = new ImportBuilder(format, fileName, opts.now, opts.maxIssues);
  b.log.add(1, message);
  return b.finish();
}

/** A mapped sink created on the first row, from `mapping` or a suggestion from that row's keys. */
function lazyMappedSink(format: FormatId, fileName: string, opts: ParseOptions): RowSink {
  const pending: string[] = [];
  let sink: RowSink | undefined;
  let unmapped: ImportBuilder | undefined;
  const make = (keys: string[]): RowSink => {
    const mapping = opts.mapping ?? suggestMapping(keys);
    if (mapping)
      sink = createMappedSink(
        format,
        fileName,
        mapping,
        opts,
        opts.mappingGuessed ?? opts.mapping === undefined,
      );
    else {
      unmapped = new ImportBuilder(format, fileName, opts.now, opts.maxIssues);
      unmapped.log.add(
        1,
        `cannot tell which field is the prompt and which are the responses (fields: ${keys.join(', ') || 'none'}); give a column mapping`,
      );
      const b = unmapped;
      sink = {
        content: () => {},
        row: () => b.row(false),
        invalid: () => b.row(false),
        finish: () => b.finish(),
      };
    }
    for (const t of pending) sink.content(t);
    return sink;
  };
  return {
    content: (t) => (sink ? sink.content(t) : pending.push(t)),
    row: (line, value) => {
      const keys =
        typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.keys(value) : [];
      (sink ?? make(keys)).row(line, value);
    },
    invalid: (line, message) => (sink ?? make([])).invalid(line, message),
    finish: () => (sink ?? make([])).finish(),
  };
}

/** Formats read line by line. */
export const JSONL_FORMATS: readonly FormatId[] = [
  'trl-jsonl',
  'hh-rlhf-jsonl',
  'goodhart-labels',
  'ranked-jsonl',
  'mapped-jsonl',
];

/** The row sink for a JSONL format, or undefined if the format is not line-based. */
function jsonlSink(format: FormatId, fileName: string, opts: ParseOptions): RowSink | undefined {
  switch (format) {
    case 'trl-jsonl':
    case 'hh-rlhf-jsonl':
      return createPairSink(format, fileName, opts);
    case 'goodhart-labels':
      return createLabelsSink(fileName, opts);
    case 'ranked-jsonl':
      return createRankedSink(fileName, opts);
    case 'mapped-jsonl':
      return lazyMappedSink(format, fileName, opts);
    default:
      return undefined;
  }
}

/** A streaming importer for a line-based format (`trl-jsonl`, `hh-rlhf-jsonl`, `goodhart-labels`, `ranked-jsonl`, `mapped-jsonl`). */
export function createJsonlImporter(
  format: FormatId,
  fileName = 'import.jsonl',
  opts: ParseOptions = {},
): StreamingImporter<ImportResult> {
  const sink = jsonlSink(format, fileName, opts);
  if (!sink) throw new Error(`${format} is not a JSONL format`);
  return jsonlReader(sink);
}

/** Formats read record by record from CSV. */
const CSV_FORMATS: readonly FormatId[] = ['truthfulqa-csv', 'mapped-csv'];

/**
 * The sink for a mapped CSV: the mapping is the one given or suggested from the header row, so the
 * sink (and the content hash, which starts with the mapping) waits for the header; text that arrives
 * before it is held, then fed in order. A file with no header row hashes no content.
 */
function mappedCsvSink(fileName: string, opts: ParseOptions): CsvVisitor & Omit<RowSink, 'row'> {
  const format = 'mapped-csv';
  let sink: RowSink | undefined;
  let early: string[] | undefined = [];
  return {
    header(fields) {
      sink = lazyMappedSink(format, fileName, {
        ...opts,
        mapping: opts.mapping ?? suggestMapping(fields),
        mappingGuessed: opts.mapping === undefined,
      });
      for (const t of early ?? []) sink.content(t);
      early = undefined;
    },
    content: (text) => (early ? early.push(text) : sink?.content(text)),
    row: (line, record) => sink?.row(line, record),
    invalid: (line, message) => (sink ??= lazyMappedSink(format, fileName, opts)).invalid(line, message),
    finish: () => (sink ?? lazyMappedSink(format, fileName, opts)).finish(),
  };
}

/** A streaming importer for a CSV format (`truthfulqa-csv`, `mapped-csv`): records parse as text arrives. */
function createCsvImporter(
  format: FormatId,
  fileName: string,
  opts: ParseOptions,
): StreamingImporter<ImportResult> {
  const sink =
    format === 'truthfulqa-csv' ? createTruthfulQaSink(fileName, opts) : mappedCsvSink(fileName, opts);
  const reader = csvReader(sink);
  return {
    push(chunk) {
      sink.content(chunk);
      reader.push(chunk);
    },
    finish() {
      reader.finish();
      return sink.finish();
    },
  };
}

/** Parse a whole text in a given format. */
function parseAs(format: FormatId, fileName: string, text: string, opts: ParseOptions): ImportResult {
  const line = jsonlSink(format, fileName, opts);
  if (line) {
    const reader = jsonlReader(line);
    reader.push(text);
    return reader.finish();
  }
  switch (format) {
    case 'goodhart-dataset':
    case 'goodhart-session':
      return parseLabFile(fileName, text, opts);
    case 'truthfulqa-csv':
    case 'mapped-csv': {
      const reader = createCsvImporter(format, fileName, opts);
      reader.push(text);
      return reader.finish();
    }
    case 'mapped-json': {
      const parsed = parseJson(text);
      if (!parsed.ok) return failed(fileName, format, parsed.message, opts);
      const v = parsed.value;
      const wrapped =
        typeof v === 'object' && v !== null && !Array.isArray(v)
          ? Object.values(v).find((x) => Array.isArray(x))
          : undefined;
      const rows = Array.isArray(v) ? v : wrapped;
      if (!Array.isArray(rows))
        return failed(fileName, format, 'expected a JSON array of records (or an object holding one)', opts);
      const lines = Array.isArray(v) ? arrayElementLines(text) : [];
      const sink = lazyMappedSink(format, fileName, opts);
      sink.content(text);
      rows.forEach((row, i) => sink.row(lines[i] ?? 1, row));
      return sink.finish();
    }
    case 'arena-battles':
      return failed(
        fileName,
        format,
        'Chatbot Arena battles are not a dataset: rank models with `goodhart leaderboard`',
        opts,
      );
    default:
      return failed(fileName, format, `unsupported format "${String(format)}"`, opts);
  }
}

/** Import `text` (already decompressed) from a file called `name`: detect the format unless given. */
export function parseFile(name: string, text: string, opts: ParseOptions = {}): ImportResult {
  const format = opts.format ?? detectFormat(name, text.slice(0, DETECT_CHUNK)).format;
  if (format === 'unknown')
    return failed(
      name,
      'unknown',
      'cannot recognise the format; choose one (or give a column mapping)',
      opts,
    );
  return withContentWarning(parseAs(format, name, text, opts), opts);
}

/** A streaming importer of raw file bytes; see {@link createFileImporter}. */
export interface FileImporter {
  /** Feed the next bytes; false once the file is refused (stop reading: `finish` says why). */
  push(chunk: Uint8Array): boolean;
  /** The first {@link DETECT_CHUNK} characters of decoded text. */
  readonly head: string;
  finish(): ImportResult;
}

/**
 * Import raw file bytes as they stream in (the browser's import worker and `goodhart import` both use
 * this): the shared decoder of decode.ts (gzip, size cap, encoding), then {@link createImporter}. A file
 * the decoder refuses (truncated or corrupt gzip, too large, bad encoding) gives a result with that one
 * error and no rows, whatever was parsed before; the decoder's warnings (an encoding it had to infer)
 * come first in the issues.
 */
export function createFileImporter(fileName: string, opts: ParseOptions & DecodeOptions = {}): FileImporter {
  const importer = createImporter(fileName, opts);
  let head = '';
  const decoder = createByteDecoder((text) => {
    if (head.length < DETECT_CHUNK) head += text.slice(0, DETECT_CHUNK - head.length);
    importer.push(text);
  }, opts);
  return {
    push: (chunk) => decoder.push(chunk),
    get head() {
      return head;
    },
    finish() {
      const decoded = decoder.finish();
      if (decoded.error) {
        const format = opts.format ?? detectFormat(fileName, head).format;
        const b = new ImportBuilder(format, fileName, opts.now, opts.maxIssues);
        for (const w of decoded.warnings) b.log.add(w.line, w.message, 'warning');
        b.log.add(decoded.error.line, decoded.error.message);
        return b.finish();
      }
      const result = importer.finish();
      return decoded.warnings.length > 0
        ? { ...result, issues: [...decoded.warnings, ...result.issues] }
        : result;
    },
  };
}

/** Import a whole file's raw bytes (see {@link createFileImporter}). */
export function parseFileBytes(
  name: string,
  bytes: Uint8Array,
  opts: ParseOptions & DecodeOptions = {},
): ImportResult {
  const importer = createFileImporter(name, opts);
  // In slices, so a refused file (a gzip bomb) stops early.
  for (let i = 0; i < bytes.length; i += 1 << 20) if (!importer.push(bytes.subarray(i, i + (1 << 20)))) break;
  return importer.finish();
}

/**
 * A streaming importer for any format: JSONL formats parse line by line and CSV formats record by
 * record as text arrives; other formats collect the text and parse it at `finish`. With no `format`,
 * the first {@link DETECT_CHUNK} characters decide (so the result never depends on how the text was
 * chunked).
 */
export function createImporter(fileName: string, opts: ParseOptions = {}): StreamingImporter<ImportResult> {
  let inner: StreamingImporter<ImportResult> | undefined;
  let decided = false;
  const collected: string[] = [];
  let size = 0;
  const decide = () => {
    decided = true;
    const head = collected.join('');
    const format = opts.format ?? detectFormat(fileName, head.slice(0, DETECT_CHUNK)).format;
    if (format === 'unknown') return;
    if (JSONL_FORMATS.includes(format)) inner = createJsonlImporter(format, fileName, opts);
    else if (CSV_FORMATS.includes(format)) inner = createCsvImporter(format, fileName, opts);
    if (inner) {
      collected.length = 0;
      if (head) inner.push(head);
    }
  };
  return {
    push(chunk) {
      if (inner) return inner.push(chunk);
      collected.push(chunk);
      size += chunk.length;
      if (!decided && (opts.format !== undefined || size >= DETECT_CHUNK)) decide();
    },
    finish() {
      if (!decided) decide();
      return inner ? withContentWarning(inner.finish(), opts) : parseFile(fileName, collected.join(''), opts);
    },
  };
}
