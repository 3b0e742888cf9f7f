import { Random } from '../../random.ts';
import { sigmoid } from './logistic-objective.ts';

/**
 * Data drawn from a known logistic model, for tests: features are independent standard normals and each label is
 * 1 with probability sigmoid(intercept + x·coefficients). A correct fit must recover the coefficients.
 */
export function simulateLogisticData({
  rows,
  intercept,
  coefficients,
  seed,
}: {
  rows: number;
  intercept: number;
  coefficients: readonly number[];
  seed: number;
}): { data: Float64Array; rows: number; columns: number; labels: Uint8Array } {
  const random = new Random(seed);
  const columns = coefficients.length;
  const data = new Float64Array(rows * columns);
  const labels = new Uint8Array(rows);
  for (let row = 0; row < rows; row++) {
    let z = intercept;
    coefficients.forEach((coefficient, j) => {
      const value = random.normal();
      data[row * columns + j] = value;
      z += coefficient * value;
    });
    labels[row] = random.next() < sigmoid(z) ? 1 : 0;
  }
  return { data, rows, columns, labels };
}
