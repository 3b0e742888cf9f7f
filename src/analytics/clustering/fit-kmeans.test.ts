import { describe, expect, it } from 'vitest';
import { SegmintError } from '../../errors.ts';
import { fitKMeans } from './fit-kmeans.ts';
import { generateBlobs } from './generate-blobs.ts';

/** True when `labels` equal `truth` up to renaming the clusters (a one-to-one map between the two). */
function sameClustersUpToPermutation(labels: Int32Array, truth: Int32Array): boolean {
  const forward = new Map<number, number>();
  const backward = new Map<number, number>();
  return labels.every((label, row) => {
    const actual = truth[row]!;
    if ((forward.get(label) ?? actual) !== actual || (backward.get(actual) ?? label) !== label) return false;
    forward.set(label, actual);
    backward.set(actual, label);
    return true;
  });
}

function errorOf(action: () => unknown): SegmintError {
  try {
    action();
  } catch (error) {
    if (error instanceof SegmintError) return error;
    throw error;
  }
  throw new Error('expected a SegmintError');
}

describe('fitKMeans', () => {
  const separated = generateBlobs({
    rows: 2_000,
    columns: 3,
    blobs: 5,
    spread: 0.5,
    boxHalfWidth: 20,
    seed: 3,
  });

  it('recovers well-separated blobs exactly (up to the numbering of clusters)', () => {
    for (const seed of [0, 1, 2]) {
      const fit = fitKMeans({ ...separated.matrix, k: 5, seed });
      expect(sameClustersUpToPermutation(fit.labels, separated.truth)).toBe(true);
      expect(fit.converged).toBe(true);
    }
  });

  it('is deterministic for a seed', () => {
    const overlapping = generateBlobs({ rows: 3_000, columns: 4, blobs: 6, spread: 3, seed: 8 });
    const first = fitKMeans({ ...overlapping.matrix, k: 6, seed: 12 });
    const second = fitKMeans({ ...overlapping.matrix, k: 6, seed: 12 });
    expect(second.inertia).toBe(first.inertia);
    expect(Array.from(second.labels)).toEqual(Array.from(first.labels));
    expect(Array.from(second.centroids)).toEqual(Array.from(first.centroids));
  });

  it('keeps the best of several starts: more starts never give a higher inertia', () => {
    const overlapping = generateBlobs({ rows: 2_000, columns: 2, blobs: 9, spread: 3, seed: 4 });
    for (const seed of [0, 1, 2, 3]) {
      const single = fitKMeans({ ...overlapping.matrix, k: 9, nInit: 1, seed });
      const several = fitKMeans({ ...overlapping.matrix, k: 9, nInit: 6, seed });
      expect(several.inertia).toBeLessThanOrEqual(single.inertia);
    }
  });

  it('with k = 1 puts the centroid at the mean and reports the total sum of squares', () => {
    const data = Float64Array.from([0, 0, 2, 0, 0, 4, 2, 4]);
    const fit = fitKMeans({ data, rows: 4, columns: 2, k: 1 });
    expect(Array.from(fit.centroids)).toEqual([1, 2]);
    expect(fit.inertia).toBe(4 * (1 + 4));
    expect(Array.from(fit.labels)).toEqual([0, 0, 0, 0]);
  });

  it('clusters on the varying columns when one column is constant, without NaN', () => {
    const data = Float64Array.from([0, 7, 1, 7, 10, 7, 11, 7]);
    const fit = fitKMeans({ data, rows: 4, columns: 2, k: 2, seed: 1 });
    expect(fit.labels[0]).toBe(fit.labels[1]);
    expect(fit.labels[2]).toBe(fit.labels[3]);
    expect(fit.labels[0]).not.toBe(fit.labels[2]);
    expect(fit.inertia).toBe(1);
    expect(Array.from(fit.centroids).every(Number.isFinite)).toBe(true);
  });

  it('refuses k larger than the number of distinct rows, saying how many there are', () => {
    const data = Float64Array.from([1, 1, 1, 2, 2, 3]);
    const error = errorOf(() => fitKMeans({ data, rows: 6, columns: 1, k: 4 }));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toBe(
      'k = 4 clusters need at least 4 distinct rows, but the data has only 3. Choose k ≤ 3.',
    );
    expect(fitKMeans({ data, rows: 6, columns: 1, k: 3 }).inertia).toBe(0);
  });

  it('refuses k larger than the number of rows', () => {
    expect(
      errorOf(() => fitKMeans({ data: Float64Array.from([1, 2]), rows: 2, columns: 1, k: 3 })).message,
    ).toBe('k = 3 clusters need at least 3 rows, but there are 2.');
  });

  it('refuses NaN input with a message naming the cell', () => {
    const error = errorOf(() =>
      fitKMeans({ data: Float64Array.from([1, 2, NaN, 4]), rows: 2, columns: 2, k: 1 }),
    );
    expect(error.code).toBe('invalid_input');
    expect(error.message).toContain('row 1, column 0 is NaN');
  });

  it('refuses invalid options with the option named', () => {
    const data = Float64Array.from([1, 2, 3]);
    expect(errorOf(() => fitKMeans({ data, rows: 3, columns: 1, k: 0 })).details[0]?.path).toBe('k');
    expect(errorOf(() => fitKMeans({ data, rows: 3, columns: 1, k: 2, nInit: 0 })).details[0]?.path).toBe(
      'nInit',
    );
    expect(errorOf(() => fitKMeans({ data, rows: 3, columns: 1, k: 2.5 })).code).toBe('invalid_input');
  });
});
