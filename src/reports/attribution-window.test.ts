import { beforeAll, expect, it } from 'vitest';
import { commitMessages } from '../ingest/commit-messages.ts';
import { describeEachEngine } from '../test-support/engines.ts';
import { messageKpis } from './message-kpis.ts';
import { reportOptionsSchema } from './report-options.ts';
import { createProfiles, insertMessages, purchaseEvent, trackingEvent } from './testing/seed-report-data.ts';

const WEEK_HOURS = 7 * 24;
const SECOND_HOURS = 1 / 3600;

// The conversions read for attribution are bounded by the earliest touch and the latest touch's window: purchases
// exactly on those bounds and just past them show the bounds keep exactly what the window rule credits.
describeEachEngine('attribution window edges', (getStore) => {
  beforeAll(async () => {
    const store = getStore();
    await createProfiles(store, ['ann', 'bob']);
    await insertMessages(store, [
      { id: 'a1', userId: 'ann', status: 'sent', campaignId: 'c1' },
      { id: 'b1', userId: 'bob', status: 'sent', campaignId: 'c1' },
    ]);
    await store.transaction((tx) =>
      commitMessages(tx, [
        trackingEvent('ann', 'Email Link Clicked', 1, { messageId: 'a1' }),
        trackingEvent('bob', 'Email Link Clicked', 50, { messageId: 'b1' }),
        purchaseEvent('ann', 1 - SECOND_HOURS, { revenue: 1 }), // a second before ann's click
        purchaseEvent('ann', 1, { revenue: 2 }), // at the click: the earliest bound
        purchaseEvent('ann', 1 + WEEK_HOURS - SECOND_HOURS, { revenue: 4 }), // last second of ann's window
        purchaseEvent('ann', 1 + WEEK_HOURS, { revenue: 8 }), // window over
        purchaseEvent('bob', 50 + WEEK_HOURS - SECOND_HOURS, { revenue: 16 }), // last second of the latest window
        purchaseEvent('bob', 50 + WEEK_HOURS, { revenue: 32 }), // past the latest bound
      ]),
    );
  });

  it('credits purchases from the touch up to, not including, the end of its window', async () => {
    const rows = await messageKpis(getStore(), {
      ...reportOptionsSchema.parse({}),
      groupBy: [],
      filter: { campaignId: 'c1' },
    });
    expect(rows[0]).toMatchObject({ conversions: 3, revenue: 2 + 4 + 16 });
  });
});
