// Tests of `goodhart import` through cli/main.ts with captured output: summaries of the shared real
// files, file:line errors with exit 1 and no stack trace, --out files that re-import identically.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main';
import { parseFile } from '../../lib/core/formats/parse';
import { capture } from './cli-harness';

const dir = mkdtempSync(join(tmpdir(), 'goodhart-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const DATA = join(__dirname, '..', '..', '..', 'shared', 'data');

function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('goodhart import', () => {
  it('summarises TruthfulQA.csv: 817 prompts, exit 0, warnings as file:line', async () => {
    const io = capture();
    const file = join(DATA, 'TruthfulQA.csv');
    expect(await main(['import', file], io)).toBe(0);
    expect(io.stdout[0]).toBe(`${file}: truthfulqa-csv`);
    expect(io.stdout[1]).toMatch(/^ {2}817 prompts, \d+ responses, 0 comparisons, 0 annotators$/);
    expect(io.stderr.length).toBeGreaterThan(0);
    for (const line of io.stderr)
      expect(line).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+: warning: `));
  });

  it('imports the gzipped HH-RLHF file and writes a session that re-imports to the same records', async () => {
    const out = join(dir, 'hh-session.json');
    const io = capture();
    expect(
      await main(['import', join(DATA, 'hh-rlhf-harmless-test.jsonl.gz'), '--out', out, '--json'], io),
    ).toBe(0);
    const summary = JSON.parse(io.stdout[0]);
    expect(summary).toMatchObject({
      format: 'hh-rlhf-jsonl',
      comparisons: 2312,
      rows: 2312,
      validRows: 2312,
      errors: 0,
      written: out,
    });
    const again = parseFile('hh-session.json', readFileSync(out, 'utf8'));
    expect(again.format).toBe('goodhart-session');
    expect(again.issues).toEqual([]);
    expect(again.comparisons).toHaveLength(2312);
    expect(again.dataset.prompts).toHaveLength(summary.prompts);
  });

  it('prints each problem as file:line: [field] message and exits 1, writing nothing', async () => {
    const bad = write(
      'bad.jsonl',
      '{"prompt":"p","chosen":"a","rejected":"b"}\n{"prompt":"p","chosen":"a"}\nnot json\n{"prompt":"q","chosen":"a","rejected":"b","margin":"x"}\n',
    );
    const out = join(dir, 'never.json');
    const io = capture();
    expect(await main(['import', bad, '--out', out], io)).toBe(1);
    expect(io.stderr).toEqual([
      `${bad}:2: [rejected] missing "rejected"`,
      expect.stringMatching(new RegExp(`^${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3: invalid JSON`)),
      `${bad}:4: [margin] Invalid input: expected number, received string`,
    ]);
    expect(io.stdout.join('\n')).toContain('1/4 rows valid');
    expect(() => readFileSync(out)).toThrow();
    expect(io.stderr.join('\n')).not.toMatch(/\n\s+at /);
  });

  it('--keep-valid writes the valid rows and exits 0', async () => {
    const bad = write('half.jsonl', '{"prompt":"p","chosen":"a","rejected":"b"}\n{"prompt":"p"}\n');
    const out = join(dir, 'half.json');
    const io = capture();
    expect(await main(['import', bad, '--out', out, '--keep-valid'], io)).toBe(0);
    const back = parseFile('half.json', readFileSync(out, 'utf8'));
    expect(back.comparisons).toHaveLength(1);
  });

  it('--mapping reads a generic CSV; a bad mapping or format is a one-line error', async () => {
    const csv = write('m.csv', 'ask,left,right,pick\nWhat?,x,y,right\n');
    let io = capture();
    expect(
      await main(
        [
          'import',
          csv,
          '--format',
          'mapped-csv',
          '--mapping',
          '{"prompt":"ask","responses":["left","right"],"winner":"pick"}',
          '--json',
        ],
        io,
      ),
    ).toBe(0);
    expect(JSON.parse(io.stdout[0])).toMatchObject({ prompts: 1, responses: 2, comparisons: 1, errors: 0 });
    io = capture();
    expect(await main(['import', csv, '--mapping', '{"responses":"x"}'], io)).toBe(1);
    expect(io.stderr).toEqual(['--mapping: prompt: Invalid input: expected string, received undefined']);
    io = capture();
    expect(await main(['import', csv, '--format', 'excel'], io)).toBe(1);
    expect(io.stderr[0]).toMatch(/^--format: unknown format "excel"/);
  });

  it('prints which base it read winner numbers in, and refuses an ambiguous column', async () => {
    const rows = Array.from({ length: 10 }, (_, i) => `Q${i}?,a${i},b${i},${(i % 2) + 1}`);
    const csv = write('judge.csv', ['question,output_1,output_2,preference', ...rows].join('\n'));
    const mapping = '{"prompt":"question","responses":["output_1","output_2"],"winner":"preference"}';
    let io = capture();
    expect(await main(['import', csv, '--format', 'mapped-csv', '--mapping', mapping], io)).toBe(0);
    expect(io.stdout).toContain(
      '  guessed: preference: winner numbers read as 1-based (1 = first response, 2 = second, …): no row holds 0 and every value is between 1 and the row size (10 rows)',
    );
    io = capture();
    await main(['import', csv, '--format', 'mapped-csv', '--mapping', mapping, '--json'], io);
    expect(JSON.parse(io.stdout[0]).readings[0]).toMatchObject({ field: 'preference', guessed: true });
    const mixed = write('mixed.csv', 'question,output_1,output_2,preference\nA?,x,y,0\nB?,x,y,2\n');
    io = capture();
    expect(await main(['import', mixed, '--format', 'mapped-csv', '--mapping', mapping], io)).toBe(1);
    expect(io.stderr).toEqual([
      expect.stringMatching(/mixed\.csv:3: \[preference\] cannot tell whether the winner numbers/),
    ]);
  });

  it('a missing file is one line, exit 1', async () => {
    const io = capture();
    expect(await main(['import', join(dir, 'nope.jsonl')], io)).toBe(1);
    expect(io.stderr).toEqual([`${join(dir, 'nope.jsonl')}: cannot read file (ENOENT)`]);
  });
});
