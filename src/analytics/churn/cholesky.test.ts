import { describe, expect, it } from 'vitest';
import { choleskyInPlace, solveWithCholesky } from './cholesky.ts';

describe('Cholesky solve', () => {
  it('solves a symmetric positive-definite system', () => {
    // A = [[4, 2, 0.4], [2, 5, 1], [0.4, 1, 3]], x = [1, -2, 0.5]  →  b = A·x.
    const a = Float64Array.from([4, 2, 0.4, 2, 5, 1, 0.4, 1, 3]);
    const x = [1, -2, 0.5];
    const b = Float64Array.from([0, 1, 2], (i) =>
      x.reduce((sum, xj, j) => sum + (a[i * 3 + j] ?? 0) * xj, 0),
    );
    const factor = a.slice();
    expect(choleskyInPlace({ matrix: factor, size: 3 })).toBe(true);
    const solved = solveWithCholesky({ factor, size: 3, rhs: b });
    x.forEach((value, i) => expect(solved[i]).toBeCloseTo(value, 12));
  });

  it('reports a matrix that is not positive definite', () => {
    expect(choleskyInPlace({ matrix: Float64Array.from([1, 2, 2, 1]), size: 2 })).toBe(false);
    expect(choleskyInPlace({ matrix: Float64Array.from([1, 1, 1, 1]), size: 2 })).toBe(false);
  });
});
