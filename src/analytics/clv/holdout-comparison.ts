/**
 * Calibration/holdout check of a fitted BG/NBD model (FHL 2005, fig. 3): for every customer, the repeat purchases
 * it actually made in the holdout period against the model's conditional expectation for a period of that length,
 * in total and averaged by calibration frequency (0, 1, …, n−1, n+).
 */
import { conditionalExpectedPurchases } from './bg-nbd/predict-bg-nbd.ts';
import { bgNbdParametersSchema, type BgNbdParameters, type PurchaseHistory } from './schemas.ts';
import { assertPurchaseHistories } from './validate-rows.ts';
import { SegmintError } from '../../errors.ts';
import { z } from 'zod';

export interface HoldoutHistory extends PurchaseHistory {
  frequencyHoldout: number;
  durationHoldout: number;
}

export interface HoldoutBucket {
  /** Calibration frequency; the last bucket holds this frequency and every higher one. */
  frequency: number;
  label: string;
  customers: number;
  actualMean: number;
  predictedMean: number;
}

export interface HoldoutComparison {
  customers: number;
  actualRepeatPurchases: number;
  predictedRepeatPurchases: number;
  /** (predicted − actual) / actual */
  relativeError: number;
  buckets: HoldoutBucket[];
}

export interface CompareHoldoutOptions {
  parameters: BgNbdParameters;
  customers: readonly HoldoutHistory[];
  /** Frequencies at or above this share the last bucket (7 gives the usual 0…6, 7+). */
  lastBucket?: number;
}

function assertHoldoutFields(customers: readonly HoldoutHistory[]): void {
  customers.forEach((customer, index) => {
    const ok =
      Number.isInteger(customer.frequencyHoldout) &&
      customer.frequencyHoldout >= 0 &&
      Number.isFinite(customer.durationHoldout) &&
      customer.durationHoldout >= 0;
    if (!ok) {
      throw new SegmintError(
        'invalid_input',
        `customers[${index}] needs frequencyHoldout and durationHoldout`,
        [
          {
            path: `customers[${index}]`,
            message: 'summarise with an observationEnd to get the holdout fields',
          },
        ],
      );
    }
  });
}

export function compareHoldout(options: CompareHoldoutOptions): HoldoutComparison {
  const parameters = bgNbdParametersSchema.parse(options.parameters);
  const lastBucket = z.int().nonnegative().default(7).parse(options.lastBucket);
  assertPurchaseHistories(options.customers);
  assertHoldoutFields(options.customers);
  const counts = new Array<number>(lastBucket + 1).fill(0);
  const actualSums = new Array<number>(lastBucket + 1).fill(0);
  const predictedSums = new Array<number>(lastBucket + 1).fill(0);
  let actualTotal = 0;
  let predictedTotal = 0;
  for (const customer of options.customers) {
    const predicted = conditionalExpectedPurchases(parameters, customer, customer.durationHoldout);
    const bucket = Math.min(customer.frequency, lastBucket);
    counts[bucket]! += 1;
    actualSums[bucket]! += customer.frequencyHoldout;
    predictedSums[bucket]! += predicted;
    actualTotal += customer.frequencyHoldout;
    predictedTotal += predicted;
  }
  const buckets = counts.map((count, frequency) => ({
    frequency,
    label: frequency === lastBucket ? `${frequency}+` : String(frequency),
    customers: count,
    actualMean: count === 0 ? 0 : actualSums[frequency]! / count,
    predictedMean: count === 0 ? 0 : predictedSums[frequency]! / count,
  }));
  return {
    customers: options.customers.length,
    actualRepeatPurchases: actualTotal,
    predictedRepeatPurchases: predictedTotal,
    relativeError: actualTotal === 0 ? Number.NaN : (predictedTotal - actualTotal) / actualTotal,
    buckets,
  };
}
