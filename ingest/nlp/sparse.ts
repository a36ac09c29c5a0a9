// Sparse vectors and row-compressed matrices over typed arrays: the only numeric layout the NLP models use,
// so training and prediction stay fast and small (no per-feature objects).

export interface SparseVector {
  /** Feature indexes, each at most once, in no particular order. */
  indices: Int32Array;
  values: Float32Array;
}

/** Rows stacked in CSR form; row i is indices/values[rowStart[i] … rowStart[i+1]). */
export interface SparseMatrix {
  rows: number;
  columns: number;
  rowStart: Int32Array;
  indices: Int32Array;
  values: Float32Array;
}

export function stackRows(rows: SparseVector[], columns: number): SparseMatrix {
  const rowStart = new Int32Array(rows.length + 1);
  for (let i = 0; i < rows.length; i++) rowStart[i + 1] = rowStart[i] + rows[i].indices.length;
  const indices = new Int32Array(rowStart[rows.length]);
  const values = new Float32Array(rowStart[rows.length]);
  rows.forEach((row, i) => {
    indices.set(row.indices, rowStart[i]);
    values.set(row.values, rowStart[i]);
  });
  return { rows: rows.length, columns, rowStart, indices, values };
}

/** Dot product of a sparse vector with a dense weight block starting at `offset`. */
export function sparseDot(v: SparseVector, weights: Float32Array | Float64Array, offset = 0): number {
  let sum = 0;
  for (let k = 0; k < v.indices.length; k++) sum += weights[offset + v.indices[k]] * v.values[k];
  return sum;
}
