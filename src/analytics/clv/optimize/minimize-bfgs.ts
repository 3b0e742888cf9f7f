/**
 * BFGS quasi-Newton minimisation with an Armijo backtracking line search (Nocedal & Wright 2006, algorithm 6.1).
 * The inverse-Hessian approximation starts as the identity, is rescaled after the first step (their eq. 6.20),
 * and is reset to the identity whenever it stops giving a descent direction. Steps are capped in length because
 * the models optimise log-parameters, where a step of 20 would overflow exp().
 */
import type { MinimizeResult, ObjectiveWithGradient } from './types.ts';

export interface MinimizeBfgsOptions {
  objective: ObjectiveWithGradient;
  start: readonly number[];
  maxIterations?: number;
  /** Converged when every |∂f/∂xᵢ| is at most this. */
  gradientTolerance?: number;
  /** Longest step (max-norm) tried in one iteration. */
  maxStepLength?: number;
}

const ARMIJO_CONSTANT = 1e-4;
const CURVATURE_CONSTANT = 0.9;
/** Relative rounding noise of a likelihood summed over many customers. */
const NOISE_TOLERANCE = 1e-12;
const MAX_BACKTRACKS = 60;

/**
 * Armijo's sufficient decrease, or, once the decrease is within rounding noise of f, Hager & Zhang's (2005)
 * approximate Wolfe conditions, which judge the step by the directional derivative instead: near the optimum
 * f(x + αd) − f(x) is smaller than the rounding error of f itself, but the gradient is still accurate.
 */
function isAcceptableStep(
  value: number,
  slope: number,
  stepLength: number,
  candidateValue: number,
  candidateSlope: number,
): boolean {
  if (candidateValue <= value + ARMIJO_CONSTANT * stepLength * slope) return true;
  const withinNoise = candidateValue <= value + NOISE_TOLERANCE * Math.abs(value);
  return (
    withinNoise &&
    candidateSlope >= CURVATURE_CONSTANT * slope &&
    candidateSlope <= (1 - 2 * ARMIJO_CONSTANT) * -slope
  );
}

function maxAbs(values: Float64Array): number {
  let largest = 0;
  for (const value of values) largest = Math.max(largest, Math.abs(value));
  return largest;
}

function dot(left: Float64Array, right: Float64Array): number {
  let sum = 0;
  for (let index = 0; index < left.length; index++) sum += left[index]! * right[index]!;
  return sum;
}

function identity(size: number): Float64Array {
  const matrix = new Float64Array(size * size);
  for (let index = 0; index < size; index++) matrix[index * size + index] = 1;
  return matrix;
}

/** H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ, the BFGS update of the inverse Hessian (row-major, n × n). */
function updateInverseHessian(inverse: Float64Array, step: Float64Array, change: Float64Array): void {
  const size = step.length;
  const rho = 1 / dot(step, change);
  const hy = new Float64Array(size);
  for (let row = 0; row < size; row++) {
    let sum = 0;
    for (let column = 0; column < size; column++) sum += inverse[row * size + column]! * change[column]!;
    hy[row] = sum;
  }
  const yhy = dot(change, hy);
  for (let row = 0; row < size; row++) {
    for (let column = 0; column < size; column++) {
      inverse[row * size + column] =
        inverse[row * size + column]! -
        rho * (hy[row]! * step[column]! + step[row]! * hy[column]!) +
        (rho * rho * yhy + rho) * step[row]! * step[column]!;
    }
  }
}

/** Minimises a smooth function from `start`; see MinimizeResult for what comes back. */
export function minimizeBfgs(options: MinimizeBfgsOptions): MinimizeResult {
  const { objective, maxIterations = 500, gradientTolerance = 1e-9, maxStepLength = 2 } = options;
  const size = options.start.length;
  let point = Float64Array.from(options.start);
  let gradient = new Float64Array(size);
  let value = objective(point, gradient);
  let evaluations = 1;
  const finish = (outcome: Pick<MinimizeResult, 'iterations' | 'converged' | 'reason'>): MinimizeResult => ({
    point: [...point],
    value,
    gradientNorm: maxAbs(gradient),
    evaluations,
    ...outcome,
  });
  if (!Number.isFinite(value) || !gradient.every(Number.isFinite)) {
    return finish({ iterations: 0, converged: false, reason: 'the start point is not feasible' });
  }
  let inverse = identity(size);
  let isIdentity = true;
  const direction = new Float64Array(size);
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    const gradientNorm = maxAbs(gradient);
    if (gradientNorm <= gradientTolerance) {
      return finish({ iterations: iteration, converged: true, reason: 'gradient below tolerance' });
    }
    for (let row = 0; row < size; row++) {
      let sum = 0;
      for (let column = 0; column < size; column++) sum -= inverse[row * size + column]! * gradient[column]!;
      direction[row] = sum;
    }
    let slope = dot(gradient, direction);
    if (!(slope < 0)) {
      inverse = identity(size);
      isIdentity = true;
      for (let index = 0; index < size; index++) direction[index] = -gradient[index]!;
      slope = dot(gradient, direction);
    }
    const longest = maxAbs(direction);
    let stepLength = longest > maxStepLength ? maxStepLength / longest : 1;

    const candidate = new Float64Array(size);
    const candidateGradient = new Float64Array(size);
    let candidateValue = Number.NaN;
    let accepted = false;
    for (let backtrack = 0; backtrack < MAX_BACKTRACKS; backtrack++) {
      for (let index = 0; index < size; index++)
        candidate[index] = point[index]! + stepLength * direction[index]!;
      candidateValue = objective(candidate, candidateGradient);
      evaluations++;
      const isFeasible = Number.isFinite(candidateValue) && candidateGradient.every(Number.isFinite);
      if (
        isFeasible &&
        isAcceptableStep(value, slope, stepLength, candidateValue, dot(candidateGradient, direction))
      ) {
        accepted = true;
        break;
      }
      // Minimiser of the quadratic through f(0), f'(0) and f(step), kept within [0.1, 0.5] of the current step.
      const quadratic = isFeasible
        ? (-slope * stepLength * stepLength) / (2 * (candidateValue - value - slope * stepLength))
        : 0.1 * stepLength;
      stepLength = Math.min(0.5 * stepLength, Math.max(0.1 * stepLength, quadratic));
    }
    if (!accepted) {
      if (!isIdentity) {
        // A stale curvature model can point almost along the contour; retry once from steepest descent.
        inverse = identity(size);
        isIdentity = true;
        continue;
      }
      const reason = 'the line search found no decrease (precision limit reached)';
      return finish({ iterations: iteration + 1, converged: false, reason });
    }

    const step = new Float64Array(size);
    const change = new Float64Array(size);
    for (let index = 0; index < size; index++) {
      step[index] = candidate[index]! - point[index]!;
      change[index] = candidateGradient[index]! - gradient[index]!;
    }
    const curvature = dot(step, change);
    // Skip the update when the curvature condition fails: it would make the approximation indefinite.
    if (curvature > 1e-12 * Math.sqrt(dot(step, step) * dot(change, change))) {
      if (isIdentity) {
        const scale = curvature / dot(change, change);
        for (let index = 0; index < size; index++) inverse[index * size + index] = scale;
        isIdentity = false;
      }
      updateInverseHessian(inverse, step, change);
    }
    point = candidate;
    gradient = candidateGradient;
    value = candidateValue;
  }
  return finish({
    iterations: maxIterations,
    converged: false,
    reason: `no convergence in ${maxIterations} iterations`,
  });
}
