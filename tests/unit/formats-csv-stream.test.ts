// Streaming CSV import: records are parsed as chunks arrive (only the unfinished one is held), and the
// result is the same as parsing the whole text at once, whatever the chunking.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ImportBuilder } from '../../lib/core/formats/builder';
import { CSV_GUESS_CHUNK, csvReader, readCsv, type CsvVisitor } from '../../lib/core/formats/csv';
import { createImporter, parseFile, type ParseOptions } from '../../lib/core/formats/parse';
import type { FormatId } from '../../lib/core/formats/result';

const TQA = path.resolve(__dirname, '../../../shared/data/TruthfulQA.csv');

/** Cut `text` at `points` (any numbers; taken modulo the length, deduplicated, in order). */
function cutAt(text: string, points: number[]): string[] {
  const cuts = [...new Set(points.map((p) => p % (text.length + 1)))].sort((a, b) => a - b);
  const chunks: string[] = [];
  let prev = 0;
  for (const p of cuts) {
    chunks.push(text.slice(prev, p));
    prev = p;
  }
  chunks.push(text.slice(prev));
  return chunks;
}

/** Cut `text` into pieces of `size` characters. */
function cutEvery(text: string, size: number): string[] {
  const chunks: string[] = [];
  for (let i = 0; i < text.length; i += size) chunks.push(text.slice(i, i + size));
  return chunks;
}

function streamed(name: string, chunks: string[], opts: ParseOptions = {}) {
  const importer = createImporter(name, { now: 0, ...opts });
  for (const c of chunks) importer.push(c);
  return importer.finish();
}

/** Everything a visitor saw, in order. */
function recorder(): CsvVisitor & { events: unknown[] } {
  const events: unknown[] = [];
  return {
    events,
    header: (fields) => events.push(['header', fields]),
    row: (line, record) => events.push(['row', line, record]),
    invalid: (line, message) => events.push(['invalid', line, message]),
  };
}

// Random CSV files: quoted fields with embedded newlines, commas and doubled quotes, CRLF or LF (mixed
// too), a BOM, empty lines, broken rows (unterminated or malformed quotes, wrong field counts).
const plainField = fc
  .array(fc.constantFrom('a', 'Paris', 'no', 'x y', ' ', ';', 'é', 'model_a', 'b'), { maxLength: 4 })
  .map((a) => a.join(''));
const quotedField = fc
  .array(fc.constantFrom('a', 'Lyon', ',', ';', '\n', '\r\n', '"', ' ', '\t', 'ü'), { maxLength: 6 })
  .map((a) => `"${a.join('').replace(/"/g, '""')}"`);
const field = fc.oneof(plainField, quotedField);
const goodRow = fc.array(field, { minLength: 4, maxLength: 4 }).map((f) => f.join(','));
const brokenRow = fc.oneof(
  fc.constantFrom('"unterminated, quote', '"bad" quote,x,y,z', '"x"y,1,2,3', 'too,few', 'a,b,c,d,e,f'),
  fc.array(field, { minLength: 1, maxLength: 6 }).map((f) => f.join(',')),
);
const line = fc.oneof(
  { weight: 8, arbitrary: goodRow },
  { weight: 1, arbitrary: fc.constant('') },
  { weight: 1, arbitrary: brokenRow },
);
const eol = fc.oneof({ weight: 5, arbitrary: fc.constantFrom('\n', '\r\n') }, fc.constant('\r'));
const HEADERS: [string, string, FormatId][] = [
  ['TruthfulQA.csv', 'Question,Correct Answers,Incorrect Answers,Category', 'truthfulqa-csv'],
  ['pairs.csv', 'question,response_a,response_b,winner', 'mapped-csv'],
];
const csvFile = fc
  .record({
    kind: fc.constantFrom(...HEADERS),
    bom: fc.boolean(),
    lines: fc.array(fc.tuple(line, eol), { maxLength: 12 }),
    mixed: fc.boolean(),
    crlf: fc.boolean(),
    end: fc.boolean(),
  })
  .map(({ kind: [name, header, format], bom, lines, mixed, crlf, end }) => {
    const nl = (e: string) => (mixed ? e : crlf ? '\r\n' : '\n');
    let text = (bom ? '\ufeff' : '') + header;
    for (const [l, e] of lines) text += nl(e) + l;
    if (end) text += nl('\n');
    return { name, format, text };
  });
/** The same, grown past the dialect and format-detection window by repeating its rows. */
const bigCsvFile = csvFile.map(({ name, format, text }) => {
  const [head, ...rest] = text.split('\n');
  const body = rest.length > 0 ? rest.join('\n') + '\n' : 'q,yes,no,a\n';
  return { name, format, text: `${head}\n${body.repeat(Math.ceil((CSV_GUESS_CHUNK + 5000) / body.length))}` };
});
const chunking = fc.oneof(
  fc.array(fc.nat(), { maxLength: 10 }).map((points) => (t: string) => cutAt(t, points)),
  fc.integer({ min: 1, max: 9 }).map((size) => (t: string) => cutEvery(t, size)),
  fc.integer({ min: 10, max: 5000 }).map((size) => (t: string) => cutEvery(t, size)),
);

