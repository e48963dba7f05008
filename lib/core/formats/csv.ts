/**
 * CSV reading for the importers, on papaparse: the header row is read by name, each data row becomes an
 * object keyed by header, and every row carries the 1-based line it starts on (quoted fields may span
 * lines, so rows and lines differ). Blank lines are skipped; malformed rows are reported, never thrown.
 */
import Papa from 'papaparse';

/** Receives the rows of a CSV text. */
export interface CsvVisitor {
  header(fields: string[]): void;
  row(line: number, record: Record<string, string>): void;
  invalid(line: number, message: string): void;
}

/** Parse `text` as CSV (delimiter detected: comma, tab, semicolon, pipe) and visit its rows. */
export function readCsv(text: string, visitor: CsvVisitor): void {
  let header: string[] | undefined;
  let newlines = 0;
  let counted = 0;
  let prevCursor = 0;
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  Papa.parse<string[]>(body, {
    header: false,
    skipEmptyLines: false,
    delimitersToGuess: [',', '\t', ';', '|'],
    step: (result) => {
      for (let i = counted; i < prevCursor; i++) if (body.charCodeAt(i) === 10) newlines++;
      counted = Math.max(counted, prevCursor);
      // papaparse's cursor is just past the row's line break: the next row starts there.
      const line = newlines + 1;
      const cursor = result.meta.cursor;
      prevCursor = cursor;
      const cells = result.data;
      const problems = result.errors.filter((e) => e.code !== 'UndetectableDelimiter');
      if (header === undefined) {
        if (cells.length === 1 && cells[0].trim() === '' && problems.length === 0) return;
        header = cells.map((c) => c.trim());
        visitor.header(header);
        for (const e of problems) visitor.invalid(line, `header: ${e.message}`);
        return;
      }
      if (cells.length === 1 && cells[0] === '' && problems.length === 0) return;
      if (problems.length > 0) {
        visitor.invalid(line, problems.map((e) => e.message).join('; '));
        return;
      }
      if (cells.length !== header.length) {
        visitor.invalid(line, `expected ${header.length} fields but found ${cells.length}`);
        return;
      }
      const record: Record<string, string> = {};
      header.forEach((name, i) => {
        record[name] = cells[i];
      });
      visitor.row(line, record);
    },
  });
  if (header === undefined) visitor.invalid(1, 'empty file: no header row');
}
