import { describe, expect, it } from 'vitest';
import { SegmintError } from '../../errors.ts';
import { assertValidFeatureMatrix } from './feature-matrix.ts';

function errorOf(action: () => void): SegmintError {
  try {
    action();
  } catch (error) {
    if (error instanceof SegmintError) return error;
    throw error;
  }
  throw new Error('expected a SegmintError');
}

describe('assertValidFeatureMatrix', () => {
  it('accepts finite values of the declared shape', () => {
    expect(() =>
      assertValidFeatureMatrix({ data: Float64Array.from([1, 2, 3, 4]), rows: 2, columns: 2 }),
    ).not.toThrow();
  });

  it('names the row and feature of a NaN and asks for imputation', () => {
    const error = errorOf(() =>
      assertValidFeatureMatrix({ data: Float64Array.from([1, 2, 3, NaN]), rows: 2, columns: 2 }, [
        'income',
        'visits',
      ]),
    );
    expect(error.code).toBe('invalid_input');
    expect(error.message).toContain('row 1, visits is NaN');
    expect(error.message).toContain('impute');
    expect(error.details).toEqual([{ path: 'row 1, visits', message: 'is NaN' }]);
  });

  it('reports infinities too, by column index when no names are given', () => {
    const error = errorOf(() =>
      assertValidFeatureMatrix({ data: Float64Array.from([Infinity, 2, 3, -Infinity]), rows: 2, columns: 2 }),
    );
    expect(error.details.map((detail) => detail.path)).toEqual(['row 0, column 0', 'row 1, column 1']);
  });

  it('rejects data whose length does not match rows × columns', () => {
    const error = errorOf(() => assertValidFeatureMatrix({ data: new Float64Array(5), rows: 2, columns: 2 }));
    expect(error.message).toContain('rows × columns = 2 × 2 = 4');
  });

  it('rejects an empty matrix and a wrong number of feature names', () => {
    expect(
      errorOf(() => assertValidFeatureMatrix({ data: new Float64Array(0), rows: 0, columns: 2 })).code,
    ).toBe('invalid_input');
    expect(
      errorOf(() =>
        assertValidFeatureMatrix({ data: new Float64Array(4), rows: 2, columns: 2 }, ['only one']),
      ).message,
    ).toContain('1 feature names were given for 2 columns');
  });
});
