import { describe, expect, it } from 'vitest';
import { hessianFromGradient, invertPositiveDefinite, standardErrors } from './observed-information.ts';

describe('standardErrors', () => {
  it('gives σ/√n for the mean of n normal observations with known σ', () => {
    const observations = [4.1, 5.3, 3.8, 6.0, 5.1, 4.4, 4.9, 5.6];
    const sigma = 0.7;
    // log L(μ) = −Σ (yᵢ − μ)² / (2σ²), so d log L/dμ = Σ (yᵢ − μ) / σ².
    const gradient = (point: Float64Array, out: Float64Array): void => {
      out[0] = observations.reduce((sum, y) => sum + (y - point[0]!), 0) / sigma ** 2;
    };
    const mean = observations.reduce((sum, y) => sum + y, 0) / observations.length;
    const errors = standardErrors({ gradient, point: [mean] });
    expect(errors?.[0]).toBeCloseTo(sigma / Math.sqrt(observations.length), 8);
  });

  it('gives none at a saddle point, where the observed information is not positive definite', () => {
    // log L = x² − y²: a saddle at the origin.
    const gradient = (point: Float64Array, out: Float64Array): void => {
      out[0] = 2 * point[0]!;
      out[1] = -2 * point[1]!;
    };
    expect(standardErrors({ gradient, point: [0, 0] })).toBeUndefined();
  });
});

describe('hessianFromGradient and invertPositiveDefinite', () => {
  it('recover the Hessian of a quadratic and its inverse', () => {
    // log L = −(2x² + 2xy + 3y²)/2 has Hessian −[[2, 1], [1, 3]].
    const gradient = (point: Float64Array, out: Float64Array): void => {
      out[0] = -(2 * point[0]! + point[1]!);
      out[1] = -(point[0]! + 3 * point[1]!);
    };
    const hessian = hessianFromGradient({ gradient, point: [0.4, -1.3] });
    expect([...hessian].map((value) => Number(value.toFixed(6)))).toEqual([-2, -1, -1, -3]);
    const inverse = invertPositiveDefinite(Float64Array.from([2, 1, 1, 3]), 2);
    expect([...(inverse ?? [])].map((value) => Number(value.toFixed(12)))).toEqual([0.6, -0.2, -0.2, 0.4]);
  });
});
