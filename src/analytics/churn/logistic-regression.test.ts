import { describe, expect, it } from 'vitest';
import { fitLogisticRegression, predictLogistic, sigmoid } from './logistic-regression.ts';
import type { DesignMatrix } from './logistic-regression.ts';
import { simulateLogisticData } from './simulate-logistic-data.ts';

/** Gradient of Σ log-loss + l2/2·‖w‖² (intercept first), computed directly from the definition. */
function penalisedGradient(
  matrix: DesignMatrix,
  labels: Uint8Array,
  intercept: number,
  coefficients: Float64Array,
  l2: number,
): number[] {
  const gradient = [0, ...Array.from(coefficients, (w) => l2 * w)];
  const probabilities = predictLogistic({ matrix, intercept, coefficients });
  for (let row = 0; row < matrix.rows; row++) {
    const residual = (probabilities[row] ?? 0) - (labels[row] ?? 0);
    gradient[0] = (gradient[0] ?? 0) + residual;
    for (let j = 0; j < matrix.columns; j++) {
      gradient[j + 1] = (gradient[j + 1] ?? 0) + residual * (matrix.data[row * matrix.columns + j] ?? 0);
    }
  }
  return gradient;
}

describe('fitLogisticRegression', () => {
  it('recovers the coefficients of simulated data', () => {
    const truth = { intercept: -0.5, coefficients: [1, -2, 0.5, 0] };
    const { labels, ...matrix } = simulateLogisticData({ rows: 20_000, seed: 11, ...truth });
    const fit = fitLogisticRegression({ matrix, labels, l2: 1e-6 });
    expect(fit.converged).toBe(true);
    // Standard errors here are about 0.02–0.03, so 0.1 is more than three of them.
    expect(Math.abs(fit.intercept - truth.intercept)).toBeLessThan(0.1);
    truth.coefficients.forEach((coefficient, j) =>
      expect(Math.abs((fit.coefficients[j] ?? 0) - coefficient)).toBeLessThan(0.1),
    );
  });

  it('stops at the minimum of the penalised objective, where its gradient vanishes', () => {
    const { labels, ...matrix } = simulateLogisticData({
      rows: 2_000,
      seed: 3,
      intercept: 1,
      coefficients: [2, -1, 3],
    });
    const l2 = 5;
    const fit = fitLogisticRegression({ matrix, labels, l2 });
    const gradient = penalisedGradient(matrix, labels, fit.intercept, fit.coefficients, l2);
    for (const component of gradient) expect(Math.abs(component)).toBeLessThan(1e-6);
    expect(fit.iterations).toBeLessThan(15);
  });

  it('shrinks the coefficients, but not the intercept, as the penalty grows', () => {
    const { labels, ...matrix } = simulateLogisticData({
      rows: 2_000,
      seed: 5,
      intercept: -1.5,
      coefficients: [1, 1],
    });
    const fit = fitLogisticRegression({ matrix, labels, l2: 1e9 });
    for (const coefficient of fit.coefficients) expect(Math.abs(coefficient)).toBeLessThan(1e-4);
    // With the coefficients at zero the unpenalised intercept fits the churn rate exactly.
    const churnRate = labels.reduce((sum, label) => sum + label, 0) / labels.length;
    expect(sigmoid(fit.intercept)).toBeCloseTo(churnRate, 6);
  });

  it('stays finite on perfectly separable data without a penalty', () => {
    const matrix = { data: Float64Array.from([-2, -1, 1, 2]), rows: 4, columns: 1 };
    const fit = fitLogisticRegression({
      matrix,
      labels: Uint8Array.from([0, 0, 1, 1]),
      l2: 0,
      maxIterations: 30,
    });
    expect(Number.isFinite(fit.intercept)).toBe(true);
    expect(fit.coefficients[0]).toBeGreaterThan(1);
    const [low, , , high] = predictLogistic({ matrix, ...fit });
    expect(low).toBeLessThan(0.01);
    expect(high).toBeGreaterThan(0.99);
  });
});

describe('predictLogistic', () => {
  it('applies the logistic function to intercept + row · coefficients', () => {
    const matrix = { data: Float64Array.from([1, 2, -1, 0.5]), rows: 2, columns: 2 };
    const probabilities = predictLogistic({ matrix, intercept: 0.25, coefficients: [0.5, -1] });
    expect(probabilities[0]).toBeCloseTo(1 / (1 + Math.exp(-(0.25 + 0.5 - 2))), 12);
    expect(probabilities[1]).toBeCloseTo(1 / (1 + Math.exp(-(0.25 - 0.5 - 0.5))), 12);
  });

  it('does not overflow for extreme linear predictors', () => {
    expect(sigmoid(1000)).toBe(1);
    expect(sigmoid(-1000)).toBe(0);
  });
});
