import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { SegmintError } from '../../../errors.ts';
import { expectedPurchasesOfNewCustomer, predictBgNbd, probabilityAlive } from './predict.ts';
import { conditionalExpectedPurchases, probabilityAliveOf } from './predict-bg-nbd.ts';

const PARAMETERS = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const CUSTOMERS = [
  { frequency: 0, recency: 0, T: 38.86 },
  { frequency: 2, recency: 30.43, T: 38.86 },
];

describe('BG/NBD prediction API', () => {
  it('returns one prediction per customer, in order', () => {
    expect(predictBgNbd({ parameters: PARAMETERS, customers: CUSTOMERS, periods: 13 })).toEqual(
      CUSTOMERS.map((customer) => conditionalExpectedPurchases(PARAMETERS, customer, 13)),
    );
    expect(probabilityAlive({ parameters: PARAMETERS, customers: CUSTOMERS })).toEqual(
      CUSTOMERS.map((customer) => probabilityAliveOf(PARAMETERS, customer)),
    );
  });

  it('accepts a fit result as parameters (extra fields are ignored)', () => {
    const fit = { ...PARAMETERS, logLikelihood: -1, converged: true };
    expect(expectedPurchasesOfNewCustomer({ parameters: fit, periods: 52 })).toBeCloseTo(1.4460505953964, 12);
  });

  it('validates parameters, horizon and customers', () => {
    expect(() =>
      predictBgNbd({ parameters: { ...PARAMETERS, r: 0 }, customers: CUSTOMERS, periods: 1 }),
    ).toThrow(ZodError);
    expect(() => predictBgNbd({ parameters: PARAMETERS, customers: CUSTOMERS, periods: -1 })).toThrow(
      ZodError,
    );
    expect(() =>
      probabilityAlive({ parameters: PARAMETERS, customers: [{ frequency: 1, recency: Number.NaN, T: 3 }] }),
    ).toThrow(SegmintError);
  });
});
