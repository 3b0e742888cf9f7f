import { SegmintError } from '../../errors.ts';
import { solvePositiveDefinite } from './cholesky.ts';
import {
  computeGradientAndHessian,
  computeObjective,
  dot,
  linearPredictor,
  sigmoid,
} from './logistic-objective.ts';
import type { DesignMatrix } from './logistic-objective.ts';

export type { DesignMatrix } from './logistic-objective.ts';
export { sigmoid } from './logistic-objective.ts';

export interface LogisticRegressionFit {
  intercept: number;
  coefficients: Float64Array;
  iterations: number;
  converged: boolean;
  /** Penalised negative log-likelihood at the solution: Σ log-loss + l2/2 · ‖coefficients‖². */
  objective: number;
}

/**
 * L2-penalised logistic regression by Newton's method (IRLS): each step solves (XᵀWX + λI′)·Δ = gradient with a
 * Cholesky factorisation, where I′ leaves the intercept unpenalised. The objective is strictly convex for λ > 0,
 * so halving the step until the objective does not rise makes every iteration safe, and near the optimum full steps
 * converge quadratically (typically 5–8 iterations). It stops when half the squared Newton decrement — an estimate
 * of how far the objective is above its minimum — is below `tolerance`.
 */
export function fitLogisticRegression({
  matrix,
  labels,
  l2,
  maxIterations = 100,
  tolerance = 1e-10,
}: {
  matrix: DesignMatrix;
  labels: Uint8Array;
  l2: number;
  maxIterations?: number;
  tolerance?: number;
}): LogisticRegressionFit {
  const { rows, columns } = matrix;
  if (labels.length !== rows || rows === 0) {
    throw new SegmintError(
      'invalid_input',
      `Logistic regression needs one label per row (${labels.length} vs ${rows}).`,
    );
  }
  const size = columns + 1;
  const positives = labels.reduce((sum, label) => sum + label, 0);
  // Start from the intercept-only model, clamped so that a single-class sample starts finite.
  const share = Math.min(Math.max(positives / rows, 1e-6), 1 - 1e-6);
  let beta = new Float64Array(size);
  beta[0] = Math.log(share / (1 - share));
  let objective = computeObjective({ matrix, labels, beta, l2 });
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    const { gradient, hessian } = computeGradientAndHessian({ matrix, labels, beta, l2 });
    const step = solvePositiveDefinite({ matrix: hessian, size, rhs: gradient });
    const halfDecrement = dot(gradient, step) / 2;
    if (halfDecrement <= tolerance) {
      return {
        intercept: beta[0] ?? 0,
        coefficients: beta.slice(1),
        iterations: iteration - 1,
        converged: true,
        objective,
      };
    }
    // Backtracking; the slack absorbs rounding so that a step that changes nothing is still accepted.
    const slack = 1e-12 * Math.max(1, Math.abs(objective));
    for (let scale = 1; ; scale /= 2) {
      const candidate = beta.map((value, index) => value - scale * (step[index] ?? 0));
      const candidateObjective = computeObjective({ matrix, labels, beta: candidate, l2 });
      if (candidateObjective <= objective + slack || scale < 1e-10) {
        beta = candidate;
        objective = candidateObjective;
        break;
      }
    }
  }
  return {
    intercept: beta[0] ?? 0,
    coefficients: beta.slice(1),
    iterations: maxIterations,
    converged: false,
    objective,
  };
}

/** P(churn) for each row: the logistic function of intercept + row · coefficients. */
export function predictLogistic({
  matrix,
  intercept,
  coefficients,
}: {
  matrix: DesignMatrix;
  intercept: number;
  coefficients: ArrayLike<number>;
}): Float64Array {
  const probabilities = new Float64Array(matrix.rows);
  for (let row = 0; row < matrix.rows; row++) {
    probabilities[row] = sigmoid(linearPredictor(matrix, row, intercept, coefficients));
  }
  return probabilities;
}
