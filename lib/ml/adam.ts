/**
 * Adam (Kingma & Ba, 2015) with TF.js's defaults and update order (β1 0.9, β2 0.999, ε 1e-7, bias
 * correction by 1 − βᵗ), applied in plain loops over typed arrays. TF.js's CPU backend runs every op
 * between a tensor and a scalar through its generic broadcasting loop, so tf.train.adam on the MLP's
 * 4,115 × 32 first layer cost more than the rest of training together; these loops do the same update
 * in a few milliseconds. Gradients still come from TF.js (tf.variableGrads).
 */
import * as tf from '@tensorflow/tfjs';

export class LoopAdam {
  private readonly m = new Map<tf.Variable, Float32Array>();
  private readonly v = new Map<tf.Variable, Float32Array>();
  private step = 0;

  constructor(
    private readonly learningRate: number,
    private readonly beta1 = 0.9,
    private readonly beta2 = 0.999,
    private readonly epsilon = 1e-7,
  ) {}

  /**
   * Minimise `f` over `vars` by one Adam step; returns the loss (a scalar the caller owns). Tensors made
   * here are released, as with tf.Optimizer.minimize(f, true, vars). With `decay`, the gradient of
   * decay.l2 · Σw² over `decay.weights` (2 · l2 · w) is added here rather than differentiated by TF.js
   * (a scalar broadcast, slow on the CPU backend); `f` must then leave that term out.
   */
  minimize(
    f: () => tf.Scalar,
    vars: tf.Variable[],
    decay?: { l2: number; weights: readonly tf.Variable[] },
  ): tf.Scalar {
    const { value, grads } = tf.variableGrads(f, vars);
    this.step++;
    const c1 = 1 - this.beta1 ** this.step;
    const c2 = 1 - this.beta2 ** this.step;
    for (const variable of vars) {
      const grad = grads[variable.name];
      if (!grad) continue;
      const g = grad.dataSync();
      const w = variable.dataSync();
      const l2 = decay && decay.l2 > 0 && decay.weights.includes(variable) ? 2 * decay.l2 : 0;
      let m = this.m.get(variable);
      let v = this.v.get(variable);
      if (!m || !v) {
        m = new Float32Array(w.length);
        v = new Float32Array(w.length);
        this.m.set(variable, m);
        this.v.set(variable, v);
      }
      const next = new Float32Array(w.length);
      for (let i = 0; i < w.length; i++) {
        const gi = g[i] + l2 * w[i];
        m[i] = this.beta1 * m[i] + (1 - this.beta1) * gi;
        v[i] = this.beta2 * v[i] + (1 - this.beta2) * gi * gi;
        next[i] = w[i] - (this.learningRate * (m[i] / c1)) / (Math.sqrt(v[i] / c2) + this.epsilon);
      }
      tf.tidy(() => variable.assign(tf.tensor(next, variable.shape, 'float32')));
    }
    tf.dispose(Object.values(grads));
    return value;
  }

  /** Forget the moments (nothing to free: they are plain arrays). */
  dispose(): void {
    this.m.clear();
    this.v.clear();
  }
}
