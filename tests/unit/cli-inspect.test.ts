// `goodhart inspect` through cli/main.ts: the chain simulate demo → train → inspect --json with held-out
// prompts matched by prompt text, the JSON shape promised in issue 4, --labels and --scores, and bad
// input as `file:line: message` with exit 1.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main';
import { promptKeyOf } from '../../lib/core/reward-model/training-data';
import { startCpuBackend } from '../../lib/ml/backend';
import { capture } from './cli-harness';

const dir = mkdtempSync(join(tmpdir(), 'goodhart-inspect-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const labels = join(dir, 'labels.jsonl');
const model = join(dir, 'model.json');

async function ok(argv: string[]): Promise<string[]> {
  const io = capture();
  const code = await main(argv, io);
  const progress = /^(epoch|iteration|converged|training)\b/;
  expect(io.stderr.filter((l) => !progress.test(l))).toEqual([]);
  expect(code).toBe(0);
  return io.stdout;
}

beforeAll(async () => {
  await startCpuBackend();
  await ok(['simulate', 'demo', '--rater', 'hurried', '--n', '300', '--seed', '2', '--out', labels]);
  await ok(['train', labels, '--out', model, '--seed', '1']);
});

describe('simulate → train → inspect', () => {
  it('prints the promised JSON with held-out prompts matched by prompt text', async () => {
    const out = await ok(['inspect', model, 'demo', '--json', '--max-n', '5']);
    expect(out).toHaveLength(1);
    const json = JSON.parse(out[0]);
    const file = JSON.parse(readFileSync(model, 'utf8'));
    const demo = JSON.parse(readFileSync(join(__dirname, '../../public/demo/goodhart-demo.json'), 'utf8'));
    const heldTexts = demo.prompts.filter((p: { id: string }) => json.heldOutPromptIds.includes(p.id));
    expect(heldTexts.map((p: { text: string }) => promptKeyOf(p.text)).sort()).toEqual(
      [...file.heldOutPromptKeys].sort(),
    );
    for (const slice of [json.heldOut, json.all]) {
      for (const key of ['wrongPreferredRate', 'hackingGap', 'lengthCorrelation', 'prompts'])
        expect(typeof slice[key]).toBe('number');
      expect(slice.bestOfN).toHaveLength(5);
      for (const p of slice.bestOfN) expect(Object.keys(p).sort()).toEqual(['gold', 'kl', 'n', 'proxy']);
    }
    expect(json.heldOut.prompts).toBe(file.heldOutPromptKeys.length);
    expect(json.all.prompts).toBe(52);
    // The hurried rater's lesson shows through the CLI as well.
    expect(json.heldOut.wrongPreferredRate).toBeGreaterThanOrEqual(0.6);
    expect(json.all.bestOfN[4].gold).toBeLessThan(json.all.bestOfN[0].gold);
  });

  it('prints readable figures, with raters against gold from --labels', async () => {
    const out = (await ok(['inspect', model, 'demo', '--labels', labels, '--max-n', '3'])).join('\n');
    expect(out).toMatch(/^held out \(not trained on\): \d+ prompts/);
    expect(out).toMatch(/prefers a wrong answer on \d+\.\d% of \d+ prompts/);
    expect(out).toMatch(/longer answer wins \d+\.\d%, model \d+\.\d%/);
    expect(out).toMatch(/sim: hurried rater: preferred the wrong answer in \d+\.\d% of \d+/);
    expect(out).toMatch(/top positive features: /);
  });
});

describe('inspect --scores', () => {
  it('analyses external rewards', async () => {
    const scores = join(dir, 'scores.jsonl');
    const lines = [
      { prompt: 'Q1', response: 'right', reward: 0, correct: true },
      { prompt: 'Q1', response: 'wrong but long answer', reward: 2, correct: false },
      { prompt: 'Q2', response: 'right', reward: 1, correct: true },
      { prompt: 'Q2', response: 'wrong', reward: -1, correct: false },
    ];
    writeFileSync(scores, lines.map((l) => JSON.stringify(l)).join('\n'));
    const json = JSON.parse((await ok(['inspect', '--scores', scores, '--json', '--max-n', '2']))[0]);
    expect(json.all.wrongPreferredRate).toBe(0.5);
    expect(json.all.prompts).toBe(2);
    // n = 2: Q1 picks the wrong one with probability 1 − (1/2)² = 3/4, Q2 the right one with 3/4.
    expect(json.all.bestOfN[1].gold).toBeCloseTo((1 / 4 + 3 / 4) / 2, 12);
  });
});

describe('inspect --scores: the exact KL of best-of-n', () => {
  /**
   * Independent of lib/core: with distinct rewards, the kept candidate is the one of rank i when the n
   * draws hold j ≥ 1 copies of it and n − j of the i − 1 below it: Σ_j C(n, j) (1/k)^j ((i−1)/k)^(n−j).
   */
  function binomialKl(k: number, n: number): number {
    let kl = 0;
    for (let i = 1; i <= k; i++) {
      let p = 0;
      let choose = 1;
      for (let j = 1; j <= n; j++) {
        choose = (choose * (n - j + 1)) / j;
        p += choose * (1 / k) ** j * ((i - 1) / k) ** (n - j);
      }
      if (p > 0) kl += p * Math.log(k * p);
    }
    return kl;
  }

  it.each([2, 3, 4, 7])('pools of %i candidates: KL to 1e-6, never above ln k', async (k) => {
    const scores = join(dir, `scores-${k}.jsonl`);
    const lines: string[] = [];
    for (let q = 0; q < 3; q++)
      for (let i = 0; i < k; i++)
        lines.push(
          JSON.stringify({ prompt: `Q${q}`, response: `r${i}`, reward: ((i * 5 + q * 3) % k) + q / 10 }),
        );
    writeFileSync(scores, lines.join('\n'));
    const json = JSON.parse((await ok(['inspect', '--scores', scores, '--json', '--max-n', '16']))[0]);
    const curve = json.all.bestOfN as { n: number; kl: number }[];
    expect(curve).toHaveLength(16);
    for (const point of curve) {
      expect(Math.abs(point.kl - binomialKl(k, point.n))).toBeLessThan(1e-6);
      expect(point.kl).toBeLessThanOrEqual(Math.log(k));
    }
    const text = await ok(['inspect', '--scores', scores, '--max-n', '16']);
    expect(text.join('\n')).toContain('KL: exact');
  });
});

describe('bad input', () => {
  it('one line per problem naming file and line, exit 1', async () => {
    const badModel = join(dir, 'bad-model.json');
    writeFileSync(badModel, JSON.stringify({ format: 'goodhart-reward-model', version: 2 }));
    const badJson = join(dir, 'bad.json');
    writeFileSync(badJson, '{\n\n  oops\n}');
    const badScores = join(dir, 'bad-scores.jsonl');
    writeFileSync(badScores, '{"prompt":"Q","response":"A","reward":1}\n{"prompt":"Q","reward":1}\n');
    const cases: [string[], RegExp][] = [
      [['inspect', badModel, 'demo'], /bad-model\.json:1: version: /],
      [['inspect', badJson, 'demo'], /bad\.json:3: /],
      [['inspect', model, badJson], /bad\.json:3: invalid JSON/],
      [['inspect', model], /^expected a model file and a dataset, got 1 arguments$/],
      [['inspect', '--scores', badScores], /bad-scores\.jsonl:2: missing "response"$/],
      [['inspect', model, 'demo', '--max-n', 'many'], /^--max-n must be an integer >= 1, got "many"$/],
    ];
    for (const [argv, message] of cases) {
      const io = capture();
      expect(await main(argv, io)).toBe(1);
      expect(io.stderr.some((l) => message.test(l))).toBe(true);
      expect(io.stderr.join('\n')).not.toMatch(/\n\s+at /);
    }
  });
});
