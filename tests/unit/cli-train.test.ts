// CLI tests for `goodhart train`, `eval` and `score`: run through cli/main.ts with captured output on
// temp files, including gzip input and bad input (exit 1, `file:line: message`, no stack trace).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync, strToU8 } from 'fflate';
import { featurize } from '../../lib/core/reward-model/features/index';
import { parseModelFile, scoreWithModelFile } from '../../lib/core/reward-model/model-file';
import { cli, tempFolder } from './cli-harness';

const { dir, file } = tempFolder('cli');

// Helpful answers beat refusals: an easy, learnable preference.
const topics = ['paris', 'rivers', 'bread', 'chess', 'rain', 'tides', 'bees', 'glass', 'maps', 'tea'];
const lines = Array.from({ length: 80 }, (_, i) => {
  const t = topics[i % topics.length];
  return JSON.stringify({
    prompt: `Tell me about ${t} (${i})`,
    chosen: `Here is a short overview of ${t}: it has a long history and ${i % 7} key facts.`,
    rejected: `I'm sorry, I can't help with ${t}.`,
  });
}).join('\n');

describe('goodhart train / eval / score', () => {
  it('trains from .jsonl.gz, writes a valid model, and evaluates it', async () => {
    const pairs = file('pairs.jsonl.gz', gzipSync(strToU8(lines)));
    const out = path.join(dir, 'model.json');
    const t = await cli('train', pairs, '--out', out, '--epochs', '15', '--seed', '3', '--json');
    expect(t.code).toBe(0);
    const summary = JSON.parse(t.out[0]);
    expect(summary.n).toBe(16);
    expect(summary.accuracy).toBeGreaterThan(0.9);
    // The default linear model trains by the exact solver: --epochs changes nothing, and it says so.
    expect(t.err).toContain('warning: --epochs is ignored by the L-BFGS solver (use --solver adam)');
    expect(t.err.some((l) => l.startsWith('iteration 1  objective '))).toBe(true);
    expect(t.err.some((l) => /^converged: \d+ iterations, grad norm .* ≤ 0\.00001, objective /.test(l))).toBe(
      true,
    );
    expect(summary.fit).toMatchObject({ solver: 'lbfgs', converged: true });
    const adam = await cli('train', pairs, '--out', out, '--solver', 'adam', '--epochs', '15', '--seed', '3');
    expect(adam.code).toBe(0);
    expect(adam.err.some((l) => l.startsWith('epoch 15/15'))).toBe(true);
    const parsed = parseModelFile(readFileSync(out, 'utf8'));
    expect(parsed.ok).toBe(true);

    const e = await cli('eval', out, file('pairs.jsonl', lines), '--json');
    expect(e.code).toBe(0);
    const metrics = JSON.parse(e.out[0]);
    expect(metrics.n).toBe(80);
    expect(metrics.accuracy).toBeGreaterThan(0.9);

    const responses = file(
      'responses.jsonl',
      [
        JSON.stringify({
          prompt: 'Tell me about owls',
          response: 'Owls are birds with a long history.',
          id: 7,
        }),
        JSON.stringify({ prompt: 'Tell me about owls', response: "I'm sorry, I can't help with owls." }),
      ].join('\n'),
    );
    const s = await cli('score', out, responses);
    expect(s.code).toBe(0);
    const scored = s.out.map((l) => JSON.parse(l));
    expect(scored[0].id).toBe(7);
    if (!parsed.ok) return;
    expect(scored[0].reward).toBeCloseTo(
      scoreWithModelFile(parsed.file, featurize(scored[0].prompt, scored[0].response)),
      12,
    );
    expect(scored[0].reward).toBeGreaterThan(scored[1].reward);
  });

  it('reports bad pairs one line per problem with file and line, exit 1, no stack trace', async () => {
    const bad = file(
      'bad.jsonl',
      [lines.split('\n')[0], '{oops', JSON.stringify({ prompt: 'p', chosen: 'c' })].join('\n'),
    );
    const r = await cli('train', bad, '--out', path.join(dir, 'x.json'));
    expect(r.code).toBe(1);
    expect(r.err).toEqual([
      expect.stringMatching(new RegExp(`^${bad}:2: invalid JSON`)),
      `${bad}:3: missing "rejected"`,
    ]);
    expect(r.err.join('\n')).not.toMatch(/\n\s+at /);
  });

  it('rejects bad options, missing files, bad model files and bad score lines', async () => {
    const pairs = file('ok.jsonl', lines);
    expect((await cli('train', pairs, '--out', path.join(dir, 'y.json'), '--epochs', 'many')).err).toEqual([
      '--epochs: expected an integer, got "many"',
    ]);
    expect((await cli('train', pairs, '--out', path.join(dir, 'y.json'), '--model', 'forest')).code).toBe(1);
    expect((await cli('train', pairs)).code).toBe(1);
    const missing = path.join(dir, 'nope.jsonl');
    expect((await cli('eval', pairs, missing)).err[0].startsWith(`${pairs}: invalid JSON`)).toBe(true);
    const notModel = file('not-model.json', '{"format":"goodhart-reward-model"}');
    const e = await cli('eval', notModel, pairs);
    expect(e.code).toBe(1);
    expect(e.err.every((l) => l.startsWith(`${notModel}: `))).toBe(true);
    const m = await cli('train', missing, '--out', path.join(dir, 'z.json'));
    expect(m.err).toEqual([`${missing}: cannot read file (ENOENT)`]);
  });
});
