import type { DesignMatrix } from './logistic-objective.ts';

export interface RankedFeature {
  feature: string;
  /** Change in log-odds of churn per unit of the encoded feature (per standard deviation for numeric columns). */
  coefficient: number;
  /** Coefficient × the feature's standard deviation in training: comparable across features of any kind. */
  standardisedCoefficient: number;
  effect: 'raises churn risk' | 'lowers churn risk';
}

/**
 * The features that move the prediction most, by |standardised coefficient|. One-hot and yes/no features stay 0/1
 * in the model (so their coefficients read as "this level vs the rest"); multiplying by their standard deviation
 * puts them on the same per-standard-deviation scale as the z-scored numbers before ranking.
 */
export function rankFeatures({
  featureNames,
  coefficients,
  scales,
  limit,
}: {
  featureNames: readonly string[];
  coefficients: ArrayLike<number>;
  scales: ArrayLike<number>;
  limit: number;
}): RankedFeature[] {
  return featureNames
    .map((feature, index) => {
      const coefficient = coefficients[index] ?? 0;
      const standardisedCoefficient = coefficient * (scales[index] ?? 0);
      return {
        feature,
        coefficient,
        standardisedCoefficient,
        effect:
          standardisedCoefficient >= 0 ? ('raises churn risk' as const) : ('lowers churn risk' as const),
      };
    })
    .sort((a, b) => Math.abs(b.standardisedCoefficient) - Math.abs(a.standardisedCoefficient))
    .slice(0, limit);
}

/** Population standard deviation of every column of a matrix. */
export function columnStandardDeviations({ matrix }: { matrix: DesignMatrix }): Float64Array {
  const { data, rows, columns } = matrix;
  const sums = new Float64Array(columns);
  const squares = new Float64Array(columns);
  for (let row = 0; row < rows; row++) {
    for (let j = 0; j < columns; j++) {
      const value = data[row * columns + j] ?? 0;
      sums[j] = (sums[j] ?? 0) + value;
      squares[j] = (squares[j] ?? 0) + value * value;
    }
  }
  return sums.map((sum, j) => {
    const mean = sum / Math.max(rows, 1);
    return Math.sqrt(Math.max((squares[j] ?? 0) / Math.max(rows, 1) - mean * mean, 0));
  });
}
