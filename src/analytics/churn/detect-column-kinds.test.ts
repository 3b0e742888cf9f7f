import { describe, expect, it } from 'vitest';
import type { ColumnKind } from './churn-options-schema.ts';
import { detectColumnKinds } from './detect-column-kinds.ts';
import type { FeatureRecord } from './feature-values.ts';

function detect(
  records: FeatureRecord[],
  options: { exclude?: string[]; kinds?: Record<string, ColumnKind> } = {},
): ReturnType<typeof detectColumnKinds> {
  return detectColumnKinds({
    records,
    excludeColumns: new Set(options.exclude ?? []),
    columnKinds: options.kinds ?? {},
  });
}

describe('detectColumnKinds', () => {
  it('reads Telco-style CSV text: yes/no words, numbers with blanks, and categories', () => {
    const { columns, skipped } = detect([
      { Partner: 'Yes', TotalCharges: '29.85', Contract: 'Month-to-month', tenure: '1' },
      { Partner: 'No', TotalCharges: ' ', Contract: 'Two year', tenure: '0' },
      { Partner: 'yes', TotalCharges: '1889.5', Contract: 'One year', tenure: '34' },
    ]);
    expect(columns).toEqual([
      { column: 'Partner', kind: 'boolean' },
      { column: 'TotalCharges', kind: 'numeric' },
      { column: 'Contract', kind: 'categorical' },
      { column: 'tenure', kind: 'numeric' },
    ]);
    expect(skipped).toEqual([]);
  });

  it('reads typed values from the store: numbers, booleans and nulls', () => {
    const { columns } = detect([
      { recencyDays: 3, isSubscribed: true, plan: 'pro' },
      { recencyDays: null, isSubscribed: false, plan: null },
      { isSubscribed: null, plan: 'free' },
    ]);
    expect(columns).toEqual([
      { column: 'recencyDays', kind: 'numeric' },
      { column: 'isSubscribed', kind: 'boolean' },
      { column: 'plan', kind: 'categorical' },
    ]);
  });

  it('treats "NA"-style placeholders as missing numbers, but keeps them as levels of a category', () => {
    const { columns } = detect([
      { visits: '12', country: 'NA' },
      { visits: 'NA', country: 'DE' },
      { visits: 'n/a', country: 'NA' },
    ]);
    expect(columns).toEqual([
      { column: 'visits', kind: 'numeric' },
      { column: 'country', kind: 'categorical' },
    ]);
  });

  it('leaves out the label, id and ignored columns, date columns and columns with no values', () => {
    const { columns, skipped } = detect(
      [
        {
          id: 'a',
          churned: 'Yes',
          signupDate: '2024-01-05',
          lastSeen: new Date('2024-02-01'),
          notes: ' ',
          score: 1,
        },
        { id: 'b', churned: 'No', signupDate: '2024-03-09T10:00:00Z', lastSeen: null, notes: null, score: 2 },
      ],
      { exclude: ['id', 'churned'] },
    );
    expect(columns).toEqual([{ column: 'score', kind: 'numeric' }]);
    expect(skipped.map(({ column }) => column)).toEqual(['signupDate', 'lastSeen', 'notes']);
    expect(skipped[0]?.reason).toMatch(/dates are not features/);
  });

  it('lets the user override a detected kind', () => {
    const { columns } = detect([{ zip: '10115' }, { zip: '80331' }], { kinds: { zip: 'categorical' } });
    expect(columns).toEqual([{ column: 'zip', kind: 'categorical' }]);
  });
});
