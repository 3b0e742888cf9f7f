import { beforeAll, expect, it } from 'vitest';
import { ManualClock } from '../../clock.ts';
import { commitMessages } from '../../ingest/commit-messages.ts';
import { createSegment, refreshSegment } from '../../segments/saved/index.ts';
import { describeEachEngine } from '../../test-support/engines.ts';
import { normalized } from '../../test-support/messages.ts';
import { ContentSlotCache } from './content-slot-cache.ts';
import { saveContentSlot } from './content-slot-store.ts';
import { findVisitorProfile } from './find-visitor-profile.ts';
import { renderContentSlot } from './render-content-slot.ts';

const clock = new ManualClock('2025-02-01T00:00:00Z');

describeEachEngine('the visitor behind a content request', (getStore) => {
  beforeAll(async () => {
    const store = getStore();
    await store.transaction((tx) =>
      commitMessages(tx, [
        normalized({ type: 'identify', userId: 'ada', anonymousId: 'ada-phone', traits: { plan: 'gold' } }),
        normalized({ type: 'identify', userId: 'bob', traits: { plan: 'free', name: 'Bob' } }),
        // An anonymous device whose id is spelled like Ada's user id: a different key, a different profile.
        normalized({ type: 'track', anonymousId: 'ada', event: 'Page Viewed' }),
      ]),
    );
    await createSegment(store, { name: 'gold', text: 'plan = "gold"' });
    await refreshSegment(store, 'gold');
  });

  const profileOf = async (visitor: { userId?: string; anonymousId?: string }, withSegments = true) =>
    findVisitorProfile(getStore(), visitor, { withSegments });

  it('finds the profile by user id or by anonymous id, and nobody for ids never seen', async () => {
    const ada = await profileOf({ userId: 'ada' });
    expect(ada).toMatchObject({ userId: 'ada', traits: { plan: 'gold' } });
    expect((await profileOf({ anonymousId: 'ada-phone' }))?.id).toBe(ada?.id);
    expect(await profileOf({ userId: 'nobody' })).toBeUndefined();
    expect(await profileOf({})).toBeUndefined();
  });

  it('prefers a known user id over the anonymous id, and falls back to the anonymous id', async () => {
    const bob = await profileOf({ userId: 'bob' });
    const ada = await profileOf({ userId: 'ada' });
    expect((await profileOf({ userId: 'bob', anonymousId: 'ada-phone' }))?.id).toBe(bob?.id);
    expect((await profileOf({ userId: 'nobody', anonymousId: 'ada-phone' }))?.id).toBe(ada?.id);
  });

  it('matches an id only under its own kind: an anonymous id spelled like a user id is another profile', async () => {
    const ada = await profileOf({ userId: 'ada' });
    const device = await profileOf({ anonymousId: 'ada' });
    expect(device).toMatchObject({ userId: null, traits: {} });
    expect(device?.id).not.toBe(ada?.id);
    expect(device?.segmentIds.size).toBe(0);
  });

  it("reads the winning profile's saved segments only, and only when asked", async () => {
    const [gold] = await getStore().query<{ id: string }>("select id from segments where name = 'gold'");
    const ada = await profileOf({ userId: 'ada', anonymousId: 'ada-phone' });
    expect([...(ada?.segmentIds ?? [])]).toEqual([gold?.id]);
    // Bob wins over Ada's device: Ada's memberships must not leak into his.
    expect((await profileOf({ userId: 'bob', anonymousId: 'ada-phone' }))?.segmentIds.size).toBe(0);
    expect((await profileOf({ userId: 'ada' }, false))?.segmentIds.size).toBe(0);
  });

  it('shows a trait change and a segment entry on the very next request (nothing rendered is cached)', async () => {
    const store = getStore();
    await saveContentSlot(
      store,
      {
        name: 'banner',
        blocks: [{ type: 'segment', segment: 'gold', content: 'Gold offer for {{ traits.name }}' }],
        default: 'Hi {{ traits.name }}',
      },
      clock.now(),
    );
    const cache = new ContentSlotCache(store);
    const banner = async () =>
      renderContentSlot({ store, cache, slot: 'banner', visitor: { userId: 'bob' }, clock });
    expect(await banner()).toEqual({ slot: 'banner', block: null, content: 'Hi Bob' });

    await store.transaction((tx) =>
      commitMessages(tx, [normalized({ type: 'identify', userId: 'bob', traits: { name: 'Robert' } })]),
    );
    expect(await banner()).toEqual({ slot: 'banner', block: null, content: 'Hi Robert' });

    await store.transaction((tx) =>
      commitMessages(tx, [normalized({ type: 'identify', userId: 'bob', traits: { plan: 'gold' } })]),
    );
    await refreshSegment(store, 'gold');
    expect(await banner()).toEqual({ slot: 'banner', block: 0, content: 'Gold offer for Robert' });
  });
});
