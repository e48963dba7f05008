// Probes and the optimiser on a model that reads the sentence encoder: a small use+style+hashed model
// (the real encoder, 12 pairs) through `goodhart probe` and `goodhart optimize`, whose edited texts are
// embedded through a temporary cache. The JSON has the documented shape, the bounds are said on stderr,
// and the same seed gives the same numbers (the second run reads every embedding from the cache).
// Then the bounds themselves, in plain TS: a seeded sample of responses, the same for the same seed.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ENCODER_BOUNDS,
  ENCODER_TEXTS_PER_SECOND,
  embedDuration,
  encoderBoundsNote,
  probeBounds,
  tableBounds,
} from '../../lib/core/goodhart/probes/budget';
import { probe, probeTexts } from '../../lib/core/goodhart/probes/probe';
import { modelRewardFn } from '../../lib/core/goodhart/probes/reward';
import { buildTable } from '../../lib/core/goodhart/optimize/table';
import { cli, tempFolder, trainEncoderModel } from './cli-harness';
import { demo as DEMO_DATASET } from './optimize-fixture';

const { dir, file } = tempFolder('probe-encoder');
const cache = path.join(dir, 'cache');
const topics = ['volcanoes', 'sourdough', 'tides', 'honeybees'];
const pairs = Array.from({ length: 12 }, (_, i) => {
  const t = topics[i % topics.length];
  return JSON.stringify({
    prompt: `Could you explain ${t}? (${i})`,
    chosen: `Sure: ${t} are interesting. Here are ${i + 2} facts about ${t}.`,
    rejected: `Sorry, I would rather not talk about ${t} (${i}).`,
  });
}).join('\n');

const dataset = {
  format: 'goodhart-dataset',
  version: 1,
  dataset: { id: 'd1', name: 'small', description: '', source: 'test', created: 0 },
  prompts: topics.slice(0, 2).map((t, k) => ({
    id: `p${k}`,
    datasetId: 'd1',
    text: `What should I know about ${t}?`,
    category: 'test',
  })),
  responses: topics.slice(0, 2).flatMap((t, k) => [
    {
      id: `r${k}a`,
      promptId: `p${k}`,
      datasetId: 'd1',
      text: `${t} are well studied; the main facts are known.`,
      correct: true,
      tags: [],
    },
    {
      id: `r${k}b`,
      promptId: `p${k}`,
      datasetId: 'd1',
      text: `I think ${t} might be a myth, probably.`,
      correct: false,
      tags: [],
    },
  ]),
};

describe('probe and optimize on a use+style+hashed model', () => {
  const pairsFile = file('pairs.jsonl', pairs);
  const dataFile = file('dataset.json', JSON.stringify(dataset));
  const modelFile = path.join(dir, 'm.json');

  it('trains the model', async () => {
    const t = await trainEncoderModel(pairsFile, modelFile, cache);
    expect(t.code, t.err.join('\n')).toBe(0);
  });

  it('probes it: the JSON shape, the bound said on stderr, the same numbers for the same seed', async () => {
    const a = await cli('probe', modelFile, dataFile, '--json', '--seed', '3', '--cache', cache);
    expect(a.code, a.err.join('\n')).toBe(0);
    expect(
      a.err.some((l) => l.includes('reads the sentence encoder') && l.includes('texts need embeddings')),
    ).toBe(true);
    expect(a.err.some((l) => /^embedding texts: \d+\/\d+/.test(l))).toBe(true);
    const r = JSON.parse(a.out[0]);
    expect(r.responses).toBe(4);
    expect(r.totalResponses).toBe(4);
    expect(r.edits.length).toBe(7);
    for (const e of r.edits) {
      expect(Object.keys(e).sort()).toEqual(
        ['ciHigh', 'ciLow', 'goldChanged', 'id', 'meanDelta', 'n', 'name', 'raisedShare'].sort(),
      );
      if (e.n > 0) expect(e.ciLow).toBeLessThanOrEqual(e.ciHigh);
    }
    expect(r.edits.some((e: { n: number; meanDelta: number }) => e.n > 0 && e.meanDelta !== 0)).toBe(true);
    const b = await cli('probe', modelFile, dataFile, '--json', '--seed', '3', '--cache', cache);
    expect(b.out[0]).toBe(a.out[0]);
    expect(b.err.some((l) => /embeddings: \d+ from the cache .*, 0 computed/.test(l))).toBe(true);
  });

  it('optimises it (RL and best-of-n) on the bounded table, deterministic for a seed', async () => {
    const args = [
      'optimize',
      modelFile,
      dataFile,
      '--method',
      'rl',
      '--steps',
      '20',
      '--seed',
      '2',
      '--json',
      '--cache',
      cache,
    ];
    const a = await cli(...args);
    expect(a.code, a.err.join('\n')).toBe(0);
    expect(a.err.some((l) => l.includes(`edit sets of at most ${ENCODER_BOUNDS.maxEdits} edit`))).toBe(true);
    const r = JSON.parse(a.out[0]);
    expect(r.table.maxEdits).toBe(ENCODER_BOUNDS.maxEdits);
    expect(r.table.prompts).toBe(2);
    expect(r.curve[0].kl).toBe(0);
    for (let i = 1; i < r.curve.length; i++) expect(r.curve[i].kl).toBeGreaterThan(r.curve[i - 1].kl);
    for (const p of r.curve)
      expect(Object.keys(p)).toEqual(expect.arrayContaining(['step', 'kl', 'proxy', 'gold']));
    expect(r.samples.length).toBeGreaterThan(0);
    const b = await cli(...args);
    expect(b.out[0]).toBe(a.out[0]);
    const bon = await cli(
      'optimize',
      modelFile,
      dataFile,
      '--method',
      'bon',
      '--steps',
      '4',
      '--json',
      '--cache',
      cache,
    );
    expect(bon.code, bon.err.join('\n')).toBe(0);
    const curve = JSON.parse(bon.out[0]).curve;
    expect(curve.length).toBe(5);
    expect(curve[4].proxy).toBeGreaterThanOrEqual(curve[0].proxy);
  });
});

