/**
 * The sparse comparison graph behind the Bradley–Terry fit (./bradley-terry.ts): items are vertices and
 * the pairs that met are edges, stored as parallel arrays (`pairLo[e]`, `pairHi[e]`). Two jobs over that
 * list, each O(items + pairs) and never a k×k matrix: whether "has beaten (or tied)" edges connect every
 * item to every other (which decides whether the maximum likelihood estimate exists), and solving the
 * Newton system of the fit (the information matrix, a weighted graph Laplacian) by preconditioned
 * conjugate gradients.
 */

/**
 * Whether every one of `k` items can reach every other along "has beaten (or tied)" edges, from the
 * sparse pair list: `loWins[e]` > 0 is an edge pairLo[e] → pairHi[e], `hiWins[e]` > 0 the reverse.
 */
export function stronglyConnected(
  k: number,
  pairLo: Int32Array,
  pairHi: Int32Array,
  loWins: Float64Array,
  hiWins: Float64Array,
): boolean {
  if (k <= 1) return true;
  // Compressed adjacency of the pairs, per item, both directions.
  const start = new Int32Array(k + 1);
  for (let e = 0; e < pairLo.length; e++) {
    start[pairLo[e] + 1]++;
    start[pairHi[e] + 1]++;
  }
  for (let i = 0; i < k; i++) start[i + 1] += start[i];
  const fill = start.slice(0, k);
  const other = new Int32Array(2 * pairLo.length);
  const edge = new Int32Array(2 * pairLo.length);
  for (let e = 0; e < pairLo.length; e++) {
    other[fill[pairLo[e]]] = pairHi[e];
    edge[fill[pairLo[e]]++] = e;
    other[fill[pairHi[e]]] = pairLo[e];
    edge[fill[pairHi[e]]++] = e;
  }
  const reach = (forward: boolean): boolean => {
    const seen = new Uint8Array(k);
    const stack = [0];
    seen[0] = 1;
    let count = 1;
    while (stack.length > 0) {
      const i = stack.pop()!;
      for (let s = start[i]; s < start[i + 1]; s++) {
        const j = other[s];
        if (seen[j]) continue;
        const e = edge[s];
        // i beat j (forward) or j beat i (backward), whichever side of the pair i is on.
        const iIsLo = pairLo[e] === i;
        const w = forward === iIsLo ? loWins[e] : hiWins[e];
        if (w > 0) {
          seen[j] = 1;
          count++;
          stack.push(j);
        }
      }
    }
    return count === k;
  };
  return reach(true) && reach(false);
}

/** True when every item can reach every other along "has beaten (or tied)" edges (`wins[i][j]` = i over j). */
export function isStronglyConnected(wins: readonly (readonly number[])[]): boolean {
  const k = wins.length;
  const lo: number[] = [];
  const hi: number[] = [];
  const lw: number[] = [];
  const hw: number[] = [];
  for (let i = 0; i < k; i++)
    for (let j = i + 1; j < k; j++)
      if (wins[i][j] > 0 || wins[j][i] > 0) {
        lo.push(i);
        hi.push(j);
        lw.push(wins[i][j]);
        hw.push(wins[j][i]);
      }
  return stronglyConnected(
    k,
    Int32Array.from(lo),
    Int32Array.from(hi),
    Float64Array.from(lw),
    Float64Array.from(hw),
  );
}

/**
 * Solves (L + diag(d) + c·1·1ᵀ)·x = g by conjugate gradients with a Jacobi preconditioner, where L is the
 * weighted graph Laplacian of the pairs (weight `v[e]` between pairLo[e] and pairHi[e]). The matrix is
 * the BT information matrix: symmetric positive definite once `c` > 0 on a connected graph or `d` > 0.
 * Each iteration costs O(pairs + items), so a fit never builds a k×k matrix. Stops when the residual
 * is `relTol` times ‖g‖.
 */
export function solveInformation(
  pairLo: Int32Array,
  pairHi: Int32Array,
  v: Float64Array,
  d: Float64Array,
  c: number,
  g: Float64Array,
  relTol: number,
): Float64Array {
  const k = g.length;
  const diag = new Float64Array(k);
  for (let i = 0; i < k; i++) diag[i] = d[i] + c;
  for (let e = 0; e < pairLo.length; e++) {
    diag[pairLo[e]] += v[e];
    diag[pairHi[e]] += v[e];
  }
  const apply = (x: Float64Array, out: Float64Array) => {
    let sum = 0;
    for (let i = 0; i < k; i++) sum += x[i];
    for (let i = 0; i < k; i++) out[i] = (d[i] + c) * x[i] + (c === 0 ? 0 : c * (sum - x[i]));
    for (let e = 0; e < pairLo.length; e++) {
      const ve = v[e];
      if (ve === 0) continue;
      const i = pairLo[e];
      const j = pairHi[e];
      const f = ve * (x[i] - x[j]);
      out[i] += f;
      out[j] -= f;
    }
  };
  const x = new Float64Array(k);
  const r = Float64Array.from(g);
  const z = new Float64Array(k);
  const p = new Float64Array(k);
  const q = new Float64Array(k);
  let gNorm = 0;
  for (let i = 0; i < k; i++) gNorm += g[i] * g[i];
  gNorm = Math.sqrt(gNorm);
  if (gNorm === 0) return x;
  for (let i = 0; i < k; i++) {
    z[i] = diag[i] > 0 ? r[i] / diag[i] : r[i];
    p[i] = z[i];
  }
  let rz = 0;
  for (let i = 0; i < k; i++) rz += r[i] * z[i];
  const maxSteps = 10 * k + 100;
  for (let step = 0; step < maxSteps; step++) {
    apply(p, q);
    let pq = 0;
    for (let i = 0; i < k; i++) pq += p[i] * q[i];
    if (!(pq > 0)) break;
    const alpha = rz / pq;
    let rNorm = 0;
    for (let i = 0; i < k; i++) {
      x[i] += alpha * p[i];
      r[i] -= alpha * q[i];
      rNorm += r[i] * r[i];
    }
    if (Math.sqrt(rNorm) <= relTol * gNorm) break;
    let rzNext = 0;
    for (let i = 0; i < k; i++) {
      z[i] = diag[i] > 0 ? r[i] / diag[i] : r[i];
      rzNext += r[i] * z[i];
    }
    const beta = rzNext / rz;
    rz = rzNext;
    for (let i = 0; i < k; i++) p[i] = z[i] + beta * p[i];
  }
  return x;
}
