// `goodhart simulate` through cli/main.ts: the built-in demo is found whatever the cwd, the labels file
// is goodhart-labels JSONL that the pairs parser (what `goodhart train` reads) and the labels importer
// both accept, the same seed writes the same file, and bad input is `file:line: message`, exit 1.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main';
import { parseFile } from '../../lib/core/formats/parse';
import { parsePairsText } from '../../lib/core/formats/pairs';
import { capture } from './cli-harness';

const dir = mkdtempSync(join(tmpdir(), 'goodhart-simulate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('goodhart simulate', () => {
  it('writes 120 hurried-rater labels of the demo that train and import as they are', async () => {
    const cwd = process.cwd();
    const out = join(dir, 'labels.jsonl');
    const io = capture();
    process.chdir(tmpdir());
    try {
      expect(
        await main(['simulate', 'demo', '--rater', 'hurried', '--n', '120', '--seed', '3', '--out', out], io),
      ).toBe(0);
    } finally {
      process.chdir(cwd);
    }
    expect(io.stderr).toEqual([]);
    expect(io.stdout[0]).toMatch(/^wrote 120 labels by "sim: hurried rater" \(seed 3\)/);
    expect(io.stdout[1]).toMatch(/preferred the incorrect answer in \d+\.\d% of the \d+ pairs/);
    const text = readFileSync(out, 'utf8');
    const pairs = parsePairsText(text);
    expect(pairs.errors).toEqual([]);
    expect(pairs.format).toBe('goodhart-labels');
    expect(pairs.pairs).toHaveLength(120);
    const imported = parseFile('labels.jsonl', text, { now: 0 });
    expect(imported.issues).toEqual([]);
    expect(imported.comparisons).toHaveLength(120);
    expect(imported.annotators).toEqual([
      expect.objectContaining({ name: 'sim: hurried rater', kind: 'simulated' }),
    ]);
    expect(new Set(imported.comparisons.map((c) => c.promptId)).size).toBe(52);
  });

  it('is reproducible and prints to stdout without --out', async () => {
    const a = capture();
    const b = capture();
    await main(['simulate', 'demo', '--rater', 'careful', '--n', '5', '--seed', '9'], a);
    await main(['simulate', 'demo', '--rater', 'careful', '--n', '5', '--seed', '9'], b);
    expect(a.stdout.join('\n').split('\n')).toHaveLength(5);
    expect(a.stdout).toEqual(b.stdout);
  });

  it('reads an exported dataset file', async () => {
    const file = join(dir, 'ds.json');
    const ds = {
      format: 'goodhart-dataset',
      version: 1,
      dataset: { id: 'd', name: 'd', description: '', source: 'test', created: 0 },
      prompts: [{ id: 'p', datasetId: 'd', text: 'Q?', category: 'c' }],
      responses: ['Yes.', 'No!'].map((text, i) => ({
        id: `r${i}`,
        promptId: 'p',
        datasetId: 'd',
        text,
        tags: [],
      })),
    };
    writeFileSync(file, JSON.stringify(ds));
    const io = capture();
    expect(await main(['simulate', file, '--rater', 'hurried', '--n', '4'], io)).toBe(0);
    expect(
      io.stdout
        .join('\n')
        .split('\n')
        .map((l) => JSON.parse(l).prompt),
    ).toEqual(['Q?', 'Q?', 'Q?', 'Q?']);
  });

  it('bad input: one line per problem, exit 1, no stack trace', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{\n  "format": "goodhart-dataset",\n  oops\n}');
    const cases: [string[], RegExp][] = [
      [['simulate', 'demo', '--rater', 'sloppy'], /^unknown rater "sloppy" \(one of: hurried, careful\)$/],
      [['simulate', 'demo'], /^missing --rater/],
      [['simulate', 'demo', '--rater', 'hurried', '--n', '0'], /^--n must be an integer >= 1, got "0"$/],
      [
        ['simulate', join(dir, 'none.json'), '--rater', 'hurried'],
        /none\.json: cannot read file \(ENOENT\)$/,
      ],
      [['simulate', bad, '--rater', 'hurried'], /bad\.json:3: invalid JSON/],
    ];
    for (const [argv, message] of cases) {
      const io = capture();
      expect(await main(argv, io)).toBe(1);
      expect(io.stderr[0]).toMatch(message);
      expect(io.stderr.join('\n')).not.toMatch(/\n\s+at /);
    }
  });
});
