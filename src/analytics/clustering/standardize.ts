import type { FeatureMatrix } from './feature-matrix.ts';

/**
 * Z-score standardisation, so that a feature measured in thousands (income) does not outweigh one measured in units
 * (visits) in the Euclidean distances k-means minimises. The means and population standard deviations (ddof = 0, as
 * scikit-learn's StandardScaler) are kept to report centroids back in the original units.
 *
 * A constant column (every value equal, detected exactly as min = max) has standard deviation 0: it is mapped to
 * all zeros instead of dividing by zero, so it contributes nothing to any distance.
 */
export interface FeatureScaling {
  readonly means: Float64Array;
  /** Population standard deviation of each column; exactly 0 for a constant column. */
  readonly stds: Float64Array;
}

export function computeFeatureScaling(matrix: FeatureMatrix): FeatureScaling {
  const { data, rows, columns } = matrix;
  const means = new Float64Array(columns);
  const minimums = new Float64Array(columns).fill(Infinity);
  const maximums = new Float64Array(columns).fill(-Infinity);
  for (let row = 0; row < rows; row++) {
    const offset = row * columns;
    for (let column = 0; column < columns; column++) {
      const value = data[offset + column] as number;
      means[column] = (means[column] as number) + value;
      if (value < (minimums[column] as number)) minimums[column] = value;
      if (value > (maximums[column] as number)) maximums[column] = value;
    }
  }
  for (let column = 0; column < columns; column++) means[column] = (means[column] as number) / rows;

  // Two passes (mean first, then squared deviations) to avoid the cancellation of the one-pass formula.
  const stds = new Float64Array(columns);
  for (let row = 0; row < rows; row++) {
    const offset = row * columns;
    for (let column = 0; column < columns; column++) {
      const deviation = (data[offset + column] as number) - (means[column] as number);
      stds[column] = (stds[column] as number) + deviation * deviation;
    }
  }
  for (let column = 0; column < columns; column++) {
    const isConstant = minimums[column] === maximums[column];
    stds[column] = isConstant ? 0 : Math.sqrt((stds[column] as number) / rows);
  }
  return { means, stds };
}

/** Returns the z-scores of `matrix` (a new array) and the scaling used. */
export function standardizeFeatures(matrix: FeatureMatrix): {
  matrix: FeatureMatrix;
  scaling: FeatureScaling;
} {
  const scaling = computeFeatureScaling(matrix);
  const { data, rows, columns } = matrix;
  const standardized = new Float64Array(data.length);
  for (let row = 0; row < rows; row++) {
    const offset = row * columns;
    for (let column = 0; column < columns; column++) {
      const std = scaling.stds[column] as number;
      standardized[offset + column] =
        std === 0 ? 0 : ((data[offset + column] as number) - (scaling.means[column] as number)) / std;
    }
  }
  return { matrix: { data: standardized, rows, columns }, scaling };
}

/** Maps row-major z-scores (e.g. centroids fitted on standardised data) back to the original units. */
export function toOriginalUnits(values: Float64Array, scaling: FeatureScaling): Float64Array {
  const columns = scaling.means.length;
  const original = new Float64Array(values.length);
  for (let index = 0; index < values.length; index++) {
    const column = index % columns;
    original[index] =
      (values[index] as number) * (scaling.stds[column] as number) + (scaling.means[column] as number);
  }
  return original;
}

/** The z-score of `value` in `column`; 0 for a constant column. */
export function zScoreOf(value: number, column: number, scaling: FeatureScaling): number {
  const std = scaling.stds[column] as number;
  return std === 0 ? 0 : (value - (scaling.means[column] as number)) / std;
}
