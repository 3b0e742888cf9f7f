import { describe, expect, it } from 'vitest';
import { conditionalExpectedPurchases } from './bg-nbd/predict-bg-nbd.ts';
import { customerLifetimeValue } from './customer-lifetime-value.ts';
import { expectedAverageSpendOf } from './gamma-gamma/expected-average-spend.ts';

const BG_NBD_WEEKLY = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const GAMMA_GAMMA = { p: 6.25, q: 3.74, gamma: 15.44 };
const CUSTOMERS = [
  { frequency: 2, recency: 30.43, T: 38.86, monetaryValue: 22.35 },
  { frequency: 0, recency: 0, T: 20, monetaryValue: 0 },
  { frequency: 9, recency: 12, T: 35, monetaryValue: 48 },
];
const WEEKS_PER_MONTH = 365.25 / 12 / 7;

describe('customerLifetimeValue', () => {
  it('without discounting, is the expected spend times the expected purchases over the whole horizon', () => {
    const values = customerLifetimeValue({
      bgNbd: BG_NBD_WEEKLY,
      gammaGamma: GAMMA_GAMMA,
      customers: CUSTOMERS,
      timeUnit: 'week',
      horizon: 12,
      discountRate: 0,
    });
    CUSTOMERS.forEach((customer, index) => {
      const purchases = conditionalExpectedPurchases(BG_NBD_WEEKLY, customer, 12 * WEEKS_PER_MONTH);
      expect(values[index]).toBeCloseTo(expectedAverageSpendOf(GAMMA_GAMMA, customer) * purchases, 10);
    });
  });

  it('discounts each step: one month at 10 % is worth 1/1.1 of its undiscounted value', () => {
    const options = {
      bgNbd: BG_NBD_WEEKLY,
      gammaGamma: GAMMA_GAMMA,
      customers: CUSTOMERS,
      timeUnit: 'week' as const,
      horizon: 1,
    };
    const undiscounted = customerLifetimeValue({ ...options, discountRate: 0 });
    const discounted = customerLifetimeValue({ ...options, discountRate: 0.1 });
    discounted.forEach((value, index) => expect(value).toBeCloseTo(undiscounted[index]! / 1.1, 12));
  });

  it('gives the same value whether the model is in days or in weeks', () => {
    const weekly = customerLifetimeValue({
      bgNbd: BG_NBD_WEEKLY,
      gammaGamma: GAMMA_GAMMA,
      customers: CUSTOMERS,
      timeUnit: 'week',
    });
    const daily = customerLifetimeValue({
      bgNbd: { ...BG_NBD_WEEKLY, alpha: BG_NBD_WEEKLY.alpha * 7 },
      gammaGamma: GAMMA_GAMMA,
      customers: CUSTOMERS.map((customer) => ({
        ...customer,
        recency: customer.recency * 7,
        T: customer.T * 7,
      })),
      timeUnit: 'day',
    });
    daily.forEach((value, index) => expect(value).toBeCloseTo(weekly[index]!, 10));
  });

  it('steps by weeks or days when asked', () => {
    const base = {
      bgNbd: BG_NBD_WEEKLY,
      gammaGamma: GAMMA_GAMMA,
      customers: CUSTOMERS,
      timeUnit: 'week' as const,
      discountRate: 0,
    };
    const byWeeks = customerLifetimeValue({ ...base, step: 'week', horizon: 52 });
    const byDays = customerLifetimeValue({ ...base, step: 'day', horizon: 364 });
    byWeeks.forEach((value, index) => expect(value).toBeCloseTo(byDays[index]!, 10));
  });

  it('grows with the horizon and shrinks with the discount rate', () => {
    const base = {
      bgNbd: BG_NBD_WEEKLY,
      gammaGamma: GAMMA_GAMMA,
      customers: CUSTOMERS,
      timeUnit: 'week' as const,
    };
    const [short] = customerLifetimeValue({ ...base, horizon: 6 });
    const [long] = customerLifetimeValue({ ...base, horizon: 24 });
    const [heavilyDiscounted] = customerLifetimeValue({ ...base, horizon: 24, discountRate: 0.2 });
    expect(long).toBeGreaterThan(short!);
    expect(heavilyDiscounted).toBeLessThan(long!);
  });

  it('refuses a spend model with an infinite mean', () => {
    expect(() =>
      customerLifetimeValue({
        bgNbd: BG_NBD_WEEKLY,
        gammaGamma: { ...GAMMA_GAMMA, q: 1 },
        customers: CUSTOMERS,
        timeUnit: 'week',
      }),
    ).toThrow(/infinite/);
  });
});
