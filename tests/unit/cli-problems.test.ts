// Every command reports a file's problems the same way (cli/io.ts problemLines): at most 200 lines
// `file:line: …`, then `file: ... and N more problems` with N exact; and warnings (a Latin-1 input read as
// Windows-1252) go through the injected io of train, eval, inspect and simulate, never straight to
// process.stderr where a test (or a caller) cannot see them.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_PROBLEM_LINES, problemLines } from '../../cli/io';
import { main } from '../../cli/main';
import { capture } from './cli-harness';

const dir = mkdtempSync(join(tmpdir(), 'goodhart-problems-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** Anything written to process.stderr directly, bypassing the injected io. */
let direct: string[] = [];
beforeEach(() => {
  direct = [];
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    direct.push(String(chunk));
    return true;
  });
});
afterEach(() => vi.restoreAllMocks());

const WARNING = /warning: not UTF-8 \(byte 0xE9 at line \d+\): read as Windows-1252/;

describe('problem counts', () => {
  it('problemLines lists the first 200 and counts the rest exactly, also past a capped list', () => {
    const many = Array.from({ length: 250 }, (_, i) => ({ line: i + 1, message: 'bad' }));
    const lines = problemLines('f.jsonl', many);
    expect(lines).toHaveLength(MAX_PROBLEM_LINES + 1);
    expect(lines[0]).toBe('f.jsonl:1: bad');
    expect(lines[MAX_PROBLEM_LINES]).toBe('f.jsonl: ... and 50 more problems');
    const capped = [
      ...many.slice(0, 3).map((p) => ({ ...p, severity: 'error' as const })),
      {
        line: 9,
        message: 'more than 3 problems: …',
        severity: 'error' as const,
        unlisted: { errors: 4_000, warnings: 2 },
      },
    ];
    expect(problemLines('f.jsonl', capped)).toEqual([
      'f.jsonl:1: bad',
      'f.jsonl:2: bad',
      'f.jsonl:3: bad',
      'f.jsonl: ... and 4002 more problems',
    ]);
    expect(problemLines('f.jsonl', capped, { errorsOnly: true }).at(-1)).toBe(
      'f.jsonl: ... and 4000 more problems',
    );
  });

  it('goodhart inspect --scores: 300 bad lines give 200 lines and the exact rest, named by file', async () => {
    const file = write('bad-scores.jsonl', '{"prompt":"Q","reward":1}\n'.repeat(300));
    const io = capture();
    expect(await main(['inspect', '--scores', file], io)).toBe(1);
    expect(io.stdout).toEqual([]);
    expect(io.stderr).toHaveLength(MAX_PROBLEM_LINES + 1);
    expect(io.stderr[1]).toBe(`${file}:2: missing "response"`);
    expect(io.stderr.at(-1)).toBe(`${file}: ... and 100 more problems`);
  });

  it('goodhart inspect --labels: a bad labels file is capped and counted the same way', async () => {
    const model = join(dir, 'model.json');
    const sim = join(dir, 'labels.jsonl');
    expect(await main(['simulate', 'demo', '--rater', 'careful', '--n', '40', '--out', sim], capture())).toBe(
      0,
    );
    expect(await main(['train', sim, '--out', model, '--epochs', '2'], capture())).toBe(0);
    const good = readFileSync(sim, 'utf8').split('\n')[0];
    const bad = write('bad-labels.jsonl', `${good}\n${'{"format":"goodhart-label"}\n'.repeat(260)}`);
    const io = capture();
    expect(await main(['inspect', model, 'demo', '--labels', bad], io)).toBe(1);
    expect(io.stderr.length).toBeLessThanOrEqual(MAX_PROBLEM_LINES + 1);
    expect(io.stderr.slice(1, -1).every((l) => l.startsWith(`${bad}:`))).toBe(true);
    expect(io.stderr.at(-1)).toMatch(new RegExp(`^${bad}: \\.\\.\\. and \\d+ more problems$`));
    expect(direct).toEqual([]);
  });

  it('goodhart simulate: a dataset file with problems names file and line and nothing is written', async () => {
    const demo = JSON.parse(readFileSync('public/demo/goodhart-demo.json', 'utf8')) as {
      responses: Record<string, unknown>[];
    };
    demo.responses[0].text = 5;
    const file = write('bad-ds.json', JSON.stringify(demo, null, 1));
    const out = join(dir, 'never.jsonl');
    const io = capture();
    expect(await main(['simulate', file, '--rater', 'hurried', '--out', out], io)).toBe(1);
    expect(io.stderr.join('\n')).toMatch(
      new RegExp(`${file}:\\d+: \\[responses\\.0\\.text\\] Invalid input`),
    );
    expect(() => readFileSync(out)).toThrow();
  });
});

describe('warnings go through the injected io', () => {
  const latinPairs = () =>
    write(
      'latin.jsonl',
      new Uint8Array(
        Buffer.from(
          Array.from({ length: 12 }, (_, i) =>
            JSON.stringify({ prompt: `Qué ${i}?`, chosen: `Sí, ${i}.`, rejected: `No ${i}.` }),
          ).join('\n'),
          'latin1',
        ),
      ),
    );

  it('train and eval print the Latin-1 warning on io.err', async () => {
    const file = latinPairs();
    const model = join(dir, 'latin-model.json');
    const t = capture();
    expect(await main(['train', file, '--out', model, '--epochs', '1'], t)).toBe(0);
    expect(t.stderr.filter((l) => WARNING.test(l))).toEqual([
      expect.stringMatching(new RegExp(`^${file}:1: `)),
    ]);
    const e = capture();
    expect(await main(['eval', model, file], e)).toBe(0);
    expect(e.stderr.some((l) => WARNING.test(l))).toBe(true);
    expect(direct.filter((l) => WARNING.test(l))).toEqual([]);
  });

  it('simulate and inspect print the Latin-1 warning of a dataset file on io.err', async () => {
    // The demo in Latin-1: characters Latin-1 cannot hold become "?", one accent is added.
    const demo = readFileSync('public/demo/goodhart-demo.json', 'utf8')
      .replace(/[^\u0000-\u00ff]/g, '?')
      .replace('Is it true', 'Is it trué');
    const file = write('latin-demo.json', new Uint8Array(Buffer.from(demo, 'latin1')));
    const s = capture();
    expect(await main(['simulate', file, '--rater', 'hurried', '--n', '40'], s)).toBe(0);
    expect(s.stderr.some((l) => WARNING.test(l) && l.startsWith(`${file}:`))).toBe(true);
    const labels = join(dir, 'latin-labels.jsonl');
    writeFileSync(labels, s.stdout.join('\n'));
    const model = join(dir, 'latin-demo-model.json');
    expect(await main(['train', labels, '--out', model, '--epochs', '1'], capture())).toBe(0);
    const i = capture();
    expect(await main(['inspect', model, file], i)).toBe(0);
    expect(i.stderr.some((l) => WARNING.test(l))).toBe(true);
    expect(direct.filter((l) => WARNING.test(l))).toEqual([]);
  });
});
