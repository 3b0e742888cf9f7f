import { describe, expect, it } from 'vitest';
import { SegmintError } from '../../errors.ts';
import { conditionalExpectedPurchases } from './bg-nbd/predict-bg-nbd.ts';
import { fitBgNbd } from './bg-nbd/fit-bg-nbd.ts';
import { compareHoldout, type HoldoutHistory } from './holdout-comparison.ts';
import { simulateBgNbdCustomers } from './simulate/simulate-bg-nbd.ts';

const PARAMETERS = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

describe('compareHoldout', () => {
  const customers: HoldoutHistory[] = [
    { frequency: 0, recency: 0, T: 30, frequencyHoldout: 1, durationHoldout: 39 },
    { frequency: 0, recency: 0, T: 20, frequencyHoldout: 0, durationHoldout: 39 },
    { frequency: 1, recency: 5, T: 30, frequencyHoldout: 2, durationHoldout: 39 },
    { frequency: 3, recency: 25, T: 30, frequencyHoldout: 4, durationHoldout: 39 },
    { frequency: 9, recency: 28, T: 30, frequencyHoldout: 6, durationHoldout: 39 },
  ];

  it('buckets customers by calibration frequency with the actual and predicted mean holdout purchases', () => {
    const comparison = compareHoldout({ parameters: PARAMETERS, customers, lastBucket: 3 });
    expect(comparison.buckets.map((bucket) => [bucket.label, bucket.customers, bucket.actualMean])).toEqual([
      ['0', 2, 0.5],
      ['1', 1, 2],
      ['2', 0, 0],
      ['3+', 2, 5],
    ]);
    const predicted = (customer: HoldoutHistory) => conditionalExpectedPurchases(PARAMETERS, customer, 39);
    expect(comparison.buckets[3]?.predictedMean).toBeCloseTo(
      (predicted(customers[3]!) + predicted(customers[4]!)) / 2,
      12,
    );
  });

  it('totals actual and predicted purchases', () => {
    const comparison = compareHoldout({ parameters: PARAMETERS, customers });
    const predictedTotal = customers.reduce(
      (sum, c) => sum + conditionalExpectedPurchases(PARAMETERS, c, 39),
      0,
    );
    expect(comparison.customers).toBe(5);
    expect(comparison.actualRepeatPurchases).toBe(13);
    expect(comparison.predictedRepeatPurchases).toBeCloseTo(predictedTotal, 12);
    expect(comparison.relativeError).toBeCloseTo((predictedTotal - 13) / 13, 12);
    expect(comparison.buckets.map((bucket) => bucket.label)).toEqual([
      '0',
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7+',
    ]);
  });

  it('predicts what customers simulated from the model then do in the holdout', () => {
    const simulated = simulateBgNbdCustomers({
      parameters: PARAMETERS,
      customers: 20_000,
      seed: 99,
      ageRange: { min: 26, max: 39 },
      holdoutLength: 39,
    });
    const comparison = compareHoldout({
      parameters: fitBgNbd({ summaries: simulated }),
      customers: simulated,
    });
    // About 14,500 holdout purchases with a standard deviation near 250: 5 % is about 3 standard deviations.
    expect(Math.abs(comparison.relativeError)).toBeLessThan(0.05);
    for (const bucket of comparison.buckets.slice(0, 3)) {
      expect(Math.abs(bucket.predictedMean - bucket.actualMean)).toBeLessThan(0.1 * bucket.actualMean);
    }
  });

  it('needs the holdout fields', () => {
    const withoutHoldout = [
      { frequency: 1, recency: 1, T: 2, frequencyHoldout: Number.NaN, durationHoldout: 3 },
    ];
    expect(() => compareHoldout({ parameters: PARAMETERS, customers: withoutHoldout })).toThrow(SegmintError);
  });
});
