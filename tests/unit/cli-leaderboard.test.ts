// Tests of `goodhart leaderboard` through cli/main.ts with captured output: JSON shape, the fit it
// prints, and file:line errors with exit code 1 and no stack trace.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync, strToU8 } from 'fflate';
import { main } from '../../cli/main';
import { capture } from './cli-harness';

const dir = mkdtempSync(join(tmpdir(), 'goodhart-leaderboard-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, lines: object[] | string): string {
  const path = join(dir, name);
  writeFileSync(
    path,
    typeof lines === 'string' ? lines : lines.map((l) => JSON.stringify(l)).join('\n') + '\n',
  );
  return path;
}

// x beats y 3 times and loses twice; y and z tie twice and y wins once, z wins once over x, x once over z.
const BATTLES = [
  ...Array.from({ length: 3 }, () => ({ model_a: 'x', model_b: 'y', winner: 'model_a' })),
  ...Array.from({ length: 2 }, () => ({ model_a: 'y', model_b: 'x', winner: 'model_a' })),
  { model_a: 'y', model_b: 'z', winner: 'tie' },
  { model_a: 'z', model_b: 'y', winner: 'tie (bothbad)' },
  { model_a: 'y', model_b: 'z', winner: 'model_a' },
  { model_a: 'z', model_b: 'y', winner: 'model_a' },
  { model_a: 'x', model_b: 'z', winner: 'model_b' },
  { model_a: 'z', model_b: 'x', winner: 'model_b' },
];

describe('goodhart leaderboard', () => {
  it('--json prints exactly {items:[{id,score,elo,ci_low,ci_high,n}]}, sorted by score', async () => {
    const io = capture();
    const code = await main(['leaderboard', write('b.jsonl', BATTLES), '--json', '--bootstrap', '50'], io);
    expect(io.stderr).toEqual([]);
    expect(code).toBe(0);
    expect(io.stdout).toHaveLength(1);
    const parsed = JSON.parse(io.stdout[0]) as { items: Record<string, unknown>[] };
    expect(Object.keys(parsed)).toEqual(['items']);
    for (const item of parsed.items)
      expect(Object.keys(item)).toEqual(['id', 'score', 'elo', 'ci_low', 'ci_high', 'n']);
    const scores = parsed.items.map((i) => i.score as number);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const byId = Object.fromEntries(parsed.items.map((i) => [i.id, i]));
    expect(byId.x.n).toBe(7);
    expect(byId.y.n).toBe(9);
    expect(byId.z.n).toBe(6);
    // Scores have mean 0 and Elo = 1000 + 400·log10(e^score).
    expect(scores.reduce((s, v) => s + v, 0)).toBeCloseTo(0, 9);
    for (const i of parsed.items) {
      expect(i.elo as number).toBeCloseTo(1000 + (400 * (i.score as number)) / Math.LN10, 9);
      expect(i.ci_low as number).toBeLessThanOrEqual(i.ci_high as number);
    }
  });

  it('reads .gz files and prints a human table by default', async () => {
    const path = join(dir, 'b.jsonl.gz');
    writeFileSync(path, gzipSync(strToU8(BATTLES.map((b) => JSON.stringify(b)).join('\n'))));
    const io = capture();
    expect(await main(['leaderboard', path, '--bootstrap', '0'], io)).toBe(0);
    expect(io.stdout[0]).toMatch(/rank\s+item\s+elo/);
    expect(io.stdout.some((l) => /\bx\b/.test(l))).toBe(true);
    expect(io.stdout.join('\n')).toContain('11 battles, 3 items');
  });

  it('bad lines exit 1 with one file:line message each and no stack trace', async () => {
    const path = write(
      'bad.jsonl',
      '{"model_a":"x","model_b":"y","winner":"model_a"}\n{oops\n{"model_a":"x","model_b":"y"}\n',
    );
    const io = capture();
    const code = await main(['leaderboard', path, '--json'], io);
    expect(code).toBe(1);
    expect(io.stdout).toEqual([]);
    expect(io.stderr).toEqual([
      `${path}:2: ${io.stderr[0].split(': ').slice(1).join(': ')}`,
      `${path}:3: missing "winner"`,
    ]);
    expect(io.stderr[0]).toContain('invalid JSON');
    expect(io.stderr.join('\n')).not.toMatch(/\n\s+at /);
  });

  it('missing file, empty file and bad flags are user errors', async () => {
    let io = capture();
    expect(await main(['leaderboard', join(dir, 'nope.jsonl')], io)).toBe(1);
    expect(io.stderr[0]).toMatch(/nope\.jsonl: cannot read file/);
    io = capture();
    expect(await main(['leaderboard', write('empty.jsonl', '\n\n')], io)).toBe(1);
    expect(io.stderr[0]).toMatch(/empty\.jsonl: no battles found/);
    io = capture();
    expect(await main(['leaderboard', write('ok.jsonl', BATTLES), '--bootstrap', '-3'], io)).toBe(1);
    expect(io.stderr[0]).toBe('--bootstrap must be an integer >= 0, got "-3"');
    io = capture();
    expect(await main(['leaderboard'], io)).toBe(1);
  });

  it('a self-battle ("gpt" vs "gpt ", or the same name in two Unicode forms) is skipped with a warning on its line', async () => {
    const path = write('self.jsonl', [
      ...BATTLES,
      { model_a: 'x', model_b: 'x ', winner: 'model_a' },
      { model_a: 'caf\u00e9', model_b: 'cafe\u0301', winner: 'tie' },
    ]);
    const io = capture();
    expect(await main(['leaderboard', path, '--json', '--bootstrap', '0'], io)).toBe(0);
    expect(io.stderr).toEqual([
      `${path}:12: warning: "model_a" and "model_b" are the same model ("x"); a self-battle says nothing about strength, skipped`,
      `${path}:13: warning: "model_a" and "model_b" are the same model ("caf\u00e9"); a self-battle says nothing about strength, skipped`,
    ]);
    const items = (JSON.parse(io.stdout[0]) as { items: { id: string; n: number }[] }).items;
    expect(items.map((i) => i.id).sort()).toEqual(['x', 'y', 'z']);
    expect(items.find((i) => i.id === 'x')!.n).toBe(7); // the self-battle is not counted
    const table = capture();
    expect(await main(['leaderboard', path, '--bootstrap', '0'], table)).toBe(0);
    expect(table.stdout.join('\n')).toContain('11 battles, 3 items (2 self-battles skipped)');
  });

  it('the same seed gives the same intervals', async () => {
    const path = write('seed.jsonl', BATTLES);
    const a = capture();
    const b = capture();
    await main(['leaderboard', path, '--json', '--bootstrap', '30', '--seed', '5'], a);
    await main(['leaderboard', path, '--json', '--bootstrap', '30', '--seed', '5'], b);
    expect(a.stdout).toEqual(b.stdout);
  });
});
