// The `goodhart` command as users start it (bin/goodhart.mjs in a child process): after
// scripts/build-cli.mjs it runs the compiled JavaScript in dist/cli, answering `train` on an empty file
// with its one-line error and `--help` with the full usage; bin/fresh.mjs calls the compiled output stale
// (so the tsx fallback runs the sources) when it is missing or any input changed after the build started.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compiledIsFresh } from '../../bin/fresh.mjs';
import { tempFolder } from './cli-harness';

const root = resolve(__dirname, '../..');
const { dir, file } = tempFolder('bin');

const goodhart = (...args: string[]) =>
  spawnSync(process.execPath, [join(root, 'bin/goodhart.mjs'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, GOODHART_DEBUG_ENTRY: '1' },
  });

describe('the compiled goodhart CLI', () => {
  beforeAll(() => {
    execFileSync(process.execPath, [join(root, 'scripts/build-cli.mjs')], { cwd: root, stdio: 'pipe' });
  }, 60_000);

  it('train on an empty file: the compiled CLI answers its one-line error, exit 1', () => {
    const empty = file('empty.jsonl', '');
    const r = goodhart('train', empty, '--out', join(dir, 'm.json'));
    expect(r.status).toBe(1);
    // The first stderr line names the entry that ran; a file edited mid-test would make it the fallback.
    const [entry, ...rest] = r.stderr.trim().split('\n');
    expect(entry).toMatch(/^goodhart: running (dist\/cli\/main\.mjs|cli\/main\.ts through tsx)/);
    expect(rest).toEqual([`${empty}: no preference pairs found`]);
  });

  it('--help lists the commands and every option', () => {
    const r = goodhart('--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('usage: goodhart <command> [options]');
    for (const flag of ['--mapping', '--scores', '--solver', '--ranking-pairs', '--calibration'])
      expect(r.stdout).toContain(flag);
  });
});

describe('bin/fresh.mjs', () => {
  it('fresh only with a manifest whose entry exists and whose inputs are all older than the build', () => {
    const project = join(dir, 'project');
    mkdirSync(join(project, 'dist/cli'), { recursive: true });
    mkdirSync(join(project, 'src'), { recursive: true });
    const src = join(project, 'src/a.ts');
    writeFileSync(src, 'x');
    utimesSync(src, 1000, 1000);
    expect(compiledIsFresh(project)).toBe(false);
    const manifest = (inputs: string[]) =>
      writeFileSync(
        join(project, 'dist/cli/inputs.json'),
        JSON.stringify({ builtAt: 2_000_000, entry: 'main.mjs', inputs }),
      );
    manifest(['src/a.ts']);
    expect(compiledIsFresh(project)).toBe(false);
    writeFileSync(join(project, 'dist/cli/main.mjs'), '');
    expect(compiledIsFresh(project)).toBe(true);
    utimesSync(src, 3000, 3000);
    expect(compiledIsFresh(project)).toBe(false);
    manifest(['src/missing.ts']);
    expect(compiledIsFresh(project)).toBe(false);
  });
});
