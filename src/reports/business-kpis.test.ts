import { beforeAll, expect, it } from 'vitest';
import { commitMessages } from '../ingest/commit-messages.ts';
import { describeEachEngine } from '../test-support/engines.ts';
import { normalized } from '../test-support/messages.ts';
import { businessKpis } from './business-kpis.ts';
import { setCost } from './costs.ts';
import { reportOptionsSchema } from './report-options.ts';
import { createProfiles, profileIdOf } from './testing/seed-report-data.ts';

const NOW = new Date('2025-06-01T00:00:00Z');

const order = (
  userId: string,
  timestamp: string,
  properties: Record<string, unknown>,
  event = 'Order Completed',
) => normalized({ type: 'track', userId, event, timestamp, properties });

// Default period: the 30 days before NOW (2025-05-02 – 2025-06-01), previous period 2025-04-02 – 2025-05-02;
// the monthly series starts 365 days before NOW (2024-06-01).
const ORDERS = [
  order('ann', '2024-03-10T12:00:00Z', { revenue: 10 }), // before the series: counts for first order and repeats only
  order('ann', '2025-04-10T12:00:00Z', { revenue: 20 }),
  order('ann', '2025-05-10T12:00:00Z', { revenue: 30 }),
  order('bob', '2025-04-20T12:00:00Z', { amount: 40 }, 'purchase'), // active before, nothing now: churned
  order('cat', '2025-05-20T12:00:00Z', { total: '15.5' }), // new this period, twice in one month
  order('cat', '2025-05-21T12:00:00Z', {}),
  order('dee', '2024-06-15T12:00:00Z', { revenue: 5 }), // the series' first month
  order('gus', '2024-12-31T23:00:00Z', { revenue: 7 }), // across the new year
  order('gus', '2025-01-01T01:00:00Z', { revenue: 8 }),
  order('eve', '2025-06-01T00:00:00Z', { revenue: 1000 }), // at the end of the period: not in it
  order('ann', '2025-05-11T12:00:00Z', { revenue: 500 }, 'Product Viewed'), // not a conversion
];

describeEachEngine('business KPIs', (getStore) => {
  beforeAll(async () => {
    const store = getStore();
    await createProfiles(store, ['ann', 'bob', 'cat', 'dee', 'eve', 'fay', 'gus']);
    await store.transaction((tx) => commitMessages(tx, ORDERS));
    for (const [userId, clv] of [
      ['ann', 100],
      ['bob', 50],
    ] as const) {
      await store.execute('update profiles set computed = $1 where id = $2', [
        JSON.stringify({ clv }),
        await profileIdOf(store, userId),
      ]);
    }
    await store.transaction(async (tx) => {
      await setCost(tx, { scope: 'acquisition', scopeId: '2025-05', fixed: 300 });
      await setCost(tx, { scope: 'acquisition', scopeId: '2025-04', fixed: 1000 });
    });
  });

  it('counts customers, activity, churn, revenue and CAC for the period', async () => {
    const kpis = await businessKpis(getStore(), { ...reportOptionsSchema.parse({}), now: NOW });
    expect(kpis).toMatchObject({
      profiles: 7,
      customers: 5, // ann, bob, cat, dee, gus (eve's order is at the period's end)
      newCustomers: 1, // cat
      activeCustomers: 2, // ann, cat
      orders: 3,
      revenue: 45.5,
      repeatRate: 3 / 5, // ann, cat, gus
      churnRate: 1 / 2, // ann and bob were active before; bob bought nothing since
      retentionRate: 1 / 2,
      averageClv: 75,
      acquisitionSpend: 300,
      cac: 300,
    });
    expect(kpis.averageOrderValue).toBeCloseTo(45.5 / 3, 10);
  });

  it('gives orders, revenue, distinct active and new customers per month of the last year', async () => {
    const { monthly } = await businessKpis(getStore(), { ...reportOptionsSchema.parse({}), now: NOW });
    expect(monthly).toEqual([
      { month: '2024-06', orders: 1, revenue: 5, activeCustomers: 1, newCustomers: 1 },
      { month: '2024-12', orders: 1, revenue: 7, activeCustomers: 1, newCustomers: 1 },
      { month: '2025-01', orders: 1, revenue: 8, activeCustomers: 1, newCustomers: 0 },
      { month: '2025-04', orders: 2, revenue: 60, activeCustomers: 2, newCustomers: 1 },
      { month: '2025-05', orders: 3, revenue: 45.5, activeCustomers: 2, newCustomers: 1 },
    ]);
  });

  it('reads a series that spans thirteen calendar months and a period given by since/until', async () => {
    // until 2025-05-15: the series starts 2024-05-15, so June 2024 … May 2025 plus May 2024 (empty) are in range.
    const kpis = await businessKpis(getStore(), {
      ...reportOptionsSchema.parse({ since: '2025-04-15T00:00:00Z', until: '2025-05-15T00:00:00Z' }),
    });
    expect(kpis).toMatchObject({ customers: 4, newCustomers: 1, activeCustomers: 2, orders: 2, revenue: 70 });
    expect(kpis.monthly.map((row) => [row.month, row.activeCustomers, row.newCustomers])).toEqual([
      ['2024-06', 1, 1],
      ['2024-12', 1, 1],
      ['2025-01', 1, 0],
      ['2025-04', 2, 1],
      ['2025-05', 1, 0],
    ]);
  });
});