describe('the encoder bounds', () => {
  it('estimate the embedding time from one worker (slowest) to N workers (fastest)', () => {
    expect(ENCODER_TEXTS_PER_SECOND).toBe(18);
    // 8,960 texts: 498 s at 18/s (8 min), 249 s on 2 workers (4 min).
    expect(embedDuration(8960)).toBe('about 8 min');
    expect(embedDuration(8960, 2)).toBe('about 4 min to 8 min');
    expect(embedDuration(36, 2)).toBe('about 1 s to 2 s');
    expect(embedDuration(900, 4)).toBe('about 13 s to 50 s');
    expect(embedDuration(10, 2)).toBe('about 1 s');
    expect(encoderBoundsNote('use', 'optimize', true, 8960, 2)).toBe(
      'This model reads the sentence encoder, so every edited text must be embedded (about 18 texts/s per encoder worker here, 2 workers): optimising over the full set (no bound): 8960 texts need embeddings (about 4 min to 8 min at most; texts embedded before are read back).',
    );
    expect(encoderBoundsNote('hashed', 'probe', false, 10)).toBeNull();
  });

  it('probe a seeded sample of the demo, the same for the same seed, other for another', async () => {
    const opts = { seed: 1, ...probeBounds('use+style+hashed', false) };
    expect(opts.maxResponses).toBe(ENCODER_BOUNDS.probeResponses);
    expect(probeBounds('style+hashed', false)).toEqual({});
    expect(probeBounds('use', true)).toEqual({});
    const t1 = probeTexts(DEMO_DATASET, opts);
    expect(probeTexts(DEMO_DATASET, opts)).toEqual(t1);
    expect(probeTexts(DEMO_DATASET, { ...opts, seed: 2 })).not.toEqual(t1);
    const all = probeTexts(DEMO_DATASET, { seed: 1 });
    expect(t1.length).toBeLessThan(all.length / 2);
    // A stand-in reward (the text's length) scores exactly the texts listed.
    const lengths = (items: readonly { response: string }[]) => items.map((i) => i.response.length);
    const seen = new Set<string>();
    const r = await probe(
      DEMO_DATASET,
      (items) => (items.forEach((i) => seen.add(i.response)), lengths(items)),
      opts,
    );
    expect(r.responses).toBe(ENCODER_BOUNDS.probeResponses);
    expect(r.totalResponses).toBe(DEMO_DATASET.responses.length);
    expect([...seen].sort()).toEqual([...t1].sort());
  });

  it('bound the action table to edit sets of one edit on a sample of prompts', () => {
    const full = buildTable(DEMO_DATASET, { seed: 1 });
    const small = buildTable(DEMO_DATASET, { seed: 1, ...tableBounds('use', false) });
    expect(small.maxEdits).toBe(1);
    expect(small.prompts.length).toBe(ENCODER_BOUNDS.maxPrompts);
    expect(small.texts.length).toBeLessThan(full.texts.length / 10);
  });

  it('refuses an encoder model without embeddings, and names a text it lacks', () => {
    const model = {
      weights: { kind: 'linear' as const, w: new Array(512).fill(0), b: 0 },
      features: { set: 'use' as const, encoder: 'x' },
    };
    expect(() => modelRewardFn(model)).toThrow(/pass the texts' embeddings/);
    const reward = modelRewardFn(model, { texts: ['a'], vectors: new Float32Array(512) });
    expect(reward([{ prompt: 'p', response: 'a' }])).toEqual([0]);
    expect(() => reward([{ prompt: 'p', response: 'b' }])).toThrow(
      /no sentence-encoder embedding for the text "b"/,
    );
  });
});
