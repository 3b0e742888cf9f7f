import { expect, it } from 'vitest';
import { ManualClock } from '../clock.ts';
import { commitMessages } from '../ingest/commit-messages.ts';
import { describeEachEngine } from '../test-support/engines.ts';
import { normalized } from '../test-support/messages.ts';
import { applyRetention, listRetentionPolicies, setRetentionPolicy } from './retention.ts';
import { runRetentionIfDue } from './retention-worker.ts';

const NOW = new Date('2025-06-01T00:00:00Z');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000).toISOString();

describeEachEngine('retention', (getStore) => {
  it('deletes raw events older than their policy, per event name and per call type, and keeps traits', async () => {
    const store = getStore();
    await store.transaction((tx) =>
      commitMessages(tx, [
        normalized({ type: 'identify', userId: 'ann', traits: { plan: 'gold' }, timestamp: daysAgo(400) }),
        normalized({ type: 'track', userId: 'ann', event: 'Product Viewed', timestamp: daysAgo(31) }),
        normalized({ type: 'track', userId: 'ann', event: 'Product Viewed', timestamp: daysAgo(29) }),
        normalized({ type: 'track', userId: 'ann', event: 'Order Completed', timestamp: daysAgo(400) }),
        normalized({ type: 'page', userId: 'ann', name: 'Home', timestamp: daysAgo(8) }),
        normalized({ type: 'page', userId: 'ann', name: 'Home', timestamp: daysAgo(6) }),
      ]),
    );
    await setRetentionPolicy(store, { name: 'Product Viewed', days: 30 }, NOW);
    await setRetentionPolicy(store, { scope: 'type', name: 'page', days: 7 }, NOW);
    await setRetentionPolicy(store, { name: 'Product Viewed', days: 30 }, NOW);
    expect(await listRetentionPolicies(store)).toEqual([
      { scope: 'event', name: 'Product Viewed', days: 30 },
      { scope: 'type', name: 'page', days: 7 },
    ]);

    expect(await applyRetention(store, { now: NOW })).toEqual({
      deleted: { 'event:Product Viewed': 1, 'type:page': 1 },
    });
    const left = await store.query<{ type: string; event: string | null }>(
      'select type, event from events order by occurred_at',
    );
    expect(left).toEqual([
      { type: 'identify', event: null },
      { type: 'track', event: 'Order Completed' },
      { type: 'track', event: 'Product Viewed' },
      { type: 'page', event: null },
    ]);
    const [profile] = await store.query<{ traits: Record<string, unknown> }>('select traits from profiles');
    expect(profile?.traits).toEqual({ plan: 'gold' });
  });

  it('rejects a policy without a whole positive number of days', async () => {
    await expect(setRetentionPolicy(getStore(), { name: 'x', days: 0 }, NOW)).rejects.toThrow(/days/);
  });

  it('runs from the background worker once a day by the clock', async () => {
    const store = getStore();
    const clock = new ManualClock(NOW);
    await store.transaction((tx) =>
      commitMessages(tx, [
        normalized({ type: 'track', userId: 'cat', event: 'Product Viewed', timestamp: daysAgo(20) }),
      ]),
    );
    const lines: string[] = [];
    const context = { store, clock, log: (line: string) => lines.push(line) };
    const first = await runRetentionIfDue(context, null);
    expect(first).toEqual(NOW);
    clock.advance(11 * 86_400_000);
    // Not a day since the last run: nothing. Since the first run: cat's event (now 31 days old) and ann's
    // remaining view (40 days) and page (17 days) go.
    expect(await runRetentionIfDue(context, new Date(clock.now().getTime() - 3600_000))).not.toEqual(
      clock.now(),
    );
    expect(await runRetentionIfDue(context, first)).toEqual(clock.now());
    expect(lines).toEqual(['retention: deleted 3 events ({"event:Product Viewed":2,"type:page":1})']);
  });
});
