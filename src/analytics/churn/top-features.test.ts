import { describe, expect, it } from 'vitest';
import { columnStandardDeviations, rankFeatures } from './top-features.ts';

describe('rankFeatures', () => {
  it('ranks by |coefficient × standard deviation| and says which way each feature pushes', () => {
    const ranked = rankFeatures({
      featureNames: ['tenure', 'Contract = Two year', 'PaperlessBilling'],
      coefficients: [-1.4, -2, 0.3],
      // A rare level has a small standard deviation, so its large raw coefficient moves fewer customers.
      scales: [1, 0.2, 0.5],
      limit: 2,
    });
    expect(ranked).toEqual([
      { feature: 'tenure', coefficient: -1.4, standardisedCoefficient: -1.4, effect: 'lowers churn risk' },
      {
        feature: 'Contract = Two year',
        coefficient: -2,
        standardisedCoefficient: -0.4,
        effect: 'lowers churn risk',
      },
    ]);
  });

  it('reports a positive coefficient as raising churn risk', () => {
    const [top] = rankFeatures({ featureNames: ['fiber'], coefficients: [0.6], scales: [0.5], limit: 1 });
    expect(top).toMatchObject({ standardisedCoefficient: 0.3, effect: 'raises churn risk' });
  });
});

describe('columnStandardDeviations', () => {
  it('computes the population standard deviation of each column', () => {
    const matrix = { data: Float64Array.from([1, 0, 3, 0, 5, 1, 7, 1]), rows: 4, columns: 2 };
    const [first, second] = columnStandardDeviations({ matrix });
    expect(first).toBeCloseTo(Math.sqrt(5), 12);
    expect(second).toBeCloseTo(0.5, 12);
  });
});
