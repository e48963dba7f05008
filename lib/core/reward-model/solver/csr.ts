/**
 * Feature vectors in compressed sparse row form. A response's vector (./../features/index.ts) is 19 style
 * features plus 4,096 hashed word features, of which it uses a few hundred at most, so every trainer
 * reads only the nonzeros: the exact solver (./objective.ts) and the TF.js trainer's sparse x·W
 * (lib/ml/model.ts, lib/ml/sparse.ts). No dense copy of the inputs is needed.
 */

/** Rows of a matrix in compressed sparse row form. */
export interface Csr {
  rows: number;
  dim: number;
  /** Row r's nonzeros are at [offsets[r], offsets[r + 1]). */
  offsets: Int32Array;
  indices: Int32Array;
  values: Float32Array;
}

/** The nonzeros of a row-major dense matrix (rows × dim). */
export function toCsr(vectors: Float32Array, dim: number): Csr {
  const rows = dim > 0 ? Math.floor(vectors.length / dim) : 0;
  const offsets = new Int32Array(rows + 1);
  let nnz = 0;
  for (let i = 0; i < rows * dim; i++) if (vectors[i] !== 0) nnz++;
  const indices = new Int32Array(nnz);
  const values = new Float32Array(nnz);
  let k = 0;
  for (let r = 0; r < rows; r++) {
    const base = r * dim;
    for (let j = 0; j < dim; j++) {
      const v = vectors[base + j];
      if (v !== 0) {
        indices[k] = j;
        values[k++] = v;
      }
    }
    offsets[r + 1] = k;
  }
  return { rows, dim, offsets, indices, values };
}

/** The same rows without their nonzeros in the columns [from, to) (a new matrix; `m` is not changed). */
export function dropColumns(m: Csr, [from, to]: readonly [number, number]): Csr {
  const offsets = new Int32Array(m.rows + 1);
  const keep: number[] = [];
  for (let r = 0; r < m.rows; r++) {
    for (let k = m.offsets[r]; k < m.offsets[r + 1]; k++) {
      const j = m.indices[k];
      if (j < from || j >= to) keep.push(k);
    }
    offsets[r + 1] = keep.length;
  }
  return {
    rows: m.rows,
    dim: m.dim,
    offsets,
    indices: Int32Array.from(keep, (k) => m.indices[k]),
    values: Float32Array.from(keep, (k) => m.values[k]),
  };
}
