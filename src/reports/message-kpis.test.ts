import { beforeAll, expect, it } from 'vitest';
import { commitMessages } from '../ingest/commit-messages.ts';
import { describeEachEngine } from '../test-support/engines.ts';
import { normalized } from '../test-support/messages.ts';
import { setCost } from './costs.ts';
import { messageKpis, messageKpiSets, type KpiDimension } from './message-kpis.ts';
import { reportOptionsSchema } from './report-options.ts';
import {
  createProfiles,
  hoursAfterT0,
  insertMessages,
  trackingEvent,
  type TestMessage,
} from './testing/seed-report-data.ts';

const MESSAGES: TestMessage[] = [
  { id: 'm1', userId: 'ann', status: 'sent', campaignId: 'c1', variant: 'A' },
  { id: 'm2', userId: 'bob', status: 'sent', campaignId: 'c1', variant: 'B' },
  { id: 'm3', userId: 'cat', status: 'failed', campaignId: 'c1', variant: 'A' },
  { id: 'm4', userId: 'ann', status: 'sent', journeyId: 'j1', nodeId: 'n1' },
  { id: 'm5', userId: 'dee', status: 'suppressed', campaignId: 'c1', variant: 'B' },
];

const tracking = trackingEvent;
const at = hoursAfterT0;

