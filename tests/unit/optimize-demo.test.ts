// Optimisation pressure on the demo pack, pinned: best-of-n and RL against the hurried rater's reward
// model raise proxy reward while gold falls; against the careful fact-checker's model gold does not fall.
// The style-controlled reward keeps more gold than the plain hurried model; a stronger KL penalty stops at
// a smaller KL. Also `goodhart probe --json` and `goodhart optimize --json` in their documented shapes.
import { beforeAll, describe, expect, it } from 'vitest';
import { runLab } from '../../lib/core/goodhart/optimize/lab';
import { optimize, type CurvePoint, type OptimizeResult } from '../../lib/core/goodhart/optimize/run';
import { cli, tempFolder } from './cli-harness';
import { demoModel, type DemoModel } from './optimize-fixture';

let hurried: DemoModel;
let careful: DemoModel;
const runs: Record<string, OptimizeResult> = {};
const { file } = tempFolder('optimize');

beforeAll(async () => {
  hurried = await demoModel('hurried');
  careful = await demoModel('careful', 1);
  for (const method of ['bon', 'rl'] as const) {
    runs[`hurried-${method}`] = await optimize(hurried.table, { method });
    runs[`careful-${method}`] = await optimize(careful.table, { method });
  }
}, 120_000);

const first = (c: CurvePoint[]) => c[0];
const last = (c: CurvePoint[]) => c.at(-1)!;

describe('the optimiser on the demo pack (500 labels, seed 1)', () => {
  for (const method of ['bon', 'rl'] as const) {
    it(`${method}: KL starts at 0 and never decreases`, () => {
      for (const who of ['hurried', 'careful']) {
        const c = runs[`${who}-${method}`].curve;
        expect(c[0].kl).toBe(0);
        for (let i = 1; i < c.length; i++) expect(c[i].kl).toBeGreaterThan(c[i - 1].kl);
        expect(c.length).toBeGreaterThan(method === 'bon' ? 8 : 40);
      }
    });

    it(`${method}: against the hurried rater's model proxy rises while gold falls`, () => {
      const c = runs[`hurried-${method}`].curve;
      expect(last(c).proxy).toBeGreaterThan(first(c).proxy + 2);
      expect(last(c).gold!).toBeLessThan(first(c).gold! - 0.3);
      expect(runs[`hurried-${method}`].fit.gold!.alpha).toBeLessThan(0);
    });

    it(`${method}: against the careful fact-checker's model gold does not fall`, () => {
      const c = runs[`careful-${method}`].curve;
      expect(last(c).proxy).toBeGreaterThan(first(c).proxy);
      for (const p of c) expect(p.gold!).toBeGreaterThanOrEqual(first(c).gold! - 1e-9);
      expect(last(c).gold!).toBeGreaterThan(0.9);
    });
  }

  it('RL is reproducible for a seed and differs for another', async () => {
    const again = await optimize(hurried.table, { method: 'rl' });
    expect(again.curve).toEqual(runs['hurried-rl'].curve);
    const other = await optimize(hurried.table, { method: 'rl', seed: 2 });
    expect(other.curve).not.toEqual(runs['hurried-rl'].curve);
  });

  it('RL learns the hurried model’s hacks: hedges removed, citations, confident preambles', () => {
    const rate = (id: string) => runs['hurried-rl'].editRates.find((e) => e.id === id)!.rate;
    for (const id of ['remove-hedges', 'citation', 'confident-preamble'])
      expect(rate(id)).toBeGreaterThan(0.5);
    expect(rate('flattery')).toBeLessThan(0.1);
    const samples = runs['hurried-rl'].samples;
    expect(samples[0].step).toBe(0);
    expect(samples.at(-1)!.edits.length).toBeGreaterThan(0);
  });

  it('fix-it lab: style control keeps more gold; a stronger KL penalty stops at a smaller KL', async () => {
    const lab = await runLab(
      hurried.table,
      ['none', 'style-control', 'strong-kl', 'ensemble', 'centring'],
      { method: 'rl' },
      hurried.members,
    );
    const end = (id: string) => last(lab.find((r) => r.mitigation === id)!.result.curve);
    expect(end('style-control').gold!).toBeGreaterThan(end('none').gold! + 0.3);
    expect(end('strong-kl').kl).toBeLessThan(end('none').kl / 3);
    expect(end('strong-kl').gold!).toBeGreaterThan(end('none').gold!);
    expect(lab.find((r) => r.mitigation === 'centring')!.result.curve[0].proxy).toBeCloseTo(0, 9);
    expect(hurried.members).toHaveLength(3);
  });
});

