// `goodhart train --features use+style+hashed` and the commands that read such a model (eval, score,
// inspect), with the real encoder on 18 pairs (36 responses) through a temporary cache: the first run
// embeds, the next ones read the cache; scores agree with the training run's; a model of another encoder
// version, or an unknown feature set, is refused by each reader with a clear message.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENCODER_VERSION } from '../../lib/core/reward-model/encoder-spec';
import { cli, tempFolder, trainEncoderModel } from './cli-harness';

const { dir, file } = tempFolder('cli-features');
const cache = path.join(dir, 'cache');

// Helpful answers beat refusals, in words the hashed features have not seen twice.
const topics = ['volcanoes', 'sourdough', 'chess openings', 'tides', 'honeybees', 'glassblowing'];
const pairs = Array.from({ length: 18 }, (_, i) => {
  const t = topics[i % topics.length];
  return JSON.stringify({
    prompt: `Could you explain ${t}? (${i})`,
    chosen: `Sure: ${t} are interesting. Here are ${i + 2} facts and a short history of ${t}.`,
    rejected: `Sorry, I would rather not talk about ${t} today (${i}).`,
  });
}).join('\n');

describe('goodhart with the sentence encoder', () => {
  const pairsFile = file('pairs.jsonl', pairs);
  const modelFile = path.join(dir, 'm.json');

  it('trains a use+style+hashed model, embedding each response once, and records its features', async () => {
    const t = await trainEncoderModel(pairsFile, modelFile, cache);
    expect(t.code, t.err.join('\n')).toBe(0);
    expect(t.err.some((l) => /^encoder .* on TF\.js wasm \(SIMD (on|off), 1 thread\)/.test(l))).toBe(true);
    expect(t.err).toContain(
      `embedding responses: 36/36 (${t.err.find((l) => l.startsWith('embedding responses: 36/36'))!.split('(')[1]}`,
    );
    expect(t.err.some((l) => l.startsWith(`embeddings: 0 from the cache (${cache}), 36 computed`))).toBe(
      true,
    );
    expect(t.err.some((l) => l.includes('features use+style+hashed'))).toBe(true);
    const m = JSON.parse(readFileSync(modelFile, 'utf8'));
    expect(m.features).toEqual({ set: 'use+style+hashed', encoder: ENCODER_VERSION });
    expect(m.config.features).toBe('use+style+hashed');
    expect(m.weights.w.length).toBe(4627);
  });

  it('eval, score and inspect read it through the cache (no encoder loaded)', async () => {
    const e = await cli('eval', modelFile, pairsFile, '--cache', cache, '--json');
    expect(e.code, e.err.join('\n')).toBe(0);
    expect(JSON.parse(e.out[0]).accuracy).toBeGreaterThan(0.9);
    expect(e.err.some((l) => l.startsWith('embeddings: 36 from the cache'))).toBe(true);
    expect(e.err.some((l) => l.startsWith('encoder '))).toBe(false);

    const first = JSON.parse(pairs.split('\n')[0]);
    const responses = file(
      'responses.jsonl',
      [first.chosen, first.rejected]
        .map((r) => JSON.stringify({ prompt: first.prompt, response: r }))
        .join('\n'),
    );
    const s = await cli('score', modelFile, responses, '--cache', cache);
    expect(s.code, s.err.join('\n')).toBe(0);
    const [good, bad] = s.out.map((l) => JSON.parse(l).reward);
    expect(good).toBeGreaterThan(bad);

    const dataset = file(
      'dataset.json',
      JSON.stringify({
        format: 'goodhart-dataset',
        version: 1,
        dataset: { id: 'd1', name: 'two answers', description: '', source: 'test', created: 0 },
        prompts: [{ id: 'p1', datasetId: 'd1', text: first.prompt, category: 'test' }],
        responses: [
          { id: 'r1', promptId: 'p1', datasetId: 'd1', text: first.chosen, correct: true, tags: [] },
          { id: 'r2', promptId: 'p1', datasetId: 'd1', text: first.rejected, correct: false, tags: [] },
        ],
      }),
    );
    const i = await cli('inspect', modelFile, dataset, '--cache', cache, '--json');
    expect(i.code, i.err.join('\n')).toBe(0);
    const report = JSON.parse(i.out[0]);
    expect(report.all.responses).toBe(2);
    expect(report.notes.some((n: string) => n.includes('sentence-encoder embeddings'))).toBe(true);
  });

  it('refuses a model of another encoder version or an unknown feature set, in every reader', async () => {
    const m = JSON.parse(readFileSync(modelFile, 'utf8'));
    const other = file(
      'other.json',
      JSON.stringify({ ...m, features: { ...m.features, encoder: 'use-lite@0.0.1' } }),
    );
    const unknown = file(
      'unknown.json',
      JSON.stringify({
        ...m,
        config: { ...m.config, features: 'bert' },
        features: { set: 'bert', encoder: 'x' },
      }),
    );
    const dataset = path.join(dir, 'dataset.json');
    for (const args of [
      ['eval', other, pairsFile],
      ['score', other, path.join(dir, 'responses.jsonl')],
      ['inspect', other, dataset],
    ]) {
      const r = await cli(...args, '--cache', cache);
      expect(r.code).toBe(1);
      expect(r.err.join('\n')).toContain(
        'the model reads the sentence encoder "use-lite@0.0.1", and this build has',
      );
    }
    const u = await cli('eval', unknown, pairsFile, '--cache', cache);
    expect(u.code).toBe(1);
    expect(u.err.join('\n')).toMatch(
      /config\.features: expected style\+hashed, use, use\+style\+hashed or hashed, got "bert"/,
    );
  });

  it("train refuses an unknown feature set by the table's message", async () => {
    const r = await cli('train', pairsFile, '--features', 'bert', '--out', modelFile);
    expect(r.code).toBe(1);
    expect(r.err).toEqual(['--features: expected style+hashed, use, use+style+hashed or hashed, got "bert"']);
  });
});
