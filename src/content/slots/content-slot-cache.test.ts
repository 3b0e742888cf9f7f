import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../store/open-store.ts';
import type { Store } from '../../store/store.ts';
import { describeEachEngine } from '../../test-support/engines.ts';
import { ContentSlotCache } from './content-slot-cache.ts';
import { saveContentSlot } from './content-slot-store.ts';

const at = new Date('2025-02-01T00:00:00Z');
const slotSaying = (text: string) => ({ name: 'hero', blocks: [], default: text });

describeEachEngine('content slot cache', (getStore) => {
  let clock = 0;
  const now = () => clock;

  it('serves a slot past its age at once and swaps in the reloaded one when it is ready', async () => {
    const store = getStore();
    await saveContentSlot(store, slotSaying('first'), at);
    const cache = new ContentSlotCache(store, 1_000, now);
    expect((await cache.get('hero'))?.default).toBe('first');

    // Another process changes the slot: this cache has not been told.
    await saveContentSlot(store, slotSaying('second'), at);
    clock += 500;
    expect((await cache.get('hero'))?.default).toBe('first');
    clock += 1_000;
    expect((await cache.get('hero'))?.default).toBe('first');
    await cache.settled();
    expect((await cache.get('hero'))?.default).toBe('second');
  });

  it('never stores what a reload read before an invalidation', async () => {
    const store = getStore();
    await saveContentSlot(store, slotSaying('old'), at);
    // Reads through `held` wait until released: the background reload reads, then finishes only after the
    // slot was saved again and invalidated.
    let release = () => {};
    let gate: Promise<void> | undefined;
    const held: Store = {
      ...store,
      query: async (sql, params) => {
        const rows = await store.query(sql, params);
        if (gate) await gate;
        return rows;
      },
    } as Store;
    const cache = new ContentSlotCache(held, 1_000, now);
    await cache.get('hero');
    clock += 2_000;
    gate = new Promise((resolve) => (release = resolve));
    expect((await cache.get('hero'))?.default).toBe('old'); // starts the background reload, which reads "old"
    await new Promise((resolve) => setTimeout(resolve, 50));
    await saveContentSlot(store, slotSaying('new'), at);
    cache.invalidate('hero');
    gate = undefined;
    release();
    await cache.settled();
    expect((await cache.get('hero'))?.default).toBe('new');
  });
});

describe('content slot cache on a failing store', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore({ duckdbPath: ':memory:' });
  });
  afterAll(async () => {
    await store.close().catch(() => undefined);
  });

  it('keeps serving the slot it has when a background reload fails', async () => {
    let clock = 0;
    await saveContentSlot(store, slotSaying('kept'), at);
    const cache = new ContentSlotCache(store, 1_000, () => clock);
    await cache.get('hero');
    await store.execute('drop table content_slots');
    clock += 2_000;
    expect((await cache.get('hero'))?.default).toBe('kept');
    await cache.settled();
    expect((await cache.get('hero'))?.default).toBe('kept');
  });
});
