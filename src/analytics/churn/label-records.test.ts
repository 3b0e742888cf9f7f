import { describe, expect, it } from 'vitest';
import { SegmintError } from '../../errors.ts';
import { labelRecords } from './label-records.ts';

describe('labelRecords', () => {
  it('marks the positive value as churned, other values as stayed, and drops blank labels', () => {
    const records = [{ Churn: 'Yes' }, { Churn: 'No' }, { Churn: ' ' }, { Churn: 'Yes ' }, { Churn: null }];
    const labelled = labelRecords({ records, labelColumn: 'Churn', positive: 'Yes' });
    expect(Array.from(labelled.labels)).toEqual([1, 0, 1]);
    expect(labelled.records).toEqual([records[0], records[1], records[3]]);
    expect(labelled.blankLabels).toBe(2);
  });

  it('matches a typed positive value against typed and text cells alike', () => {
    const records = [{ churned: true }, { churned: false }, { churned: 'true' }, { churned: 1 }];
    expect(Array.from(labelRecords({ records, labelColumn: 'churned', positive: true }).labels)).toEqual([
      1, 0, 1, 0,
    ]);
    expect(Array.from(labelRecords({ records, labelColumn: 'churned', positive: 1 }).labels)).toEqual([
      0, 0, 0, 1,
    ]);
  });

  it('names the values it found when the positive value matches no row', () => {
    const records = [{ Churn: 'Yes' }, { Churn: 'No' }];
    const mistyped = () => labelRecords({ records, labelColumn: 'Churn', positive: 'yes' });
    expect(mistyped).toThrow(SegmintError);
    expect(mistyped).toThrow(/"Yes" \(1\), "No" \(1\)/);
  });
});
