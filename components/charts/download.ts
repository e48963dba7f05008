/**
 * Downloads for charts: the data as CSV (RFC 4180 quoting, guarded against spreadsheet formula
 * injection), and saving a Blob under a file name. `toCsv` and `safeFileName` are pure and run in Node.
 */

/** A cell value: anything; null, undefined and non-finite numbers become empty cells. */
export type CsvRow = Readonly<Record<string, unknown>>;

/** Characters that make a spreadsheet treat a text cell as a formula (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Formats one cell: numbers as JavaScript prints them, booleans as true/false, text quoted if needed. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  let text = value instanceof Date ? value.toISOString() : String(value);
  // A text cell such as "=HYPERLINK(...)" would run as a formula in Excel or LibreOffice; a leading
  // apostrophe makes it plain text there. Numeric-looking text ("-1.5") is left alone.
  if (FORMULA_START.test(text) && !Number.isFinite(Number(text))) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Rows of objects as CSV text: a header row, then one line per row, lines ended by CRLF (RFC 4180).
 * Columns are `columns` if given, else every key in order of first appearance across the rows.
 */
export function toCsv(rows: readonly CsvRow[], columns?: readonly string[]): string {
  const cols = columns ? [...columns] : [];
  if (!columns) {
    const seen = new Set<string>();
    for (const row of rows) {
      for (const key of Object.keys(row)) {
        if (!seen.has(key)) {
          seen.add(key);
          cols.push(key);
        }
      }
    }
  }
  const lines = [cols.map(csvCell).join(',')];
  for (const row of rows) lines.push(cols.map((c) => csvCell(row[c])).join(','));
  return lines.join('\r\n') + '\r\n';
}

/**
 * A file name safe on every OS: characters outside letters, digits, `.`, `-` and `_` become `-`,
 * runs collapse, and an empty result becomes `chart`.
 */
export function safeFileName(name: string): string {
  const cleaned = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
  return cleaned || 'chart';
}

/** Saves `blob` as a download named `name` (browser only): a temporary object URL and link click. */
export function downloadBlob(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoke later: some browsers start reading the URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Downloads CSV text as `<fileName>.csv` (UTF-8 with a byte-order mark so Excel reads accents). */
export function downloadCsv(fileName: string, csv: string): void {
  downloadBlob(
    `${safeFileName(fileName)}.csv`,
    new Blob(['\uFEFF', csv], { type: 'text/csv;charset=utf-8' }),
  );
}
