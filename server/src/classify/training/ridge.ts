// Weighted ridge regression over sparse rows, solved by conjugate gradient on the
// normal equations: minimise sum_i w_i (y_i - b - x_i.beta)^2 + l2 * |beta|^2, the
// intercept b unpenalised. Deterministic (no sampling), and each iteration costs two
// passes over the non-zeros, so thousands of prompts with tens of thousands of
// hashed columns fit in well under a second. Only training code imports this file.
import type { NeedFeatures } from '../need/features';

/** Rows in compressed sparse row form: row r's entries are start[r]..start[r+1]-1. */
export interface SparseMatrix {
  rows: number;
  columns: number;
  start: Int32Array;
  ids: Int32Array;
  values: Float64Array;
}

export function toSparseMatrix(rows: readonly NeedFeatures[], columns: number): SparseMatrix {
  const start = new Int32Array(rows.length + 1);
  for (let r = 0; r < rows.length; r++) start[r + 1] = start[r] + rows[r].ids.length;
  const ids = new Int32Array(start[rows.length]);
  const values = new Float64Array(start[rows.length]);
  rows.forEach((row, r) => {
    ids.set(row.ids, start[r]);
    values.set(row.values, start[r]);
  });
  return { rows: rows.length, columns, start, ids, values };
}

/** The rows of `matrix` at `indices`, in that order. */
export function selectRows(matrix: SparseMatrix, indices: readonly number[]): SparseMatrix {
  const start = new Int32Array(indices.length + 1);
  indices.forEach((r, k) => (start[k + 1] = start[k] + matrix.start[r + 1] - matrix.start[r]));
  const ids = new Int32Array(start[indices.length]);
  const values = new Float64Array(start[indices.length]);
  indices.forEach((r, k) => {
    ids.set(matrix.ids.subarray(matrix.start[r], matrix.start[r + 1]), start[k]);
    values.set(matrix.values.subarray(matrix.start[r], matrix.start[r + 1]), start[k]);
  });
  return { rows: indices.length, columns: matrix.columns, start, ids, values };
}

export interface RidgeFit {
  bias: number;
  weights: Float64Array;
}

export interface RidgeOptions {
  l2: number;
  /** Per-row loss weight (default 1). */
  rowWeights?: Float64Array;
  /** Stop when the residual norm falls below this share of its starting value. */
  tolerance?: number;
  maxIterations?: number;
  /** A previous solution to start from (e.g. for a nearby l2): fewer iterations. */
  start?: RidgeFit;
}

export function fitRidge(x: SparseMatrix, y: ArrayLike<number>, options: RidgeOptions): RidgeFit {
  const { l2 } = options;
  const n = x.rows;
  const m = x.columns;
  const rowWeights = options.rowWeights ?? new Float64Array(n).fill(1);
  const tolerance = options.tolerance ?? 1e-4;
  const maxIterations = options.maxIterations ?? 400;
  // Unknowns: m weights then the bias, in one vector.
  const size = m + 1;
  const solution = new Float64Array(size);
  if (options.start) {
    solution.set(options.start.weights);
    solution[m] = options.start.bias;
  }
  const predicted = new Float64Array(n);

  // A v = X'WX v + l2 v (bias row/column unpenalised, via a column of ones).
  const multiply = (v: Float64Array, out: Float64Array): void => {
    multiplyRows(x, v, predicted);
    out.fill(0);
    for (let r = 0; r < n; r++) {
      const u = rowWeights[r] * predicted[r];
      out[m] += u;
      for (let k = x.start[r]; k < x.start[r + 1]; k++) out[x.ids[k]] += u * x.values[k];
    }
    for (let j = 0; j < m; j++) out[j] += l2 * v[j];
  };

  const rhs = new Float64Array(size);
  for (let r = 0; r < n; r++) {
    const u = rowWeights[r] * y[r];
    rhs[m] += u;
    for (let k = x.start[r]; k < x.start[r + 1]; k++) rhs[x.ids[k]] += u * x.values[k];
  }
  const residual = new Float64Array(size);
  const product = new Float64Array(size);
  multiply(solution, product);
  for (let j = 0; j < size; j++) residual[j] = rhs[j] - product[j];
  const direction = Float64Array.from(residual);
  let squared = dot(residual, residual);
  const stopAt = tolerance * tolerance * Math.max(dot(rhs, rhs), 1e-30);

  for (let iteration = 0; iteration < maxIterations && squared > stopAt; iteration++) {
    multiply(direction, product);
    const step = squared / dot(direction, product);
    for (let j = 0; j < size; j++) {
      solution[j] += step * direction[j];
      residual[j] -= step * product[j];
    }
    const next = dot(residual, residual);
    const beta = next / squared;
    squared = next;
    for (let j = 0; j < size; j++) direction[j] = residual[j] + beta * direction[j];
  }
  return { bias: solution[m], weights: solution.subarray(0, m) };
}

/** out[r] = v[bias] + x_r . v[0..m), with the bias at v[x.columns]. */
function multiplyRows(x: SparseMatrix, v: Float64Array, out: Float64Array): void {
  for (let r = 0; r < x.rows; r++) {
    let sum = v[x.columns];
    for (let k = x.start[r]; k < x.start[r + 1]; k++) sum += v[x.ids[k]] * x.values[k];
    out[r] = sum;
  }
}

export function predictRows(x: SparseMatrix, fit: RidgeFit): Float64Array {
  const out = new Float64Array(x.rows);
  for (let r = 0; r < x.rows; r++) {
    let sum = fit.bias;
    for (let k = x.start[r]; k < x.start[r + 1]; k++) sum += fit.weights[x.ids[k]] * x.values[k];
    out[r] = sum;
  }
  return out;
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
  return sum;
}
