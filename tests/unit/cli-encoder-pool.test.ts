// The CLI's pool of encoder worker threads (cli/encoder-pool.ts): how many workers for how many texts and
// cores (the browser pool's rule: at most ENCODER_POOL_CAP, one per MIN_SHARD texts) and the env override;
// the real encoder on 40 short texts over 2 workers against one encoder in this process: bit-identical to
// that encoder embedding the same two shards, and within 1e-6 of it embedding all 40 at once (batches
// differ, the floats of a row depend slightly on its batch); progress summed; cancel. Failures: a damaged
// model folder, a worker that exits, throws or posts an error, each rejects by name and never hangs.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compiledIsFresh } from '../../bin/fresh.mjs';
import { encoderWorkerCount, startEncoderPool, type EncoderPool } from '../../cli/encoder-pool';
import { ENCODER_SPEC } from '../../lib/core/reward-model/encoder-spec';
import { loadEncoder } from '../../lib/ml/encoder/encoder';
import { nodeEncoderSource } from '../../lib/ml/encoder/node-source';
import { tempFolder } from './cli-harness';

const D = ENCODER_SPEC.dim;
const topics = ['tides', 'honeybees', 'chess', 'sourdough', 'glass', 'volcanoes', 'rain', 'owls'];
const TEXTS = Array.from({ length: 40 }, (_, i) =>
  i % 5 === 0
    ? `A longer answer about ${topics[i % 8]}: it has ${i} parts, each explained with care and an example.`
    : `Short text ${i} about ${topics[i % 8]}.`,
);

describe('encoderWorkerCount', () => {
  it('the pool size by cores, one worker per 8 texts, at least one, the env override checked', () => {
    const none = {};
    expect(encoderWorkerCount(15, none, 2)).toBe(1);
    expect(encoderWorkerCount(16, none, 2)).toBe(2);
    expect(encoderWorkerCount(1000, none, 2)).toBe(2);
    expect(encoderWorkerCount(1000, none, 1)).toBe(1);
    expect(encoderWorkerCount(1000, none, 64)).toBe(4);
    expect(encoderWorkerCount(24, none, 64)).toBe(3);
    expect(encoderWorkerCount(0, none, 2)).toBe(1);
    expect(encoderWorkerCount(1000, { GOODHART_ENCODER_WORKERS: '1' }, 2)).toBe(1);
    expect(encoderWorkerCount(1000, { GOODHART_ENCODER_WORKERS: ' 3 ' }, 2)).toBe(3);
    expect(encoderWorkerCount(10, { GOODHART_ENCODER_WORKERS: '3' }, 2)).toBe(1);
    expect(encoderWorkerCount(1000, { GOODHART_ENCODER_WORKERS: '' }, 2)).toBe(2);
    for (const bad of ['0', '5', '1.5', 'two', '-1'])
      expect(() => encoderWorkerCount(100, { GOODHART_ENCODER_WORKERS: bad }, 2)).toThrow(
        `GOODHART_ENCODER_WORKERS: expected a whole number from 1 to 4, got "${bad}"`,
      );
  });
});

