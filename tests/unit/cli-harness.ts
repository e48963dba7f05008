// What the CLI tests share: a temporary folder removed after the file's tests, a way to write files into
// it, an io that records what a command printed, and `cli(...)` to run `goodhart` through cli/main.ts.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import type { CliIO } from '../../cli/io';
import { main } from '../../cli/main';

/** A fresh folder for this test file (removed after its tests), and `file(name, content)` writing into it. */
export function tempFolder(prefix: string): {
  dir: string;
  file: (name: string, content: string | Uint8Array) => string;
} {
  const dir = mkdtempSync(join(tmpdir(), `goodhart-${prefix}-`));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return {
    dir,
    file: (name, content) => {
      const p = join(dir, name);
      writeFileSync(p, content);
      return p;
    },
  };
}

/** An io that keeps every line a command prints. */
export function capture(): CliIO & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (l) => stdout.push(l), err: (l) => stderr.push(l) };
}

/** Runs `goodhart ...argv`; returns its exit code and the lines it printed. */
export async function cli(...argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const io = capture();
  const code = await main(argv, io);
  return { code, out: io.stdout, err: io.stderr };
}

/** `goodhart train PAIRS --features use+style+hashed --out MODEL --cache CACHE`: the encoder tests' model. */
export function trainEncoderModel(pairsFile: string, modelFile: string, cache: string) {
  return cli('train', pairsFile, '--features', 'use+style+hashed', '--out', modelFile, '--cache', cache);
}
