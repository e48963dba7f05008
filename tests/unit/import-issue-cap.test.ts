// Import problems past the listed cap are counted exactly (a million bad rows said "1,001 errors": the
// 1,000 listed plus the summary line), and the TRL importer refuses an empty prompt as the mapped one does.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { main } from '../../cli/main';
import { parseFile } from '../../lib/core/formats/parse';
import { issueCounts } from '../../lib/core/formats/result';

const dir = mkdtempSync(path.join(tmpdir(), 'goodhart-issue-cap-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const good = JSON.stringify({ prompt: 'Capital of France?', chosen: 'Paris.', rejected: 'Lyon.' });
const bad = (n: number) => Array.from({ length: n }, () => '{"prompt": "x", "chosen": 1}');

describe('the issue cap', () => {
  it('5,000 bad rows: 1,000 listed, the last line says the list is capped, the counts are exact', () => {
    const r = parseFile('bad.jsonl', [good, ...bad(2_500)].join('\n'), { format: 'trl-jsonl' });
    // Each bad row has two problems ("chosen" not a string, "rejected" missing).
    expect(r.issues).toHaveLength(1_001);
    expect(r.issues[1_000]).toEqual({
      line: 2_501,
      message:
        'more than 1,000 problems: the first 1,000 are listed, 4,000 more are not (4,000 errors, 0 warnings)',
      severity: 'error',
      unlisted: { errors: 4_000, warnings: 0 },
    });
    expect(issueCounts(r.issues)).toEqual({ errors: 5_000, warnings: 0, capped: true });
    expect(issueCounts(r.issues.slice(0, 10))).toEqual({ errors: 10, warnings: 0, capped: false });
    expect(r.validRows).toBe(1);
  });

  it('goodhart import prints the exact count and says only the first 1,000 are listed', async () => {
    const file = path.join(dir, 'bad.jsonl');
    writeFileSync(file, [good, ...bad(2_500)].join('\n'));
    const out: string[] = [];
    const err: string[] = [];
    expect(await main(['import', file], { out: (l) => out.push(l), err: (l) => err.push(l) })).toBe(1);
    expect(out[2]).toBe(
      '  1/2501 rows valid, 0 duplicates merged, 5000 errors, 0 warnings (more than 1000: the first 1000 are listed)',
    );
    expect(err).toHaveLength(201);
    expect(err[200]).toBe(`${file}: ... and 4800 more problems`);
  });
});

describe('TRL importer', () => {
  it('refuses an empty or blank prompt on its line and adds nothing from it', () => {
    const r = parseFile(
      'trl.jsonl',
      [
        good,
        JSON.stringify({ prompt: '', chosen: 'a', rejected: 'b' }),
        JSON.stringify({ prompt: '  \n', chosen: 'c', rejected: 'd' }),
      ].join('\n'),
      { format: 'trl-jsonl' },
    );
    expect(r.issues).toEqual([
      { line: 2, field: 'prompt', message: 'missing or empty prompt', severity: 'error' },
      { line: 3, field: 'prompt', message: 'missing or empty prompt', severity: 'error' },
    ]);
    expect(r.validRows).toBe(1);
    expect(r.dataset.prompts.map((p) => p.text)).toEqual(['Capital of France?']);
    expect(r.dataset.responses.map((x) => x.text)).toEqual(['Paris.', 'Lyon.']);
    expect(r.comparisons).toHaveLength(1);
  });
});
