// The exact solver of the linear reward model: the Bradley–Terry objective's gradient against central
// finite differences of its value (every term: weights, margins, centring, L2, Davidson's ν), its value
// against the loss written out by hand for two rows, L-BFGS against minima known in closed form
// (a quadratic, Rosenbrock's (1, 1)), and the fit record a model file keeps.
import { describe, expect, it } from 'vitest';
import { btObjective, type BtProblem } from '../../lib/core/reward-model/solver/objective';
import { toCsr } from '../../lib/core/reward-model/solver/csr';
import { createLbfgs } from '../../lib/core/stats/lbfgs';
import { mulberry32, normal } from '../../lib/core/stats/random';
import { train } from '../../lib/ml/train';
import { syntheticPairs } from '../../lib/ml/synthetic';
import { RewardModelFileSchema } from '../../lib/core/reward-model/model-file';

/** A small random problem: `vectors` sparse Gaussian vectors in `dim` features, `rows` random pairs. */
function randomProblem(seed: number, opts: Partial<BtProblem> = {}): BtProblem {
  const rng = mulberry32(seed);
  const dim = 7;
  const nVec = 12;
  const dense = new Float32Array(nVec * dim).map(() => (rng() < 0.5 ? 0 : normal(rng)));
  const n = 20;
  const chosen = Int32Array.from({ length: n }, () => Math.floor(rng() * nVec));
  const rejected = Int32Array.from(chosen, (c) => (c + 1 + Math.floor(rng() * (nVec - 1))) % nVec);
  return {
    vectors: toCsr(dense, dim),
    rows: {
      chosen,
      rejected,
      margin: Float32Array.from({ length: n }, () => (rng() < 0.5 ? 0 : rng())),
      weight: Float32Array.from({ length: n }, () => (rng() < 0.3 ? 0.5 : 1)),
      tie: Uint8Array.from({ length: n }, () => (opts.davidson && rng() < 0.3 ? 1 : 0)),
    },
    l2: 0.05,
    center: 0,
    davidson: false,
    ...opts,
  };
}

describe('the Bradley–Terry objective over sparse rows', () => {
  for (const [name, opts] of [
    ['plain BT with margins and half-weight rows', {}],
    ['with reward centring (the bias moves)', { center: 0.3 }],
    ["with Davidson's ties", { davidson: true }],
    ['Davidson and centring, no L2', { davidson: true, center: 0.1, l2: 0 }],
  ] as const) {
    it(`gradient = central finite differences: ${name}`, () => {
      const p = randomProblem(3, opts);
      const obj = btObjective(p);
      const rng = mulberry32(9);
      const theta = Float64Array.from({ length: obj.size }, () => normal(rng) * 0.7);
      const grad = new Float64Array(obj.size);
      obj.fg(theta, grad);
      const h = 1e-6;
      const scratch = new Float64Array(obj.size);
      for (let j = 0; j < obj.size; j++) {
        const plus = Float64Array.from(theta);
        const minus = Float64Array.from(theta);
        plus[j] += h;
        minus[j] -= h;
        const numeric = (obj.fg(plus, scratch) - obj.fg(minus, scratch)) / (2 * h);
        expect(Math.abs(grad[j] - numeric), `∂f/∂θ${j}`).toBeLessThan(1e-7);
      }
    });
  }

  it('value: two rows written out by hand', () => {
    // Vectors x0 = (1, 0), x1 = (0, 2), x2 = (1, 1); rows 0 ≻ 1 (margin 0.5, weight 1), 2 ≻ 0 (weight 0.5).
    const p: BtProblem = {
      vectors: toCsr(Float32Array.from([1, 0, 0, 2, 1, 1]), 2),
      rows: {
        chosen: Int32Array.from([0, 2]),
        rejected: Int32Array.from([1, 0]),
        margin: Float32Array.from([0.5, 0]),
        weight: Float32Array.from([1, 0.5]),
        tie: new Uint8Array(2),
      },
      l2: 0.1,
      center: 0.2,
      davidson: false,
    };
    const w = [0.3, -0.4];
    const b = 0.25;
    const r = [0.3 + b, -0.8 + b, -0.1 + b];
    const sp = (x: number) => Math.log(1 + Math.exp(x));
    const expected =
      (1 * sp(-(r[0] - r[1] - 0.5)) + 0.5 * sp(-(r[2] - r[0]))) / 1.5 +
      (0.2 * ((r[0] + r[1]) ** 2 + (r[2] + r[0]) ** 2)) / 2 +
      0.1 * (w[0] ** 2 + w[1] ** 2);
    const obj = btObjective(p);
    expect(obj.fg(Float64Array.from([...w, b]), new Float64Array(3))).toBeCloseTo(expected, 12);
    expect(Array.from(obj.rewards)).toEqual(r.map((x) => expect.closeTo(x, 12)));
  });
});

