// The fast training path against TF.js's own: sparse rows give the same x·W and the same gradient as
// tf.matMul on the dense rows, and LoopAdam takes the same steps as tf.train.adam (with L2 as weight decay
// the same steps as tf.train.adam on a loss holding the L2 term).
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as tf from '@tensorflow/tfjs';
import { startCpuBackend } from '../../lib/ml/backend';
import { LoopAdam } from '../../lib/ml/adam';
import { sparseMatMul } from '../../lib/ml/model';
import { batchOf, rangeBatch, toCsr } from '../../lib/ml/sparse';

beforeAll(async () => {
  await startCpuBackend();
});

/** A random sparse matrix (rows × dim) as a dense row-major array. */
const sparseMatrix = (rows: number, dim: number) =>
  fc
    .array(fc.tuple(fc.nat(rows * dim - 1), fc.float({ min: -3, max: 3, noNaN: true })), {
      maxLength: rows * 3,
    })
    .map((entries) => {
      const m = new Float32Array(rows * dim);
      for (const [at, v] of entries) m[at] = v === 0 ? 0 : v; // no -0: it is a zero
      return m;
    });

const close = (a: ArrayLike<number>, b: ArrayLike<number>, tol = 1e-4) => {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++)
    expect(Math.abs(a[i] - b[i])).toBeLessThanOrEqual(tol * (1 + Math.abs(b[i])));
};

describe('sparse rows', () => {
  it('toCsr and batchOf keep every nonzero of the chosen rows, in order', () => {
    fc.assert(
      fc.property(sparseMatrix(6, 9), fc.array(fc.nat(5), { maxLength: 8 }), (dense, rows) => {
        const csr = toCsr(dense, 9);
        const b = batchOf(csr, rows);
        const rebuilt = new Float32Array(rows.length * 9);
        for (let k = 0; k < b.indices.length; k++) rebuilt[b.segments[k] * 9 + b.indices[k]] = b.values[k];
        const expected = new Float32Array(rows.length * 9);
        rows.forEach((r, i) => expected.set(dense.subarray(r * 9, r * 9 + 9), i * 9));
        expect(rebuilt).toEqual(expected);
        expect(batchOf(csr, [0, 1, 2])).toEqual(rangeBatch(csr, 0, 3));
      }),
    );
  });

  it('sparseMatMul gives tf.matMul’s value and gradient', () => {
    fc.assert(
      fc.property(
        sparseMatrix(5, 7),
        fc.array(fc.float({ min: -2, max: 2, noNaN: true }), { minLength: 21, maxLength: 21 }),
        (dense, wv) => {
          const before = tf.memory().numTensors;
          tf.tidy(() => {
            const W = tf.tensor2d(wv, [7, 3]);
            const X = tf.tensor2d(dense, [5, 7]);
            const batch = rangeBatch(toCsr(dense, 7), 0, 5);
            const upstream = tf.tensor2d(
              Array.from({ length: 15 }, (_, i) => (i % 4) - 1.5),
              [5, 3],
            );
            const loss = (y: tf.Tensor) => y.mul(upstream).sum() as tf.Scalar;
            const ref = tf.valueAndGrad((w: tf.Tensor) => loss(X.matMul(w as tf.Tensor2D)))(W);
            const got = tf.valueAndGrad((w: tf.Tensor) => loss(sparseMatMul(w as tf.Tensor2D, batch)))(W);
            close(got.value.dataSync(), ref.value.dataSync());
            close(got.grad.dataSync(), ref.grad.dataSync());
            close(sparseMatMul(W, batch).dataSync(), X.matMul(W).dataSync());
          });
          expect(tf.memory().numTensors).toBe(before); // the custom op leaves nothing behind
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('LoopAdam', () => {
  /** A small logistic-regression loss over fixed data, for both optimisers. */
  function problem() {
    const X = tf.tensor2d([1, 2, -1, 0.5, 0, 3, 2, -2, 1, 1, -1, -1], [6, 2]);
    const y = tf.tensor1d([1, 0, 1, 0, 1, 0]);
    const loss = (w: tf.Variable, b: tf.Variable) =>
      tf.losses.sigmoidCrossEntropy(y, X.matMul(w).reshape([-1]).add(b)) as tf.Scalar;
    return { X, y, loss };
  }

  it.each([0, 0.05])('takes the same steps as tf.train.adam (L2 %s)', (l2) => {
    const { X, y, loss } = problem();
    const mk = (tag: string) => ({
      w: tf.variable(tf.tensor2d([0.3, -0.2], [2, 1]), true, `w-${tag}-${l2}`),
      b: tf.variable(tf.scalar(0.1), true, `b-${tag}-${l2}`),
    });
    const ref = mk('ref');
    const ours = mk('ours');
    const adam = tf.train.adam(0.05);
    const loop = new LoopAdam(0.05);
    for (let step = 0; step < 25; step++) {
      tf.tidy(() => {
        adam.minimize(() => loss(ref.w, ref.b).add(tf.sum(tf.square(ref.w)).mul(l2)) as tf.Scalar, false, [
          ref.w,
          ref.b,
        ]);
        loop.minimize(() => loss(ours.w, ours.b), [ours.w, ours.b], { l2, weights: [ours.w] });
      });
    }
    close(ours.w.dataSync(), ref.w.dataSync(), 1e-5);
    close(ours.b.dataSync(), ref.b.dataSync(), 1e-5);
    tf.dispose([X, y, ref.w, ref.b, ours.w, ours.b]);
    adam.dispose();
  });
});
