import { SegmintError } from '../../errors.ts';

/**
 * Cholesky factorisation A = L·Lᵀ of a symmetric positive-definite matrix, and the two triangular solves that
 * use it. Newton's method for logistic regression solves one such system per iteration; the penalised Hessian is
 * positive definite whenever the L2 penalty is positive, which is why a Cholesky solve is enough (and twice as fast
 * as LU).
 */

/**
 * Overwrites the lower triangle of `matrix` (size × size, row-major) with L. Only the lower triangle is read.
 * Returns false when the matrix is not (numerically) positive definite.
 */
export function choleskyInPlace({ matrix, size }: { matrix: Float64Array; size: number }): boolean {
  for (let j = 0; j < size; j++) {
    let diagonal = matrix[j * size + j] ?? 0;
    for (let k = 0; k < j; k++) diagonal -= (matrix[j * size + k] ?? 0) ** 2;
    if (!(diagonal > 0)) return false;
    const pivot = Math.sqrt(diagonal);
    matrix[j * size + j] = pivot;
    for (let i = j + 1; i < size; i++) {
      let sum = matrix[i * size + j] ?? 0;
      for (let k = 0; k < j; k++) sum -= (matrix[i * size + k] ?? 0) * (matrix[j * size + k] ?? 0);
      matrix[i * size + j] = sum / pivot;
    }
  }
  return true;
}

/** Solves L·Lᵀ·x = rhs for x, with L from `choleskyInPlace`. */
export function solveWithCholesky({
  factor,
  size,
  rhs,
}: {
  factor: Float64Array;
  size: number;
  rhs: Float64Array;
}): Float64Array {
  const y = new Float64Array(size);
  for (let i = 0; i < size; i++) {
    let sum = rhs[i] ?? 0;
    for (let k = 0; k < i; k++) sum -= (factor[i * size + k] ?? 0) * (y[k] ?? 0);
    y[i] = sum / (factor[i * size + i] ?? 1);
  }
  const x = new Float64Array(size);
  for (let i = size - 1; i >= 0; i--) {
    let sum = y[i] ?? 0;
    for (let k = i + 1; k < size; k++) sum -= (factor[k * size + i] ?? 0) * (x[k] ?? 0);
    x[i] = sum / (factor[i * size + i] ?? 1);
  }
  return x;
}

/**
 * Solves H·Δ = g. Without a penalty (or with collinear features) H can be singular; then a ridge grown from a
 * tiny multiple of H's mean diagonal makes it definite, which turns the step into a safe damped one.
 */
export function solvePositiveDefinite({
  matrix,
  size,
  rhs,
}: {
  matrix: Float64Array;
  size: number;
  rhs: Float64Array;
}): Float64Array {
  let meanDiagonal = 0;
  for (let j = 0; j < size; j++) meanDiagonal += (matrix[j * size + j] ?? 0) / size;
  for (let ridge = 0; ridge < meanDiagonal * 1e6; ridge = ridge === 0 ? meanDiagonal * 1e-12 : ridge * 100) {
    const factor = matrix.slice();
    for (let j = 0; j < size; j++) factor[j * size + j] = (factor[j * size + j] ?? 0) + ridge;
    if (choleskyInPlace({ matrix: factor, size })) return solveWithCholesky({ factor, size, rhs });
  }
  throw new SegmintError(
    'unsupported',
    'The logistic regression system is not positive definite; the features may be degenerate.',
  );
}
