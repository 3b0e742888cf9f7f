import { describe, expect, it } from 'vitest';
import { SegmintError } from '../../errors.ts';
import { summarizeTransactions } from './summarize-transactions.ts';

// A hand-made ledger, deliberately out of order. Calibration runs to 2024-01-31, the holdout to 2024-03-31.
const LEDGER = [
  { customerId: 'ann', date: '2024-01-15', amount: 30 },
  { customerId: 'ann', date: '2024-01-01', amount: 10 },
  { customerId: 'ann', date: '2024-01-08', amount: 20 },
  { customerId: 'ann', date: '2024-01-01', amount: 5 }, // same day as the first purchase: merged into it
  { customerId: 'ann', date: '2024-02-05', amount: 40 }, // holdout
  { customerId: 'ann', date: '2024-02-05', amount: 2 }, // holdout, same day
  { customerId: 'ann', date: '2024-04-02', amount: 100 }, // after the observation end: ignored
  { customerId: 'bob', date: '2024-01-20', amount: 12 },
  { customerId: 'cid', date: '2024-02-10', amount: 50 }, // first purchase in the holdout: not in the cohort
  // 23:30 at UTC−2 is 01:30 UTC on the 11th, the same UTC day as the second purchase.
  { customerId: 'dee', date: '2024-01-10T23:30:00-02:00', amount: 7 },
  { customerId: 'dee', date: new Date('2024-01-11T08:00:00Z'), amount: 3 },
];

describe('summarizeTransactions', () => {
  const summary = summarizeTransactions({
    transactions: LEDGER,
    calibrationEnd: '2024-01-31',
    observationEnd: '2024-03-31',
    timeUnit: 'week',
  });
  const byId = new Map(summary.customers.map((customer) => [customer.customerId, customer]));

  it('counts repeat purchase days, not transactions, and measures recency and T from the first purchase', () => {
    expect(byId.get('ann')).toMatchObject({
      firstPurchase: '2024-01-01',
      frequency: 2,
      recency: 2,
      T: 30 / 7,
    });
  });

  it('takes the monetary value as the mean of the repeat purchase days only', () => {
    expect(byId.get('ann')?.monetaryValue).toBe(25);
    expect(byId.get('bob')?.monetaryValue).toBe(0);
  });

  it('gives a one-time buyer frequency 0 and recency 0', () => {
    expect(byId.get('bob')).toMatchObject({ frequency: 0, recency: 0, T: 11 / 7 });
  });

  it('counts holdout purchase days up to the observation end, with their mean value and the holdout length', () => {
    expect(byId.get('ann')).toMatchObject({
      frequencyHoldout: 1,
      monetaryValueHoldout: 42,
      durationHoldout: 60 / 7,
    });
    expect(byId.get('bob')).toMatchObject({ frequencyHoldout: 0, monetaryValueHoldout: 0 });
  });

  it('leaves out customers whose first purchase is after the calibration end', () => {
    expect(byId.has('cid')).toBe(false);
    expect(summary.customers).toHaveLength(3);
  });

  it('merges purchases by UTC calendar day, whatever form the date takes', () => {
    expect(byId.get('dee')).toMatchObject({ firstPurchase: '2024-01-11', frequency: 0 });
  });

  it('reports the periods it used', () => {
    expect(summary).toMatchObject({
      timeUnit: 'week',
      calibrationEnd: '2024-01-31',
      observationEnd: '2024-03-31',
    });
  });

  it('works in days, and without a holdout', () => {
    const daily = summarizeTransactions({
      transactions: LEDGER,
      calibrationEnd: '2024-01-31',
      timeUnit: 'day',
    });
    const ann = daily.customers.find((customer) => customer.customerId === 'ann');
    expect(ann).toMatchObject({ frequency: 2, recency: 14, T: 30, monetaryValue: 25 });
    expect(ann).not.toHaveProperty('frequencyHoldout');
    expect(daily).not.toHaveProperty('observationEnd');
  });

  it('rejects dates it cannot place on a UTC day, naming the row', () => {
    for (const date of ['01/02/2024', '2024-01-10T10:00:00', 'yesterday']) {
      const call = () =>
        summarizeTransactions({
          transactions: [{ customerId: 'x', date, amount: 1 }],
          calibrationEnd: '2024-01-31',
        });
      expect(call).toThrow(SegmintError);
      expect(call).toThrow(/transactions\[0\]\.date/);
    }
  });

  it('rejects amounts that are not finite numbers and empty customer ids', () => {
    expect(() =>
      summarizeTransactions({
        transactions: [{ customerId: 'x', date: '2024-01-01', amount: Number.NaN }],
        calibrationEnd: '2024-01-31',
      }),
    ).toThrow(/amount/);
    expect(() =>
      summarizeTransactions({
        transactions: [{ customerId: '', date: '2024-01-01', amount: 1 }],
        calibrationEnd: '2024-01-31',
      }),
    ).toThrow(/customerId/);
  });

  it('rejects an observation end that is not after the calibration end', () => {
    expect(() =>
      summarizeTransactions({
        transactions: LEDGER,
        calibrationEnd: '2024-01-31',
        observationEnd: '2024-01-31',
      }),
    ).toThrow(/observationEnd must be after calibrationEnd/);
  });
});
