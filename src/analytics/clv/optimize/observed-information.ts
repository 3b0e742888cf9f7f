/**
 * Standard errors of maximum-likelihood estimates from the observed information: the Hessian of the
 * log-likelihood is taken by central differences of its analytic gradient (2n gradient evaluations, cheap next to
 * the fit), and inverted by Cholesky; if it is not negative definite there are no standard errors to give.
 */

export interface StandardErrorsOptions {
  /** Writes ∇ log L at `point` into `gradient`. */
  gradient: (point: Float64Array, gradient: Float64Array) => void;
  /** The maximum-likelihood estimate, in the parameters the standard errors are wanted for. */
  point: readonly number[];
  relativeStep?: number;
}

/** Row-major n × n Hessian of log L by central differences, symmetrised. */
export function hessianFromGradient(options: StandardErrorsOptions): Float64Array {
  const { gradient, point, relativeStep = 1e-5 } = options;
  const size = point.length;
  const hessian = new Float64Array(size * size);
  const forward = new Float64Array(size);
  const backward = new Float64Array(size);
  for (let column = 0; column < size; column++) {
    const step = relativeStep * Math.max(Math.abs(point[column]!), 1e-8);
    const shifted = Float64Array.from(point);
    shifted[column] = point[column]! + step;
    gradient(shifted, forward);
    shifted[column] = point[column]! - step;
    gradient(shifted, backward);
    for (let row = 0; row < size; row++)
      hessian[row * size + column] = (forward[row]! - backward[row]!) / (2 * step);
  }
  for (let row = 0; row < size; row++) {
    for (let column = row + 1; column < size; column++) {
      const average = (hessian[row * size + column]! + hessian[column * size + row]!) / 2;
      hessian[row * size + column] = average;
      hessian[column * size + row] = average;
    }
  }
  return hessian;
}

/** Inverse of a symmetric positive-definite matrix by Cholesky; undefined when it is not positive definite. */
export function invertPositiveDefinite(matrix: Float64Array, size: number): Float64Array | undefined {
  const lower = new Float64Array(size * size);
  for (let row = 0; row < size; row++) {
    for (let column = 0; column <= row; column++) {
      let sum = matrix[row * size + column]!;
      for (let k = 0; k < column; k++) sum -= lower[row * size + k]! * lower[column * size + k]!;
      if (row === column) {
        if (!(sum > 0)) return undefined;
        lower[row * size + row] = Math.sqrt(sum);
      } else {
        lower[row * size + column] = sum / lower[column * size + column]!;
      }
    }
  }
  // Solve L Lᵀ X = I column by column.
  const inverse = new Float64Array(size * size);
  const work = new Float64Array(size);
  for (let column = 0; column < size; column++) {
    for (let row = 0; row < size; row++) {
      let sum = row === column ? 1 : 0;
      for (let k = 0; k < row; k++) sum -= lower[row * size + k]! * work[k]!;
      work[row] = sum / lower[row * size + row]!;
    }
    for (let row = size - 1; row >= 0; row--) {
      let sum = work[row]!;
      for (let k = row + 1; k < size; k++) sum -= lower[k * size + row]! * inverse[k * size + column]!;
      inverse[row * size + column] = sum / lower[row * size + row]!;
    }
  }
  return inverse;
}

/** √diag((−H)⁻¹) at the estimate, or undefined when the observed information is not positive definite. */
export function standardErrors(options: StandardErrorsOptions): number[] | undefined {
  const size = options.point.length;
  const information = hessianFromGradient(options).map((value) => -value);
  const covariance = invertPositiveDefinite(information, size);
  if (covariance === undefined) return undefined;
  return Array.from({ length: size }, (_, index) => Math.sqrt(covariance[index * size + index]!));
}
