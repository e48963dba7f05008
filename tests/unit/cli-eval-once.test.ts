// `goodhart eval` featurizes and scores each distinct (prompt, response) once, however many pairs it is
// in (a ranked row of K candidates gives C(K,2) pairs over K responses), with the same metrics as
// scoring every pair's two texts; and a row that gives no preference is a warning line, not a pair.
import { afterAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

vi.mock('../../lib/core/reward-model/features/index', async (original) =>
  (await import('./featurize-counter')).countingFeatures(original),
);
const { featurizeCalls } = await import('./featurize-counter');

const { main } = await import('../../cli/main');
const { FEATURE_DIM, featurize } = await import('../../lib/core/reward-model/features/index');
const { scoreWithModelFile } = await import('../../lib/core/reward-model/model-file');
const { linearModel } = await import('./model-fixture');

const dir = mkdtempSync(path.join(tmpdir(), 'goodhart-eval-once-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, content: string) => {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
};

const w = Array.from({ length: FEATURE_DIM }, (_, i) => Math.sin(i + 1) / 10);
const model = linearModel(w);

describe('goodhart eval', () => {
  it('scores each distinct response once and gives the per-pair metrics', async () => {
    const rows = ['bees', 'tides', 'glass'].map((t) => ({
      prompt: `Tell me about ${t}.`,
      responses: [`${t} are great!`, `I cannot help with ${t}.`, `A short note on ${t}.`, `${t}?`],
      ranking: [2, 0, 3, 1],
    }));
    const text = [
      ...rows.map((r) => JSON.stringify(r)),
      JSON.stringify({ prompt: 'Same?', chosen: 'yes', rejected: 'yes' }),
    ].join('\n');
    const pairsFile = file('ranked.jsonl', text);
    const modelFile = file('model.json', JSON.stringify(model));
    const out: string[] = [];
    const err: string[] = [];
    featurizeCalls.n = 0;
    const code = await main(['eval', modelFile, pairsFile, '--json'], {
      out: (l) => out.push(l),
      err: (l) => err.push(l),
    });
    expect(err).toEqual([
      `${pairsFile}:4: warning: "rejected": "chosen" and "rejected" are identical; no comparison made`,
    ]);
    expect(code).toBe(0);
    expect(featurizeCalls.n).toBe(12);

    // Independently: every pair's two texts scored on their own.
    let correct = 0;
    let loss = 0;
    let n = 0;
    for (const r of rows) {
      const order = r.ranking.map((i) => r.responses[i]);
      for (let i = 0; i < order.length; i++)
        for (let j = i + 1; j < order.length; j++) {
          const d =
            scoreWithModelFile(model, featurize(r.prompt, order[i])) -
            scoreWithModelFile(model, featurize(r.prompt, order[j]));
          n++;
          correct += d > 0 ? 1 : d === 0 ? 0.5 : 0;
          loss += Math.log1p(Math.exp(-d));
        }
    }
    const m = JSON.parse(out[0]);
    expect(m.n).toBe(18);
    expect(n).toBe(18);
    expect(m.accuracy).toBe(correct / n);
    expect(m.logLoss).toBeCloseTo(loss / n, 12);
  });
});
