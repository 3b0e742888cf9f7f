import { SegmintError } from '../../errors.ts';
import type { ErrorDetail } from '../../errors.ts';

/**
 * The numeric input of every clustering function: `rows` points of `columns` features, row-major in one
 * Float64Array (value of row r, column c at `data[r * columns + c]`). One flat typed array keeps the hot loops free
 * of per-point objects.
 */
export interface FeatureMatrix {
  readonly data: Float64Array;
  readonly rows: number;
  readonly columns: number;
}

const MAX_REPORTED_BAD_VALUES = 10;

/**
 * Throws an `invalid_input` SegmintError when the shape does not match the data or a value is NaN or infinite.
 * `columnNames` (when given) make the message name the feature instead of its index.
 */
export function assertValidFeatureMatrix(matrix: FeatureMatrix, columnNames?: readonly string[]): void {
  const { data, rows, columns } = matrix;
  if (!Number.isInteger(rows) || rows < 1 || !Number.isInteger(columns) || columns < 1) {
    throw new SegmintError(
      'invalid_input',
      `A feature matrix needs at least one row and one column (got rows = ${rows}, columns = ${columns}).`,
    );
  }
  if (data.length !== rows * columns) {
    throw new SegmintError(
      'invalid_input',
      `The feature data holds ${data.length} values but rows × columns = ${rows} × ${columns} = ${rows * columns}.`,
    );
  }
  if (columnNames !== undefined && columnNames.length !== columns) {
    throw new SegmintError(
      'invalid_input',
      `${columnNames.length} feature names were given for ${columns} columns of data.`,
    );
  }
  const details = findNonFiniteValues(matrix, columnNames);
  if (details.length > 0) {
    const first = details[0];
    throw new SegmintError(
      'invalid_input',
      `Clustering needs a finite number in every cell, but ${first?.path} ${first?.message}` +
        `${details.length > 1 ? ` (and ${details.length - 1} more shown in the details)` : ''}. ` +
        'Remove or impute missing values before clustering.',
      details,
    );
  }
}

function findNonFiniteValues(matrix: FeatureMatrix, columnNames?: readonly string[]): ErrorDetail[] {
  const { data, columns } = matrix;
  const details: ErrorDetail[] = [];
  for (let index = 0; index < data.length && details.length < MAX_REPORTED_BAD_VALUES; index++) {
    const value = data[index] as number;
    if (Number.isFinite(value)) continue;
    const row = Math.floor(index / columns);
    const column = index - row * columns;
    const columnName = columnNames?.[column] ?? `column ${column}`;
    details.push({ path: `row ${row}, ${columnName}`, message: `is ${value}` });
  }
  return details;
}
