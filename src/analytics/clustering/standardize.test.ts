import { describe, expect, it } from 'vitest';
import { computeFeatureScaling, standardizeFeatures, toOriginalUnits, zScoreOf } from './standardize.ts';

// Two columns: income (10, 20, 30, 40) and a constant (5, 5, 5, 5).
const matrix = { data: Float64Array.from([10, 5, 20, 5, 30, 5, 40, 5]), rows: 4, columns: 2 };

describe('standardizeFeatures', () => {
  it('uses the population standard deviation (ddof = 0, as scikit-learn)', () => {
    const { means, stds } = computeFeatureScaling(matrix);
    expect(Array.from(means)).toEqual([25, 5]);
    expect(stds[0]).toBeCloseTo(Math.sqrt(125), 12);
  });

  it('gives every varying column mean 0 and standard deviation 1', () => {
    const { matrix: standardized } = standardizeFeatures(matrix);
    const income = [0, 1, 2, 3].map((row) => standardized.data[row * 2]!);
    const mean = income.reduce((sum, value) => sum + value, 0) / 4;
    const variance = income.reduce((sum, value) => sum + (value - mean) ** 2, 0) / 4;
    expect(mean).toBeCloseTo(0, 12);
    expect(variance).toBeCloseTo(1, 12);
  });

  it('maps a constant column to zeros with standard deviation 0 instead of NaN', () => {
    const { matrix: standardized, scaling } = standardizeFeatures(matrix);
    expect([0, 1, 2, 3].map((row) => standardized.data[row * 2 + 1])).toEqual([0, 0, 0, 0]);
    expect(scaling.stds[1]).toBe(0);
    expect(zScoreOf(5, 1, scaling)).toBe(0);
  });

  it('detects a constant column exactly even when its mean is not representable (0.1 repeated)', () => {
    const { stds } = computeFeatureScaling({ data: new Float64Array(7).fill(0.1), rows: 7, columns: 1 });
    expect(stds[0]).toBe(0);
  });

  it('maps z-scores back to the original units', () => {
    const { matrix: standardized, scaling } = standardizeFeatures(matrix);
    const restored = toOriginalUnits(standardized.data, scaling);
    restored.forEach((value, index) => expect(value).toBeCloseTo(matrix.data[index]!, 10));
  });
});
