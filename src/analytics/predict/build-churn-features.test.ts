import { beforeAll, expect, it } from 'vitest';
import { commitMessages } from '../../ingest/commit-messages.ts';
import { describeEachEngine } from '../../test-support/engines.ts';
import { normalized } from '../../test-support/messages.ts';
import { buildChurnFeatures } from './build-churn-features.ts';
import { churnFeatureSettingsSchema } from './churn-store-options.ts';
import { userIdsByProfile } from './test-support/purchase-messages.ts';

const track = (userId: string, event: string, timestamp: string, properties: Record<string, unknown> = {}) =>
  normalized({ type: 'track', userId, event, timestamp, properties });
const page = (userId: string, timestamp: string) =>
  normalized({ type: 'page', userId, name: 'Home', timestamp });

const settings = churnFeatureSettingsSchema.parse({ traits: ['plan', 'age'] });
const snapshot = new Date('2024-07-01T00:00:00Z');

describeEachEngine('churn features from the store', (getStore) => {
  beforeAll(async () => {
    await getStore().transaction((tx) =>
      commitMessages(tx, [
        normalized({
          type: 'identify',
          userId: 'a',
          traits: { plan: 'premium', age: 41 },
          timestamp: '2024-01-01T09:00:00Z',
        }),
        track('a', 'purchase', '2024-01-10T10:00:00Z', { amount: 100 }),
        track('a', 'purchase', '2024-05-01T10:00:00Z', { amount: 50 }),
        track('a', 'purchase', '2024-06-20T10:00:00Z', { amount: 30 }),
        track('a', 'purchase', '2024-06-20T18:00:00Z', { amount: 20 }),
        track('a', 'purchase', '2024-06-21T10:00:00Z', { amount: -40 }), // a refund: not a purchase
        page('a', '2024-05-15T10:00:00Z'),
        page('a', '2024-06-25T10:00:00Z'),
        track('a', 'Email Opened', '2024-06-01T10:00:00Z'),
        track('a', 'Email Link Clicked', '2024-06-02T10:00:00Z'),
        track('a', 'purchase', '2024-07-10T10:00:00Z', { amount: 70 }), // after the snapshot: the label only
        track('b', 'purchase', '2024-03-01T10:00:00Z', { amount: 10 }),
        page('c', '2024-06-01T10:00:00Z'), // never bought: not a customer
        track('d', 'purchase', '2024-07-05T10:00:00Z', { amount: 10 }), // first bought after the snapshot
      ]),
    );
  });

  it('aggregates recency, frequency, spend, trend, engagement and traits as of the snapshot', async () => {
    const rows = await buildChurnFeatures(getStore(), { settings, snapshot, horizonDays: 30 });
    const userOf = await userIdsByProfile(getStore());
    const byUser = new Map(rows.map((row) => [userOf.get(row.profileId), row]));
    expect([...byUser.keys()].sort()).toEqual(['a', 'b']);
    expect(byUser.get('a')?.features).toEqual({
      recency_days: 11,
      customer_days: 173,
      tenure_days: 182,
      inactive_days: 6,
      purchase_days: 3,
      purchase_days_90d: 2,
      purchases_per_30d: (30 * 3) / 174,
      log_spend_total: Math.log1p(200),
      log_avg_purchase_value: Math.log1p(200 / 3),
      log_spend_90d: Math.log1p(100),
      log_spend_prev_90d: Math.log1p(100),
      spend_trend: 0,
      log_page_views_30d: Math.log1p(1),
      log_page_views_90d: Math.log1p(2),
      log_email_opens_90d: Math.log1p(1),
      log_email_clicks_90d: Math.log1p(1),
      // Since 2024-06-01: the open, the click, two purchases, the refund and a page view.
      log_events_30d: Math.log1p(6),
      'trait:plan': 'premium',
      'trait:age': '41',
    });
    expect(byUser.get('a')?.churned).toBe(false);
    expect(byUser.get('b')?.features).toMatchObject({
      recency_days: 122,
      purchase_days: 1,
      spend_trend: -1,
      log_events_30d: 0,
      'trait:plan': null,
    });
    expect(byUser.get('b')?.churned).toBe(true);
  });

  it('labels churn by the horizon: a purchase 9 days after the snapshot is outside a 7-day horizon', async () => {
    const rows = await buildChurnFeatures(getStore(), { settings, snapshot, horizonDays: 7 });
    expect(rows.map((row) => row.churned)).toEqual([true, true]);
  });

  it('leaves the label out when scoring (no horizon)', async () => {
    const rows = await buildChurnFeatures(getStore(), { settings, snapshot });
    expect(rows).toHaveLength(2);
    expect(rows.every((row) => row.churned === undefined)).toBe(true);
  });
});
