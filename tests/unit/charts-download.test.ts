// CSV export of chart data: RFC 4180 quoting checked by hand and by round-tripping through an
// independent parser (papaparse) on random rows; formula-injection guard; safe file names.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Papa from 'papaparse';
import { csvCell, safeFileName, toCsv } from '../../components/charts/download';

describe('csvCell', () => {
  it('quotes fields with commas, quotes and line breaks, doubling inner quotes (RFC 4180 §2.6–2.7)', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('line1\nline2')).toBe('"line1\nline2"');
    expect(csvCell('cr\r')).toBe('"cr\r"');
    expect(csvCell(' padded ')).toBe('" padded "');
  });

  it('writes numbers plainly and leaves missing or non-finite values empty', () => {
    expect(csvCell(0.25)).toBe('0.25');
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(1e-7)).toBe('1e-7');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(NaN)).toBe('');
    expect(csvCell(Infinity)).toBe('');
    expect(csvCell(true)).toBe('true');
  });

  it('neutralises text a spreadsheet would run as a formula, but not negative numbers as text', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+cmd')).toBe("'+cmd");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('-1.5')).toBe('-1.5');
    expect(csvCell('- bullet')).toBe("'- bullet");
  });
});

describe('toCsv', () => {
  it('writes a header of all keys in first-seen order and CRLF line ends', () => {
    const csv = toCsv([
      { n: 1, proxy: 0.5 },
      { n: 2, proxy: 0.75, gold: null },
      { gold: 0.5, n: 3 },
    ]);
    expect(csv).toBe('n,proxy,gold\r\n1,0.5,\r\n2,0.75,\r\n3,,0.5\r\n');
  });

  it('uses the given columns and order', () => {
    expect(toCsv([{ a: 1, b: 2 }], ['b', 'a', 'c'])).toBe('b,a,c\r\n2,1,\r\n');
  });

  it('writes only the header for no rows', () => {
    expect(toCsv([], ['x'])).toBe('x\r\n');
    expect(toCsv([])).toBe('\r\n');
  });

  it('round-trips arbitrary text and numbers through papaparse', () => {
    // Text that does not start like a formula (those gain an apostrophe, tested above).
    const text = fc.string({ unit: 'grapheme', maxLength: 20 }).filter((s) => !/^[=+\-@\t\r]/.test(s));
    const row = fc.record({
      label: text,
      reward: fc.double({ noNaN: true, noDefaultInfinity: true }),
      group: text,
    });
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 8 }), (rows) => {
        const parsed = Papa.parse<string[]>(toCsv(rows).replace(/\r\n$/, ''), { newline: '\r\n' });
        expect(parsed.errors).toEqual([]);
        expect(parsed.data[0]).toEqual(['label', 'reward', 'group']);
        rows.forEach((r, i) => {
          const [label, reward, group] = parsed.data[i + 1];
          expect(label).toBe(r.label);
          expect(group).toBe(r.group);
          expect(Number(reward)).toBe(r.reward === 0 ? 0 : r.reward); // -0 prints as "0"
        });
      }),
      { numRuns: 300 },
    );
  });
});

describe('safeFileName', () => {
  it('keeps letters, digits, dot, dash and underscore; collapses the rest', () => {
    expect(safeFileName('best-of-n_kl')).toBe('best-of-n_kl');
    expect(safeFileName('Reward / truth: "held out"')).toBe('Reward-truth-held-out');
    expect(safeFileName('../../etc/passwd')).toBe('etc-passwd');
    expect(safeFileName('***')).toBe('chart');
    expect(safeFileName('café')).toBe('cafe');
    expect(safeFileName('résumé 2')).toBe('resume-2');
  });
});