describe('the encoder pool with the real encoder', () => {
  let pool: EncoderPool;
  beforeAll(async () => {
    pool = await startEncoderPool(2);
  });
  afterAll(() => pool?.dispose());

  it('2 workers give the rows one encoder gives, in order, with progress summed to 40/40', async () => {
    expect(pool.workers).toBe(2);
    expect(pool.info).toMatchObject({ backend: 'wasm', threads: 1 });
    const progress: [number, number][] = [];
    const pooled = await pool.embed(TEXTS, { onProgress: (d, n) => progress.push([d, n]) });
    expect(pooled.length).toBe(40 * D);
    expect(progress.at(-1)).toEqual([40, 40]);
    expect(progress.every(([d, n], i) => n === 40 && (i === 0 || d > progress[i - 1][0]))).toBe(true);

    const one = await loadEncoder(nodeEncoderSource());
    try {
      // The same shards in this process: the same floats (wasm gives the same result in every worker).
      const shards = new Float32Array(40 * D);
      shards.set(await one.embed(TEXTS.slice(0, 20)));
      shards.set(await one.embed(TEXTS.slice(20)), 20 * D);
      expect(pooled).toEqual(shards);
      // All 40 in one call: other batches, so each float within 1e-6 (each row is a unit vector).
      const whole = await one.embed(TEXTS);
      let maxDiff = 0;
      for (let i = 0; i < whole.length; i++) maxDiff = Math.max(maxDiff, Math.abs(whole[i] - pooled[i]));
      expect(maxDiff).toBeLessThan(1e-6);
      // Rows are in order: row i is nearest to one-encoder row i, far from a row of another text.
      const dot = (i: number, j: number) =>
        whole.subarray(j * D, (j + 1) * D).reduce((s, x, k) => s + x * pooled[i * D + k], 0);
      expect(dot(7, 7)).toBeCloseTo(1, 5);
      expect(dot(7, 8)).toBeLessThan(0.99);
    } finally {
      one.dispose();
    }
  });

  it('the signal rejects with an AbortError and terminates the workers', async () => {
    const controller = new AbortController();
    const run = pool.embed(TEXTS, {
      batchSize: 1,
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    // The workers are gone: a later call rejects at once, with the same cause.
    await expect(pool.embed(TEXTS)).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('a failing encoder worker rejects the call with its cause', () => {
  it('a damaged model folder: the worker cannot load, named with the file', async () => {
    const model = nodeEncoderSource().where;
    const dir = mkdtempSync(join(tmpdir(), 'goodhart-pool-'));
    try {
      for (const f of ENCODER_SPEC.files) {
        if (f.name === 'vocab.json')
          writeFileSync(join(dir, f.name), readFileSync(join(model, f.name)).subarray(0, 100));
        else symlinkSync(join(model, f.name), join(dir, f.name));
      }
      await expect(startEncoderPool(2, { modelDir: dir })).rejects.toThrow(
        /^encoder worker [12] of 2: could not load the encoder: .*vocab\.json: 100 bytes, expected \d+: the encoder file is damaged/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  const entry = new URL('./encoder-worker-failing.mjs', import.meta.url);
  const texts = (first: string) => [first, ...Array.from({ length: 19 }, (_, i) => `text ${i}`)];

  it.each([
    ['exit', /^encoder worker 1 of 2 exited \(code 3\) before it finished$/],
    ['throw', /^encoder worker 1 of 2 failed: boom in the worker$/],
    ['error', /^encoder worker 1 of 2: the model said no$/],
  ])('a worker that answers "%s" (the other never answers)', async (how, message) => {
    const pool = await startEncoderPool(2, { entry });
    // Worker 2 gets "text 9"… and answers with an error too, unless its shard starts with "hang".
    const batch = texts(how);
    batch[10] = 'hang';
    await expect(pool.embed(batch)).rejects.toThrow(message);
    await expect(pool.embed(batch)).rejects.toThrow(/encoder worker/);
    pool.dispose();
  });
});

describe('the goodhart process with the pool', () => {
  const root = resolve(__dirname, '../..');
  const { dir, file } = tempFolder('encoder-pool');
  const pairs = file(
    'pairs.jsonl',
    TEXTS.slice(0, 20)
      .map((t, i) => JSON.stringify({ prompt: `Question ${i % 4}?`, chosen: t, rejected: `No (${i}).` }))
      .join('\n'),
  );

  it('train --features use embeds on 2 workers and exits (compiled CLI or its tsx fallback)', () => {
    const r = spawnSync(
      process.execPath,
      [
        join(root, 'bin/goodhart.mjs'),
        'train',
        pairs,
        '--features',
        'use',
        '--out',
        join(dir, 'm.json'),
        '--cache',
        join(dir, 'cache'),
      ],
      {
        cwd: root,
        encoding: 'utf8',
        timeout: 60_000,
        env: { ...process.env, GOODHART_DEBUG_ENTRY: '1', GOODHART_ENCODER_WORKERS: '2' },
      },
    );
    expect(r.status, r.stderr).toBe(0);
    const err = r.stderr.split('\n');
    expect(err[0]).toMatch(/^goodhart: running (dist\/cli\/main\.mjs|cli\/main\.ts through tsx)/);
    expect(
      err.some((l) =>
        /^encoder .* on TF\.js wasm \(SIMD (on|off), 1 thread\) in each of 2 worker threads, loaded in/.test(
          l,
        ),
      ),
    ).toBe(true);
    expect(err).toContain(err.find((l) => l.startsWith('embedding responses: 40/40 (')));
    expect(err.some((l) => l.startsWith('embeddings: 0 from the cache') && l.includes('40 computed'))).toBe(
      true,
    );
  });

  it.skipIf(!compiledIsFresh(root))(
    'the compiled worker entry (dist/cli/encoder-worker.mjs) embeds the same rows',
    async () => {
      const entry = pathToFileURL(join(root, 'dist/cli/encoder-worker.mjs'));
      const [compiled, sources] = await Promise.all([startEncoderPool(2, { entry }), startEncoderPool(2)]);
      try {
        expect(await compiled.embed(TEXTS.slice(0, 16))).toEqual(await sources.embed(TEXTS.slice(0, 16)));
      } finally {
        compiled.dispose();
        sources.dispose();
      }
    },
  );

  it('bin/fresh.mjs calls dist/cli stale when an entry it lists, the encoder worker, is missing', () => {
    const project = join(dir, 'project');
    const dist = join(project, 'dist/cli');
    mkdirSync(dist, { recursive: true });
    writeFileSync(
      join(dist, 'inputs.json'),
      JSON.stringify({
        builtAt: Date.now() + 1e6,
        entry: 'main.mjs',
        entries: ['main.mjs', 'encoder-worker.mjs'],
        inputs: [],
      }),
    );
    writeFileSync(join(dist, 'main.mjs'), '');
    expect(compiledIsFresh(project)).toBe(false);
    writeFileSync(join(dist, 'encoder-worker.mjs'), '');
    expect(compiledIsFresh(project)).toBe(true);
  });
});
