/**
 * CSV reading for the importers, on papaparse: the header row is read by name, each data row becomes an
 * object keyed by header, and every row carries the 1-based line it starts on (quoted fields may span
 * lines, so rows and lines differ). Blank lines are skipped; malformed rows are reported, never thrown.
 *
 * Reading streams: push text in chunks of any size and every complete record is parsed as it arrives;
 * only the unfinished last record is held. The dialect (delimiter and line ending) is guessed once from
 * the first {@link CSV_GUESS_CHUNK} characters, so the rows, problems and line numbers are the same for
 * any chunking of the same text, and {@link readCsv} of the whole text is the same reader pushed once.
 */
import Papa from 'papaparse';
import { MAX_RECORD_CHARS, recordTooLong } from './limits';

/** Receives the rows of a CSV text. */
export interface CsvVisitor {
  header(fields: string[]): void;
  row(line: number, record: Record<string, string>): void;
  invalid(line: number, message: string): void;
}

/** A streaming CSV reader: `push` chunks in order, then `finish` once. */
export interface CsvReader {
  push(chunk: string): void;
  finish(): void;
  /** Characters not parsed yet: all of them until the dialect is known, then the unfinished record. */
  readonly pending: number;
}

/** How much text the delimiter and line-ending guess looks at (the same window as format detection). */
export const CSV_GUESS_CHUNK = 64 * 1024;

const DELIMITERS = [',', '\t', ';', '|'];

/** One row as papaparse's low-level parser steps it: the cells, its problems, the offset just past it. */
interface StepResult {
  data: string[][];
  errors: Papa.ParseError[];
  meta: { cursor: number };
}

/**
 * A streaming reader of CSV text (delimiter detected: comma, tab, semicolon, pipe) that visits its rows.
 * `guessChunk` (default {@link CSV_GUESS_CHUNK}) is how much text the dialect guess waits for.
 */
export function csvReader(visitor: CsvVisitor, guessChunk = CSV_GUESS_CHUNK): CsvReader {
  /** Leading characters checked for a byte-order mark (2 = done). */
  let boms = 0;
  let finished = false;
  let dialect: { delimiter: string; newline: string } | undefined;
  /** Unparsed text: all of it until the dialect is known, then from the start of the unfinished record. */
  let buffer = '';
  /** The physical line `buffer` starts on. */
  let line = 1;
  /** Parse again once `buffer` is this long (twice the unfinished record: re-read O(1) times). */
  let threshold = 0;
  let header: string[] | undefined;
  /** The unfinished record grew past MAX_RECORD_CHARS: reading stopped there (the rest is ignored). */
  let stopped = false;

  /** After a parse: an unfinished record longer than the limit stops the reading, reported on its line. */
  function checkRecordLength(): void {
    if (!dialect || buffer.length <= MAX_RECORD_CHARS) return;
    visitor.invalid(
      line,
      `${recordTooLong('record', buffer.length)}: reading stopped here (is a quote left open on this line?)`,
    );
    stopped = true;
    buffer = '';
  }

  function visit(at: number, cells: string[], errors: Papa.ParseError[]): void {
    if (header === undefined) {
      if (cells.length === 1 && cells[0].trim() === '' && errors.length === 0) return;
      header = cells.map((c) => c.trim());
      visitor.header(header);
      for (const e of errors) visitor.invalid(at, `header: ${e.message}`);
      return;
    }
    if (cells.length === 1 && cells[0] === '' && errors.length === 0) return;
    if (errors.length > 0) {
      visitor.invalid(at, errors.map((e) => e.message).join('; '));
      return;
    }
    if (cells.length !== header.length) {
      visitor.invalid(at, `expected ${header.length} fields but found ${cells.length}`);
      return;
    }
    const record: Record<string, string> = {};
    header.forEach((name, i) => {
      record[name] = cells[i];
    });
    visitor.row(at, record);
  }

  /** Guess the dialect from the start of the text, as papaparse would for the whole text. */
  function guess(sample: string): { delimiter: string; newline: string } {
    const meta = Papa.parse<string[]>(sample, { delimitersToGuess: DELIMITERS, preview: 1 }).meta;
    return { delimiter: meta.delimiter || ',', newline: meta.linebreak || '\n' };
  }

  /** Visit the complete records in `buffer` (all of it when `final`), keeping the unfinished one. */
  function parse(final: boolean): void {
    if (!dialect) return;
    const text = buffer;
    let rowStart = 0;
    let counted = 0;
    let rowLine = line;
    const advance = (to: number) => {
      for (let i = counted; i < to; i++) if (text.charCodeAt(i) === 10) rowLine++;
      counted = to;
    };
    const parser = new Papa.Parser({
      delimiter: dialect.delimiter,
      newline: dialect.newline as Papa.ParseConfig['newline'],
      quoteChar: '"',
      // One code path whatever a block holds (papaparse splits quote-free input another way).
      fastMode: false,
      step: (result: StepResult) => {
        advance(rowStart);
        visit(rowLine, result.data[0], result.errors);
        rowStart = result.meta.cursor;
      },
    } as Papa.ParseConfig);
    // papaparse's cursor is just past a row's line break; with ignoreLastRow an unfinished row is not stepped.
    parser.parse(text, 0, !final);
    advance(rowStart);
    line = rowLine;
    buffer = final ? '' : text.slice(rowStart);
    threshold = 2 * buffer.length;
  }

  return {
    push(chunk) {
      if (finished) throw new Error('push after finish');
      // Byte-order marks at the very start are dropped: up to two, as papaparse drops one after ours.
      while (boms < 2 && chunk.length > 0) {
        boms++;
        if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
        else boms = 2;
      }
      if (stopped) return;
      buffer += chunk;
      if (!dialect) {
        if (buffer.length < guessChunk) return;
        dialect = guess(buffer.slice(0, guessChunk));
      }
      if (buffer.length >= threshold || buffer.length > MAX_RECORD_CHARS) {
        parse(false);
        checkRecordLength();
      }
    },
    finish() {
      if (finished) return;
      finished = true;
      if (buffer.length > 0 && !stopped) {
        dialect ??= guess(buffer);
        parse(true);
      }
      if (header === undefined) visitor.invalid(1, 'empty file: no header row');
    },
    get pending() {
      return buffer.length;
    },
  };
}

/** Parse `text` as CSV (delimiter detected: comma, tab, semicolon, pipe) and visit its rows. */
export function readCsv(text: string, visitor: CsvVisitor): void {
  const reader = csvReader(visitor);
  reader.push(text);
  reader.finish();
}
