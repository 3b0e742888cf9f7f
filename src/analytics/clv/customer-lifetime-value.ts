/**
 * Customer lifetime value as lifetimes' `customer_lifetime_value` computes it: the horizon is cut into steps
 * (months by default), the BG/NBD expected purchases in each step (the difference of the cumulative conditional
 * expectation at its two ends) are multiplied by the Gamma-Gamma expected average spend and discounted per step:
 *   CLV = Σ_{i=1..H} E[M] · (E[X(i·L)] − E[X((i−1)·L)]) / (1 + d)^i
 * One difference from lifetimes: a month is 365.25 / 12 days in both time units (lifetimes uses 30 days for a
 * daily model but 4.345 weeks for a weekly one), so the same data in days or weeks gives the same value.
 */
import { SegmintError } from '../../errors.ts';
import { conditionalExpectedPurchases } from './bg-nbd/predict-bg-nbd.ts';
import { DAYS_PER_UNIT } from './day-numbers.ts';
import { expectedAverageSpendOf } from './gamma-gamma/expected-average-spend.ts';
import {
  bgNbdParametersSchema,
  clvOptionsSchema,
  gammaGammaParametersSchema,
  type BgNbdParameters,
  type ClvOptions,
  type GammaGammaParameters,
  type PurchaseHistory,
  type SpendHistory,
} from './schemas.ts';
import { assertPurchaseHistories, assertSpendHistories } from './validate-rows.ts';

export interface CustomerLifetimeValueOptions extends ClvOptions {
  bgNbd: BgNbdParameters;
  gammaGamma: GammaGammaParameters;
  customers: readonly (PurchaseHistory & SpendHistory)[];
}

/** Discounted expected revenue of each customer over the horizon, in the currency of the monetary values. */
export function customerLifetimeValue(options: CustomerLifetimeValueOptions): number[] {
  const { bgNbd, gammaGamma, customers, ...rest } = options;
  const settings = clvOptionsSchema.parse(rest);
  const transactionModel = bgNbdParametersSchema.parse(bgNbd);
  const spendModel = gammaGammaParametersSchema.parse(gammaGamma);
  assertPurchaseHistories(customers);
  assertSpendHistories(customers);
  if (spendModel.q <= 1) {
    throw new SegmintError(
      'unsupported',
      `Gamma-Gamma q = ${spendModel.q} ≤ 1: the expected spend is infinite`,
    );
  }
  const stepLength = DAYS_PER_UNIT[settings.step] / DAYS_PER_UNIT[settings.timeUnit];
  return customers.map((customer) => {
    const spend = expectedAverageSpendOf(spendModel, customer);
    let value = 0;
    let previous = 0;
    for (let step = 1; step <= settings.horizon; step++) {
      const cumulative = conditionalExpectedPurchases(transactionModel, customer, step * stepLength);
      value += (spend * (cumulative - previous)) / Math.pow(1 + settings.discountRate, step);
      previous = cumulative;
    }
    return value;
  });
}
