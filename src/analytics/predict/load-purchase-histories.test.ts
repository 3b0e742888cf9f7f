import { beforeAll, expect, it } from 'vitest';
import { commitMessages } from '../../ingest/commit-messages.ts';
import { describeEachEngine } from '../../test-support/engines.ts';
import { summarizeTransactions } from '../clv/summarize-transactions.ts';
import { loadPurchaseHistories } from './load-purchase-histories.ts';
import {
  commitLedger,
  purchaseMessage,
  simulateLedger,
  userIdsByProfile,
} from './test-support/purchase-messages.ts';

const ledger = [
  ...simulateLedger({ customers: 40, days: 300, seed: 7 }),
  // A free order and one without a numeric amount are purchases worth 0.
  { customerId: 'c000', timestamp: '2024-02-02T10:00:00Z', amount: 0 },
  { customerId: 'c001', timestamp: '2024-03-02T10:00:00Z', amount: 0 },
];

describeEachEngine('purchase histories summarised in SQL', (getStore) => {
  beforeAll(async () => {
    await getStore().transaction(async (tx) => {
      await commitLedger(tx, ledger.slice(0, -1));
      await commitMessages(tx, [
        purchaseMessage('c001', '2024-03-02T10:00:00Z', { amount: 'n/a' }),
        // Not purchases: a refund, another event.
        purchaseMessage('c000', '2024-02-01T10:00:00Z', { amount: -30 }),
        purchaseMessage('c000', '2024-02-04T10:00:00Z', { amount: 99 }, 'Product Viewed'),
        // Only a refund: not a customer at all.
        purchaseMessage('refund-only', '2024-02-01T10:00:00Z', { amount: -30 }),
      ]);
    });
  });

  it('gives the same frequency, recency, T, spend and holdout counts as summarizeTransactions', async () => {
    for (const timeUnit of ['day', 'week'] as const) {
      const options = { calibrationEnd: '2024-07-31', observationEnd: '2024-10-31', timeUnit };
      const expected = summarizeTransactions({
        transactions: ledger.map((line) => ({ ...line, date: line.timestamp })),
        ...options,
      });
      const stored = await loadPurchaseHistories(getStore(), {
        event: 'purchase',
        amountProperty: 'amount',
        ...options,
      });
      const customerOf = await userIdsByProfile(getStore());
      const byCustomer = new Map(stored.map((history) => [customerOf.get(history.profileId), history]));
      expect(stored).toHaveLength(expected.customers.length);
      expect(expected.customers.length).toBeGreaterThan(20);
      for (const customer of expected.customers) {
        const history = byCustomer.get(customer.customerId);
        expect(history, customer.customerId).toBeDefined();
        expect(history?.frequency).toBe(customer.frequency);
        expect(history?.recency).toBeCloseTo(customer.recency, 12);
        expect(history?.T).toBeCloseTo(customer.T, 12);
        expect(history?.monetaryValue).toBeCloseTo(customer.monetaryValue, 9);
        expect(history?.frequencyHoldout).toBe(customer.frequencyHoldout);
        expect(history?.durationHoldout).toBeCloseTo(customer.durationHoldout ?? Number.NaN, 12);
      }
    }
  });

  it('leaves out customers whose first purchase is after the calibration end', async () => {
    const histories = await loadPurchaseHistories(getStore(), {
      event: 'purchase',
      amountProperty: 'amount',
      timeUnit: 'day',
      calibrationEnd: '2024-01-15',
      observationEnd: '2024-01-15',
    });
    const expected = summarizeTransactions({
      transactions: ledger.map((line) => ({ ...line, date: line.timestamp })),
      calibrationEnd: '2024-01-15',
      timeUnit: 'day',
    });
    expect(histories.map((history) => history.frequencyHoldout)).toEqual(histories.map(() => 0));
    expect(histories.length).toBeGreaterThan(0);
    expect(histories).toHaveLength(expected.customers.length);
  });
});
