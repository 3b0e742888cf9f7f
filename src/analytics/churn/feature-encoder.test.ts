import { describe, expect, it } from 'vitest';
import type { DetectedColumn } from './detect-column-kinds.ts';
import { encodeFeatures } from './encode-features.ts';
import { featureEncoderSchema } from './feature-encoder-schema.ts';
import type { FeatureRecord } from './feature-values.ts';
import { fitFeatureEncoder } from './fit-feature-encoder.ts';

const columns: DetectedColumn[] = [
  { column: 'charges', kind: 'numeric' },
  { column: 'paperless', kind: 'boolean' },
  { column: 'contract', kind: 'categorical' },
];
const training: FeatureRecord[] = [
  { charges: '10', paperless: 'Yes', contract: 'monthly' },
  { charges: '20', paperless: 'No', contract: 'monthly' },
  { charges: ' ', paperless: 'Yes', contract: 'yearly' },
  { charges: '30', paperless: '', contract: 'monthly' },
  { charges: '100', paperless: 'Yes', contract: 'two-year' },
];
const fitted = fitFeatureEncoder({ records: training, columns, maxLevels: 20, minLevelCount: 1 });

/** The encoded row as a feature name → value map, for readable expectations. */
function encodeOne(record: FeatureRecord): Record<string, number> {
  const matrix = encodeFeatures({ encoder: fitted.encoder, records: [record] });
  return Object.fromEntries(matrix.featureNames.map((name, j) => [name, matrix.data[j] ?? Number.NaN]));
}

describe('fitFeatureEncoder + encodeFeatures', () => {
  it('names one feature per number, yes/no, missing indicator and kept level', () => {
    const matrix = encodeFeatures({ encoder: fitted.encoder, records: training });
    expect(matrix.featureNames).toEqual([
      'charges',
      'charges (missing)',
      'paperless',
      'paperless (missing)',
      'contract = monthly',
      'contract = two-year',
      'contract = yearly',
    ]);
    expect(matrix.rows).toBe(5);
    expect(matrix.data.length).toBe(5 * 7);
  });

  it('standardises numbers with the training mean and standard deviation of the present values', () => {
    // Present charges 10, 20, 30, 100: mean 40, population standard deviation √1250.
    const std = Math.sqrt(1250);
    expect(encodeOne({ charges: '40' }).charges).toBeCloseTo(0, 12);
    expect(encodeOne({ charges: 100 }).charges).toBeCloseTo(60 / std, 12);
  });

  it('imputes a blank number with the training median and flags it as missing', () => {
    // Median of 10, 20, 30, 100 is 25.
    const blank = encodeOne({ charges: '' });
    expect(blank.charges).toBeCloseTo((25 - 40) / Math.sqrt(1250), 12);
    expect(blank['charges (missing)']).toBe(1);
    expect(encodeOne({ charges: 'not a number' })['charges (missing)']).toBe(1);
    expect(encodeOne({ charges: '30' })['charges (missing)']).toBe(0);
  });

  it('encodes yes/no as 1/0 and fills a blank with the more common training value', () => {
    expect(encodeOne({ paperless: 'No' }).paperless).toBe(0);
    expect(encodeOne({ paperless: true }).paperless).toBe(1);
    expect(encodeOne({ paperless: null })).toMatchObject({ paperless: 1, 'paperless (missing)': 1 });
  });

  it('one-hot encodes a known level and encodes an unseen level as all zeros', () => {
    expect(encodeOne({ contract: 'yearly' })).toMatchObject({
      'contract = monthly': 0,
      'contract = two-year': 0,
      'contract = yearly': 1,
    });
    expect(encodeOne({ contract: 'weekly' })).toMatchObject({
      'contract = monthly': 0,
      'contract = two-year': 0,
      'contract = yearly': 0,
    });
  });

  it('keeps at most maxLevels levels, the most frequent first, and drops levels rarer than minLevelCount', () => {
    const records: FeatureRecord[] = ['a', 'a', 'a', 'b', 'b', 'c', 'c', 'd'].map((plan) => ({ plan }));
    const plan: DetectedColumn[] = [{ column: 'plan', kind: 'categorical' }];
    const capped = fitFeatureEncoder({ records, columns: plan, maxLevels: 2, minLevelCount: 1 });
    expect(capped.encoder.columns).toEqual([{ type: 'categorical', column: 'plan', levels: ['a', 'b'] }]);
    const frequentOnly = fitFeatureEncoder({ records, columns: plan, maxLevels: 20, minLevelCount: 2 });
    expect(frequentOnly.encoder.columns).toEqual([
      { type: 'categorical', column: 'plan', levels: ['a', 'b', 'c'] },
    ]);
  });

  it('gives blank categories a level of their own', () => {
    const records: FeatureRecord[] = [{ plan: 'pro' }, { plan: '' }, { plan: null }, { plan: 'pro' }];
    const { encoder } = fitFeatureEncoder({
      records,
      columns: [{ column: 'plan', kind: 'categorical' }],
      maxLevels: 5,
      minLevelCount: 1,
    });
    expect(encoder.columns).toEqual([{ type: 'categorical', column: 'plan', levels: ['(missing)', 'pro'] }]);
  });

  it('skips columns that cannot inform the model, saying why', () => {
    const records: FeatureRecord[] = [
      { constant: 5, alwaysYes: 'Yes', customer: 'c1' },
      { constant: 5, alwaysYes: 'Yes', customer: 'c2' },
      { constant: 5, alwaysYes: 'Yes', customer: 'c3' },
    ];
    const { encoder, skipped } = fitFeatureEncoder({
      records,
      columns: [
        { column: 'constant', kind: 'numeric' },
        { column: 'alwaysYes', kind: 'boolean' },
        { column: 'customer', kind: 'categorical' },
      ],
      maxLevels: 20,
      minLevelCount: 2,
    });
    expect(encoder.columns).toEqual([]);
    expect(skipped).toEqual([
      { column: 'constant', reason: 'the value never changes' },
      { column: 'alwaysYes', reason: 'the value never changes' },
      { column: 'customer', reason: 'no value occurs in 2 or more rows (an identifier?)' },
    ]);
  });

  it('is plain data: a JSON round trip through the schema encodes identically', () => {
    const restored = featureEncoderSchema.parse(JSON.parse(JSON.stringify(fitted.encoder)));
    const before = encodeFeatures({ encoder: fitted.encoder, records: training });
    const after = encodeFeatures({ encoder: restored, records: training });
    expect(Array.from(after.data)).toEqual(Array.from(before.data));
  });
});
