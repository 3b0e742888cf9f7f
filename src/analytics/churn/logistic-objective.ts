/**
 * The penalised logistic objective Σ [log(1 + e^z) − y·z] + l2/2·‖w‖² (z = intercept + x·w) and its first two
 * derivatives, written for row-major typed arrays. The intercept sits at index 0 of `beta` and is not penalised.
 */

/** The numbers a fit needs: a row-major matrix without an intercept column (the fit adds its own). */
export interface DesignMatrix {
  data: Float64Array;
  rows: number;
  columns: number;
}

export function sigmoid(z: number): number {
  // Two forms so that exp never overflows.
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** log(1 + e^z) without overflow. */
function softplus(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

export function linearPredictor(
  matrix: DesignMatrix,
  row: number,
  intercept: number,
  coefficients: ArrayLike<number>,
): number {
  const { data, columns } = matrix;
  let z = intercept;
  const offset = row * columns;
  for (let j = 0; j < columns; j++) z += (data[offset + j] ?? 0) * (coefficients[j] ?? 0);
  return z;
}

export function computeObjective({
  matrix,
  labels,
  beta,
  l2,
}: {
  matrix: DesignMatrix;
  labels: Uint8Array;
  beta: Float64Array;
  l2: number;
}): number {
  const coefficients = beta.subarray(1);
  let loss = 0;
  for (let row = 0; row < matrix.rows; row++) {
    const z = linearPredictor(matrix, row, beta[0] ?? 0, coefficients);
    loss += softplus(z) - (labels[row] ?? 0) * z;
  }
  return loss + (l2 / 2) * dot(coefficients, coefficients);
}

/** Gradient and Hessian of the penalised objective; index 0 is the intercept. Only the lower triangle is filled. */
export function computeGradientAndHessian({
  matrix,
  labels,
  beta,
  l2,
}: {
  matrix: DesignMatrix;
  labels: Uint8Array;
  beta: Float64Array;
  l2: number;
}): { gradient: Float64Array; hessian: Float64Array } {
  const { data, rows, columns } = matrix;
  const size = columns + 1;
  const gradient = new Float64Array(size);
  const hessian = new Float64Array(size * size);
  const x = new Float64Array(size);
  x[0] = 1;
  const coefficients = beta.subarray(1);
  for (let row = 0; row < rows; row++) {
    for (let j = 0; j < columns; j++) x[j + 1] = data[row * columns + j] ?? 0;
    const p = sigmoid(linearPredictor(matrix, row, beta[0] ?? 0, coefficients));
    const residual = p - (labels[row] ?? 0);
    const weight = p * (1 - p);
    for (let j = 0; j < size; j++) {
      const xj = x[j] ?? 0;
      if (xj === 0) continue; // one-hot columns are mostly zero
      gradient[j] = (gradient[j] ?? 0) + residual * xj;
      const weighted = weight * xj;
      for (let k = 0; k <= j; k++)
        hessian[j * size + k] = (hessian[j * size + k] ?? 0) + weighted * (x[k] ?? 0);
    }
  }
  for (let j = 1; j < size; j++) {
    gradient[j] = (gradient[j] ?? 0) + l2 * (beta[j] ?? 0);
    hessian[j * size + j] = (hessian[j * size + j] ?? 0) + l2;
  }
  return { gradient, hessian };
}

export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] ?? 0) * (b[i] ?? 0);
  return sum;
}
