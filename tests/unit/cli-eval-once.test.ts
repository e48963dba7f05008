// `goodhart eval` featurizes and scores each distinct (prompt, response) once, however many pairs it is
// in (a ranked row of K candidates gives C(K,2) pairs over K responses), with the same metrics as
// scoring every pair's two texts; and a row that gives no preference is a warning line, not a pair.
import { afterAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const calls = vi.hoisted(() => ({ featurize: 0 }));
vi.mock('../../lib/core/reward-model/features/index', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../lib/core/reward-model/features/index')>();
  return {
    ...actual,
    featurize: (...args: Parameters<typeof actual.featurize>) => {
      calls.featurize++;
      return actual.featurize(...args);
    },
  };
});

const { main } = await import('../../cli/main');
const { FEATURE_DIM, FEATURES_VERSION, featurize } =
  await import('../../lib/core/reward-model/features/index');
const { DEFAULT_TRAIN_CONFIG, scoreWithModelFile } = await import('../../lib/core/reward-model/model-file');
type RewardModelFile = import('../../lib/core/reward-model/model-file').RewardModelFile;

const dir = mkdtempSync(path.join(tmpdir(), 'goodhart-eval-once-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, content: string) => {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
};

const w = Array.from({ length: FEATURE_DIM }, (_, i) => Math.sin(i + 1) / 10);
const model: RewardModelFile = {
  format: 'goodhart-reward-model',
  version: 1,
  featuresVersion: FEATURES_VERSION,
  config: { ...DEFAULT_TRAIN_CONFIG },
  weights: { kind: 'linear', w, b: 0 },
  rewardMean: 0,
  rewardStd: 1,
  metrics: {
    train: { accuracy: null, logLoss: null, n: 0 },
    val: { accuracy: null, logLoss: null, n: 0 },
    epochs: 1,
  },
  trainedOn: { n: 1 },
  heldOutPromptKeys: [],
  createdAt: 0,
};

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
    calls.featurize = 0;
    const code = await main(['eval', modelFile, pairsFile, '--json'], {
      out: (l) => out.push(l),
      err: (l) => err.push(l),
    });
    expect(err).toEqual([
      `${pairsFile}:4: warning: "rejected": "chosen" and "rejected" are identical; no comparison made`,
    ]);
    expect(code).toBe(0);
    expect(calls.featurize).toBe(12);

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
