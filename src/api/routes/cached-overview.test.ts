import { beforeAll, expect, it } from 'vitest';
import { ManualClock } from '../../clock.ts';
import { commitMessages } from '../../ingest/commit-messages.ts';
import { describeEachEngine } from '../../test-support/engines.ts';
import { normalized } from '../../test-support/messages.ts';
import type { Store } from '../../store/store.ts';
import { createCachedOverview, OVERVIEW_MAX_AGE_MS } from './cached-overview.ts';

const purchase = (userId: string, amount: number) =>
  normalized({ type: 'track', userId, event: 'purchase', properties: { amount } }, new Date());

async function commit(store: Store, userId: string, amount: number) {
  await store.transaction((tx) => commitMessages(tx, [purchase(userId, amount)]));
}

describeEachEngine('the cached overview', (getStore) => {
  const clock = new ManualClock('2025-01-01T00:00:00Z');
  let readOverview: ReturnType<typeof createCachedOverview>;

  beforeAll(async () => {
    await commit(getStore(), 'a', 10);
    readOverview = createCachedOverview(getStore(), clock);
  });

  it('answers from the cache while no event arrives, however long', async () => {
    const first = await readOverview();
    expect(first.revenue).toBe(10);
    clock.advance(10 * OVERVIEW_MAX_AGE_MS);
    expect(await readOverview()).toBe(first);
  });

  it('recomputes at once when events arrived after a minute or more since the last computation', async () => {
    await commit(getStore(), 'b', 5);
    expect((await readOverview()).revenue).toBe(15);
  });

  it('answers from the cache for up to a minute after computing while events keep arriving', async () => {
    clock.advance(OVERVIEW_MAX_AGE_MS / 2);
    await commit(getStore(), 'c', 1);
    expect((await readOverview()).revenue).toBe(15);
    clock.advance(OVERVIEW_MAX_AGE_MS / 2 - 1);
    expect((await readOverview()).revenue).toBe(15);
    clock.advance(1);
    expect((await readOverview()).revenue).toBe(16);
  });
});