describe('L-BFGS', () => {
  it('minimises a quadratic ½xᵀAx − bᵀx to A⁻¹b', () => {
    // A = [[4, 1], [1, 3]], b = (1, 2): A⁻¹b = (1/11, 7/11).
    const fg = (x: Float64Array, g: Float64Array) => {
      g[0] = 4 * x[0] + x[1] - 1;
      g[1] = x[0] + 3 * x[1] - 2;
      return 0.5 * (4 * x[0] ** 2 + 2 * x[0] * x[1] + 3 * x[1] ** 2) - x[0] - 2 * x[1];
    };
    const s = createLbfgs(fg, new Float64Array(2), { gradTolerance: 1e-12, maxIterations: 50 });
    while (s.step());
    expect(s.state.stop).toBe('converged');
    expect(s.state.x[0]).toBeCloseTo(1 / 11, 10);
    expect(s.state.x[1]).toBeCloseTo(7 / 11, 10);
  });

  it("finds Rosenbrock's minimum (1, 1) from (−1.2, 1)", () => {
    const fg = (x: Float64Array, g: Float64Array) => {
      const [a, b] = x;
      g[0] = -400 * a * (b - a * a) - 2 * (1 - a);
      g[1] = 200 * (b - a * a);
      return 100 * (b - a * a) ** 2 + (1 - a) ** 2;
    };
    const s = createLbfgs(fg, Float64Array.from([-1.2, 1]), { gradTolerance: 1e-9, maxIterations: 500 });
    while (s.step());
    expect(s.state.stop).toBe('converged');
    expect(s.state.x[0]).toBeCloseTo(1, 6);
    expect(s.state.x[1]).toBeCloseTo(1, 6);
    expect(s.state.iterations).toBeLessThan(200);
  });

  it('stops at the cap when there is no optimum (separable data, no L2), and says so', () => {
    const fg = (x: Float64Array, g: Float64Array) => {
      g[0] = -1 / (1 + Math.exp(x[0]));
      return Math.log1p(Math.exp(-x[0]));
    };
    const s = createLbfgs(fg, new Float64Array(1), { gradTolerance: 1e-300, maxIterations: 30 });
    while (s.step());
    expect(['max-iterations', 'line-search-failed']).toContain(s.state.stop);
  });
});

describe('train with the solver', () => {
  it('records its fit in the model file; an iteration per progress point, gradient norm falling to the tolerance', async () => {
    const { set } = syntheticPairs({ pairs: 800, dim: 10, seed: 4 });
    const points: { epoch: number; gradNorm?: number }[] = [];
    const { model, history, backend } = await train(set, {}, (p) => points.push(p));
    expect(backend).toBe('js');
    expect(points).toEqual(history);
    expect(points.map((p) => p.epoch)).toEqual(points.map((_, i) => i + 1));
    expect(points.at(-1)!.gradNorm!).toBeLessThanOrEqual(1e-5);
    expect(model.fit).toMatchObject({ solver: 'lbfgs', converged: true, gradTolerance: 1e-5 });
    expect(model.fit!.iterations).toBe(history.length);
    expect(model.metrics.epochs).toBe(history.length);
    expect(model.fit!.objective!).toBeCloseTo(history.at(-1)!.loss, 12);
    expect(RewardModelFileSchema.parse(JSON.parse(JSON.stringify(model))).fit).toEqual(model.fit);
  });
});