describe('csvReader', () => {
  it('visits the same headers, rows, problems and lines for any chunking', () => {
    fc.assert(
      fc.property(csvFile, chunking, fc.nat(80), ({ text }, cut, guessChunk) => {
        const whole = recorder();
        const once = csvReader(whole, guessChunk);
        once.push(text);
        once.finish();
        const parts = recorder();
        const reader = csvReader(parts, guessChunk);
        for (const c of cut(text)) reader.push(c);
        reader.finish();
        expect(parts.events).toEqual(whole.events);
      }),
      { numRuns: 2000 },
    );
  });

  it('readCsv is the reader pushed once', () => {
    fc.assert(
      fc.property(csvFile, chunking, ({ text }, cut) => {
        const whole = recorder();
        readCsv(text, whole);
        const parts = recorder();
        const reader = csvReader(parts);
        for (const c of cut(text)) reader.push(c);
        reader.finish();
        expect(parts.events).toEqual(whole.events);
      }),
      { numRuns: 300 },
    );
  });

  it('reports physical lines for rows after multi-line quoted fields, CRLF and a BOM', () => {
    const text = '\ufeffq,a\r\n"two\r\nlines",x\r\n\r\n"say ""hi""",y\r\n"open,z';
    const seen = recorder();
    const reader = csvReader(seen, 24); // the dialect is guessed from `q,a` to the third line break
    for (const c of cutEvery(text, 1)) reader.push(c);
    reader.finish();
    expect(seen.events).toEqual([
      ['header', ['q', 'a']],
      ['row', 2, { q: 'two\r\nlines', a: 'x' }],
      ['row', 5, { q: 'say "hi"', a: 'y' }],
      ['invalid', 6, 'Quoted field unterminated'],
    ]);
  });

  it('parses records as they arrive and holds only the unfinished one', () => {
    const rows = Array.from({ length: 30_000 }, (_, i) => `question ${i},"answer, ${i}",other ${i},a\n`);
    const text = 'question,response_a,response_b,winner\n' + rows.join('');
    const half = text.slice(0, text.length >> 1);
    let seen = 0;
    const reader = csvReader({ header: () => {}, row: () => seen++, invalid: () => {} });
    for (const c of cutEvery(half, 4096)) reader.push(c);
    const complete = half.split('\n').length - 2; // lines ended in `half`, minus the header
    expect(seen).toBe(complete);
    expect(reader.pending).toBeLessThan(60);
    reader.push(text.slice(half.length));
    reader.finish();
    expect(seen).toBe(30_000);
    expect(reader.pending).toBe(0);
  });
});

describe('createImporter on CSV', () => {
  afterEach(() => vi.restoreAllMocks());

  it('gives the same result as parseFile for random CSV files and chunkings', () => {
    fc.assert(
      fc.property(csvFile, chunking, fc.boolean(), ({ name, format, text }, cut, forced) => {
        const opts: ParseOptions = forced ? { now: 0, format } : { now: 0 };
        expect(streamed(name, cut(text), opts)).toEqual(parseFile(name, text, opts));
      }),
      { numRuns: 500 },
    );
  });

  it('gives the same result as parseFile for CSV files longer than the detection window', () => {
    fc.assert(
      fc.property(bigCsvFile, chunking, fc.boolean(), ({ name, format, text }, cut, forced) => {
        const opts: ParseOptions = forced ? { now: 0, format } : { now: 0 };
        expect(streamed(name, cut(text), opts)).toEqual(parseFile(name, text, opts));
      }),
      { numRuns: 40 },
    );
  });

  it('streams TruthfulQA.csv in 1-KB, 7-byte and 64-KB chunks to exactly the parseFile result', () => {
    const text = readFileSync(TQA, 'utf8');
    const whole = parseFile('TruthfulQA.csv', text, { now: 0 });
    expect(whole.format).toBe('truthfulqa-csv');
    expect(whole.dataset.prompts).toHaveLength(817);
    for (const size of [1024, 7, 64 * 1024]) {
      const r = streamed('TruthfulQA.csv', cutEvery(text, size));
      expect(r.dataset.prompts).toHaveLength(817);
      expect(r).toEqual(whole);
    }
  });

  it('hands rows to the sink before finish', () => {
    const row = vi.spyOn(ImportBuilder.prototype, 'row');
    const rows = Array.from({ length: 20_000 }, (_, i) => `question ${i},"yes,\n${i}",no ${i},a\n`);
    const text = 'question,response_a,response_b,winner\n' + rows.join('');
    const importer = createImporter('pairs.csv', { now: 0 });
    const chunks = cutEvery(text, 1024);
    chunks.slice(0, chunks.length >> 1).forEach((c) => importer.push(c));
    expect(row.mock.calls.length).toBeGreaterThan(9_000);
    chunks.slice(chunks.length >> 1).forEach((c) => importer.push(c));
    const r = importer.finish();
    expect(row).toHaveBeenCalledTimes(20_000);
    expect(r.format).toBe('mapped-csv');
    expect(r.validRows).toBe(20_000);
    expect(r).toEqual(parseFile('pairs.csv', text, { now: 0 }));
  });
});