describe('the CLI on the demo', () => {
  it('goodhart probe --json: one row per edit with the documented keys', async () => {
    const model = file('hurried.json', JSON.stringify(hurried.model));
    const r = await cli('probe', model, 'demo', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out.join('\n'));
    expect(out.edits).toHaveLength(7);
    for (const e of out.edits) {
      expect(Object.keys(e).sort()).toEqual([
        'ciHigh',
        'ciLow',
        'goldChanged',
        'id',
        'meanDelta',
        'n',
        'name',
        'raisedShare',
      ]);
      expect(e.ciLow).toBeLessThanOrEqual(e.meanDelta);
      expect(e.ciHigh).toBeGreaterThanOrEqual(e.meanDelta);
    }
    expect(out.edits.find((e: { id: string }) => e.id === 'splice-incorrect').goldChanged).toBe(true);
  });

  it('goodhart optimize --json: the curve starts at KL 0 and never decreases; samples carry text', async () => {
    const model = file('hurried2.json', JSON.stringify(hurried.model));
    const r = await cli(
      'optimize',
      model,
      'demo',
      '--method',
      'rl',
      '--steps',
      '30',
      '--kl-coef',
      '0.1',
      '--seed',
      '3',
      '--json',
    );
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out.join('\n'));
    expect(out.curve[0]).toMatchObject({ step: 0, kl: 0 });
    for (const p of out.curve) expect(Object.keys(p).sort()).toEqual(['gold', 'kl', 'proxy', 'step']);
    for (let i = 1; i < out.curve.length; i++) expect(out.curve[i].kl).toBeGreaterThan(out.curve[i - 1].kl);
    expect(out.samples.length).toBeGreaterThan(0);
    expect(typeof out.samples[0].text).toBe('string');
    const bon = JSON.parse(
      (await cli('optimize', model, 'demo', '--method', 'bon', '--steps', '4', '--json')).out.join('\n'),
    );
    expect(bon.curve.map((p: { n: number }) => p.n)).toEqual([1, 2, 4, 8, 16]);
  });

  it('bad flags are refused with one clear line', async () => {
    const model = file('hurried3.json', JSON.stringify(hurried.model));
    const noMethod = await cli('optimize', model, 'demo');
    expect(noMethod.code).toBe(1);
    expect(noMethod.err).toEqual(['--method: expected bon or rl, got nothing']);
    const badKl = await cli('optimize', model, 'demo', '--method', 'rl', '--kl-coef', 'x');
    expect(badKl.err).toEqual(['--kl-coef: expected a number ≥ 0, got "x"']);
    // The ranges of optimize/settings.ts, as on /optimize: β up to 10, best-of-n to 2^20.
    const bigKl = await cli('optimize', model, 'demo', '--method', 'rl', '--kl-coef', '11');
    expect(bigKl.err).toEqual(['--kl-coef: must be a number from 0 to 10']);
    const bigN = await cli('optimize', model, 'demo', '--method', 'bon', '--steps', '21');
    expect(bigN.err).toEqual(['--steps: best-of-n goes up to n = 2^20 at most']);
    const ens = await cli('optimize', model, 'demo', '--method', 'rl', '--mitigation', 'ensemble');
    expect(ens.err).toEqual(['--mitigation ensemble needs --members with at least one more model file']);
  });
});
