import { beforeAll, expect, it } from 'vitest';
import { commitMessages } from '../../ingest/commit-messages.ts';
import { describeEachEngine } from '../../test-support/engines.ts';
import { normalized } from '../../test-support/messages.ts';
import { rfmSegmentOf } from './rfm-segments.ts';
import { computeRfm, summarizeRfm } from './compute-rfm.ts';

const purchase = (userId: string, day: string, amount: number | string, order?: string) =>
  normalized({
    type: 'track',
    userId,
    event: 'purchase',
    timestamp: `${day}T10:00:00Z`,
    properties: { amount, ...(order ? { order_id: order } : {}) },
  });

describeEachEngine('RFM in the store', (getStore) => {
  beforeAll(async () => {
    await getStore().transaction((tx) =>
      commitMessages(tx, [
        // a: recent, 3 orders (two lines in one order), big spender
        purchase('a', '2024-03-30', 100, 'o1'),
        purchase('a', '2024-03-30', 50, 'o1'),
        purchase('a', '2024-03-20', 200, 'o2'),
        purchase('a', '2024-02-01', 300, 'o3'),
        // b: one purchase long ago
        purchase('b', '2023-06-01', 20, 'o4'),
        // c: two orders, medium
        purchase('c', '2024-03-01', 40, 'o5'),
        purchase('c', '2024-01-15', 60, 'o6'),
        // d: four orders but lapsed; one amount not a number (counts 0)
        purchase('d', '2023-10-01', 30, 'o7'),
        purchase('d', '2023-09-01', 30, 'o8'),
        purchase('d', '2023-08-01', 'n/a', 'o9'),
        purchase('d', '2023-07-01', 30, 'o10'),
        // e: bought after the snapshot only → not scored
        purchase('e', '2024-05-01', 999, 'o11'),
        // f: a page view, no purchase
        normalized({ type: 'page', userId: 'f', name: 'Home', timestamp: '2024-03-01T00:00:00Z' }),
        purchase('g', '2024-03-25', 10, 'o12'),
      ]),
    );
  });

  it('computes recency, frequency and monetary per customer as of the snapshot', async () => {
    const result = await computeRfm(getStore(), {
      asOf: new Date('2024-04-01T00:00:00Z'),
      orderProperty: 'order_id',
    });
    const byUser = new Map(
      await Promise.all(
        result.rows.map(async (row) => {
          const [identity] = await getStore().query<{ value: string }>(
            "select value from identities where profile_id = $1 and kind = 'user_id'",
            [row.profileId],
          );
          return [identity?.value ?? '', row] as const;
        }),
      ),
    );
    expect([...byUser.keys()].sort()).toEqual(['a', 'b', 'c', 'd', 'g']);
    expect(byUser.get('a')).toMatchObject({ recencyDays: 2, frequency: 3, monetary: 650 });
    expect(byUser.get('b')).toMatchObject({ recencyDays: 305, frequency: 1, monetary: 20 });
    expect(byUser.get('c')).toMatchObject({ recencyDays: 31, frequency: 2, monetary: 100 });
    expect(byUser.get('d')).toMatchObject({ recencyDays: 183, frequency: 4, monetary: 90 });
    expect(byUser.get('g')).toMatchObject({ recencyDays: 7, frequency: 1, monetary: 10 });
    // Five customers: each quintile holds one. Most recent → R 5; ties in frequency break by profile id.
    expect(byUser.get('a')?.r).toBe(5);
    expect(byUser.get('g')?.r).toBe(4);
    expect(byUser.get('b')?.r).toBe(1);
    expect(byUser.get('d')?.f).toBe(5);
    expect(byUser.get('a')?.f).toBe(4);
    expect(byUser.get('a')?.m).toBe(5);
    for (const row of result.rows) expect(row.segment).toBe(rfmSegmentOf(row.r, row.f));
  });

  it('stores the scores on profiles for segments to use, and clears them for non-buyers', async () => {
    await computeRfm(getStore(), { asOf: new Date('2024-04-01T00:00:00Z'), orderProperty: 'order_id' });
    const rows = await getStore().query<{ value: string; computed: { rfm?: Record<string, unknown> } }>(
      `select i.value, p.computed from profiles p join identities i on i.profile_id = p.id and i.kind = 'user_id' order by i.value`,
    );
    const rfm = Object.fromEntries(rows.map((row) => [row.value, row.computed.rfm]));
    expect(rfm.a).toMatchObject({
      r: 5,
      f: 4,
      m: 5,
      recency_days: 2,
      frequency: 3,
      monetary: 650,
      segment: 'Champions',
      as_of: '2024-04-01',
    });
    expect(rfm.e).toBeUndefined();
    expect(rfm.f).toBeUndefined();
  });

  it('defaults the snapshot to the day after the last purchase and treats each event as an order', async () => {
    const result = await computeRfm(getStore());
    expect(result.asOf).toEqual(new Date('2024-05-02T00:00:00Z'));
    expect(result.rows).toHaveLength(6);
    const summary = summarizeRfm(result.rows);
    expect(summary.reduce((sum, group) => sum + group.customers, 0)).toBe(6);
  });
});
