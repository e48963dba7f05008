// The demo pack's shipped embeddings (public/demo/goodhart-demo.embeddings.json, scripts/build-demo-embeddings.mjs):
// this build's encoder version, every demo response once in the pack's order with the SHA-256 of its
// current text (computed here by node:crypto, not the code under test), and the vectors equal, within 1e-4,
// to what the encoder computes now for a few of them. The format round-trips, damage is refused, and a
// reader keeps only rows whose encoder and text hash still match.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_FILE } from '../../lib/core/demo';
import { ENCODER_VERSION } from '../../lib/core/reward-model/encoder-spec';
import {
  DEMO_EMBEDDINGS_FILE,
  decodeShippedEmbeddings,
  encodeShippedEmbeddings,
  usableShipped,
  type ShippedEmbeddings,
} from '../../lib/core/reward-model/shipped-embeddings';
import type { DatasetFile } from '../../lib/core/types';
import { loadEncoder, type Encoder } from '../../lib/ml/encoder/encoder';
import { nodeEncoderSource } from '../../lib/ml/encoder/node-source';
import { startCpuBackend } from '../../lib/ml/backend';
import { simulateTrainInspect } from '../../lib/ml/pipeline';

const root = resolve(__dirname, '../..');
const demo: DatasetFile = JSON.parse(readFileSync(resolve(root, DEMO_FILE), 'utf8'));
const sha = (t: string) => createHash('sha256').update(t, 'utf8').digest('hex');

describe('the demo pack’s shipped embeddings', () => {
  let shipped: ShippedEmbeddings;
  let encoder: Encoder | undefined;
  beforeAll(async () => {
    const r = decodeShippedEmbeddings(JSON.parse(readFileSync(resolve(root, DEMO_EMBEDDINGS_FILE), 'utf8')));
    if (!r.ok) throw new Error(r.error);
    shipped = r.value;
    encoder = await loadEncoder(nodeEncoderSource());
  }, 120_000);
  afterAll(() => encoder?.dispose());

  it('are of this build’s encoder, for every demo response in order, with its current text’s hash', () => {
    expect(shipped.encoder).toBe(ENCODER_VERSION);
    expect(shipped.ids).toEqual(demo.responses.map((r) => r.id));
    expect(shipped.sha256).toEqual(demo.responses.map((r) => sha(r.text)));
  });

  it('match the encoder on a few responses within 1e-4 (unit norm)', async () => {
    const picks = [0, 1, 57, 131, demo.responses.length - 1];
    const now = await encoder!.embed(picks.map((i) => demo.responses[i].text));
    picks.forEach((i, k) => {
      const a = shipped.vectors.subarray(i * 512, (i + 1) * 512);
      const b = now.subarray(k * 512, (k + 1) * 512);
      let worst = 0;
      let norm = 0;
      for (let j = 0; j < 512; j++) {
        worst = Math.max(worst, Math.abs(a[j] - b[j]));
        norm += a[j] * a[j];
      }
      expect(worst).toBeLessThan(1e-4);
      expect(Math.sqrt(norm)).toBeCloseTo(1, 4);
    });
  }, 60_000);
});

describe('the shipped-embeddings format', () => {
  const vectors = Float32Array.from({ length: 2 * 512 }, (_, i) => Math.sin(i) / 10);
  const hashes = [sha('a'), sha('b')];

  it('round-trips exactly', () => {
    const file = JSON.parse(JSON.stringify(encodeShippedEmbeddings(['x', 'y'], hashes, vectors)));
    const r = decodeShippedEmbeddings(file);
    expect(r).toMatchObject({
      ok: true,
      value: { ids: ['x', 'y'], sha256: hashes, encoder: ENCODER_VERSION },
    });
    expect(r.ok && r.value.vectors).toEqual(vectors);
  });

  it('refuses damage with a reason', () => {
    const file = encodeShippedEmbeddings(['x', 'y'], hashes, vectors);
    expect(decodeShippedEmbeddings({ ...file, vectors: file.vectors.slice(0, 100) })).toEqual({
      ok: false,
      error: 'vectors hold 75 bytes, not 4096',
    });
    expect(decodeShippedEmbeddings({ ...file, sha256: ['nothex', hashes[1]] }).ok).toBe(false);
    expect(decodeShippedEmbeddings({ ...file, format: 'other' }).ok).toBe(false);
  });

  it('a reader keeps only rows of this encoder whose text hash still matches', () => {
    const r = decodeShippedEmbeddings(encodeShippedEmbeddings(['x', 'y'], hashes, vectors));
    if (!r.ok) throw new Error(r.error);
    const items = [
      { id: 'y', sha256: hashes[1] },
      { id: 'x', sha256: sha('edited') },
      { id: 'z', sha256: hashes[0] },
    ];
    const { found, missing } = usableShipped(r.value, items);
    expect(found.ids).toEqual(['y']);
    expect(found.vectors).toEqual(vectors.subarray(512, 1024));
    expect(missing.map((m) => m.id)).toEqual(['x', 'z']);
    expect(usableShipped({ ...r.value, encoder: 'other@1' }, items).missing).toHaveLength(3);
    expect(usableShipped(null, items).found.ids).toEqual([]);
  });
});

describe('the demo lesson through the app’s path with the shipped embeddings', () => {
  // The README's per-set table came from tests/bench/encoder.bench.ts, which builds its rows by hand
  // (featurizeWithSet + buildRows over the Node encoder's cache); the pipeline the app's pages share must
  // give the same figures from the shipped file.
  it('reproduces the bench’s hurried-rater rows for use and use+style+hashed', async () => {
    await startCpuBackend();
    const r = decodeShippedEmbeddings(JSON.parse(readFileSync(resolve(root, DEMO_EMBEDDINGS_FILE), 'utf8')));
    if (!r.ok) throw new Error(r.error);
    const run = (features: 'use' | 'use+style+hashed') =>
      simulateTrainInspect(demo, 'hurried', { n: 500, seed: 1, train: { features }, embeddings: r.value });
    const use = await run('use');
    const both = await run('use+style+hashed');
    expect(use.model.features?.set).toBe('use');
    expect(use.report.heldOut.wrongPreferredRate).toBe(1);
    expect(use.report.heldOut.hackingGap).toBeCloseTo(1.75, 2);
    expect(both.report.heldOut.wrongPreferredRate).toBe(1);
    expect(both.report.heldOut.hackingGap).toBeCloseTo(2.02, 2);
    expect(both.report.notes.join(' ')).toContain('sentence-encoder embeddings');
  }, 120_000);
});