describeEachEngine('message KPIs and attribution', (getStore) => {
  beforeAll(async () => {
    const store = getStore();
    await createProfiles(store, ['ann', 'bob', 'cat', 'dee']);
    await insertMessages(store, MESSAGES);
    await store.transaction(async (tx) => {
      await setCost(tx, { scope: 'channel', scopeId: 'email', perMessage: 0.5 });
      await setCost(tx, { scope: 'campaign', scopeId: 'c1', fixed: 10 });
    });
    await store.transaction((tx) =>
      commitMessages(tx, [
        tracking('cat', 'Email Bounced', 0, { messageId: 'm3' }),
        tracking('ann', 'Email Opened', 1, { messageId: 'm1' }),
        tracking('ann', 'Email Opened', 1.5, { messageId: 'm1' }),
        tracking('bob', 'Email Opened', 0.001, { messageId: 'm2', machine: true }),
        tracking('ann', 'Email Link Clicked', 2, { messageId: 'm1', url: 'https://shop.example/a' }),
        tracking('bob', 'Unsubscribed', 3, { messageId: 'm2' }),
        normalized({
          type: 'track',
          userId: 'ann',
          event: 'Order Completed',
          timestamp: at(3),
          properties: { revenue: 100 },
        }),
        tracking('ann', 'Email Link Clicked', 25, { messageId: 'm4' }),
        normalized({
          type: 'track',
          userId: 'ann',
          event: 'purchase',
          timestamp: at(48),
          properties: { amount: 50 },
        }),
        // Outside the 7-day window of every click: attributed to nothing.
        normalized({
          type: 'track',
          userId: 'ann',
          event: 'purchase',
          timestamp: at(24 * 30),
          properties: { amount: 999 },
        }),
      ]),
    );
  });

  const options = (attribution: object = {}) => reportOptionsSchema.parse({ attribution });

  it('counts sends, bounces, unique human opens, clicks and unsubscribes per campaign variant', async () => {
    const rows = await messageKpis(getStore(), { ...options(), groupBy: ['campaign_id', 'variant'] });
    const byVariant = new Map(rows.map((row) => [`${row.key.campaign_id}/${row.key.variant}`, row]));
    expect(byVariant.get('c1/A')).toMatchObject({
      sent: 2,
      bounced: 1,
      delivered: 1,
      uniqueOpens: 1,
      uniqueClicks: 1,
      conversions: 1,
      revenue: 100,
      openRate: 1,
      clickToOpenRate: 1,
    });
    expect(byVariant.get('c1/B')).toMatchObject({
      sent: 1,
      delivered: 1,
      suppressed: 1,
      uniqueOpens: 0,
      machineOpens: 1,
      unsubscribes: 1,
      openRate: 0,
      conversions: 0,
    });
    expect(byVariant.get('null/null')).toMatchObject({
      sent: 1,
      uniqueClicks: 1,
      conversions: 1,
      revenue: 50,
    });
  });

  it('prices sends per channel and adds a campaign fixed cost for ROI', async () => {
    const [campaign] = await messageKpis(getStore(), {
      ...options(),
      groupBy: ['campaign_id'],
      filter: { campaignId: 'c1' },
    });
    // 3 sent × 0.5 + 10 fixed; revenue 100.
    expect(campaign).toMatchObject({ sent: 3, cost: 11.5, revenue: 100 });
    expect(campaign?.roi).toBeCloseTo((100 - 11.5) / 11.5, 10);
  });

  it.each([
    ['last_touch', { m1: [1, 100], m4: [1, 50] }],
    ['first_touch', { m1: [2, 150], m4: [0, 0] }],
    ['linear', { m1: [1.5, 125], m4: [0.5, 25] }],
  ] as const)('attributes conversions %s within the window', async (model, expected) => {
    const rows = await messageKpis(getStore(), {
      ...options({ model }),
      groupBy: ['campaign_id', 'journey_id'],
    });
    const campaign = rows.find((row) => row.key.campaign_id === 'c1');
    const journey = rows.find((row) => row.key.journey_id === 'j1');
    expect([campaign?.conversions, campaign?.revenue]).toEqual(expected.m1);
    expect([journey?.conversions, journey?.revenue]).toEqual(expected.m4);
  });

  it('can count opens or sends as touches instead of clicks', async () => {
    const [byOpen] = await messageKpis(getStore(), { ...options({ touch: 'open' }), groupBy: [] });
    // Opens: only m1 (bob's was a machine open) → the 100 order (3h) and the 50 purchase (48h) go to m1.
    expect(byOpen).toMatchObject({ conversions: 2, revenue: 150 });
    const [bySend] = await messageKpis(getStore(), {
      ...options({ touch: 'send', windowDays: 1 }),
      groupBy: [],
    });
    // Sends at T0 touch ann's 100 order only (the 48h purchase is outside one day).
    expect(bySend).toMatchObject({ conversions: 1, revenue: 100 });
  });

  it('gives the same rows for several groupings in one pass as for each grouping alone', async () => {
    const sets: KpiDimension[][] = [[], ['channel'], ['campaign_id'], ['journey_id', 'node_id'], ['variant']];
    const together = await messageKpiSets(getStore(), { ...options(), sets });
    for (const [index, set] of sets.entries()) {
      const alone = await messageKpis(getStore(), { ...options(), groupBy: set });
      const byKey = (rows: typeof alone) =>
        [...rows].sort((a, b) => JSON.stringify(a.key).localeCompare(JSON.stringify(b.key)));
      expect(byKey(together[index] ?? [])).toEqual(byKey(alone));
    }
  });

  // Last: adds a campaign of its own. Mixed-case names sort differently by the database than by localeCompare.
  it('keeps the order each grouping has alone when asked for the database order', async () => {
    const store = getStore();
    await createProfiles(store, ['eve', 'fox', 'gil']);
    await insertMessages(store, [
      { id: 'm6', userId: 'eve', status: 'sent', campaignId: 'c2', variant: 'b' },
      { id: 'm7', userId: 'fox', status: 'sent', campaignId: 'c2', variant: 'C' },
      { id: 'm8', userId: 'gil', status: 'sent', campaignId: 'c2', variant: 'A' },
    ]);
    const filter = { campaignId: 'c2' };
    const [total, variants] = await messageKpiSets(store, {
      ...options(),
      sets: [[], ['variant']],
      filter,
      order: 'sql',
    });
    expect(total).toEqual(await messageKpis(store, { ...options(), groupBy: [], filter }));
    const alone = await messageKpis(store, { ...options(), groupBy: ['variant'], filter });
    expect(variants).toEqual(alone);
    expect(alone.map((row) => row.key.variant).sort()).toEqual(['A', 'C', 'b']);
  });
});
