import { beforeEach, expect, it } from 'vitest';
import { describeEachEngine } from '../test-support/engines.ts';
import { normalized } from '../test-support/messages.ts';
import { unmergeProfile } from '../profiles/merge-profiles.ts';
import type { NormalizedMessage } from '../schema/messages.ts';
import type { Store } from '../store/store.ts';
import { commitMessages } from './commit-messages.ts';

async function commit(store: Store, messages: NormalizedMessage[]) {
  return store.transaction((tx) => commitMessages(tx, messages));
}

async function profileOf(store: Store, kind: string, value: string): Promise<string | undefined> {
  const rows = await store.query<{ profile_id: string }>(
    'select profile_id from identities where kind = $1 and value = $2',
    [kind, value],
  );
  return rows[0]?.profile_id;
}

async function count(store: Store, sql: string, params: string[] = []): Promise<number> {
  const rows = await store.query<{ n: number }>(sql, params);
  return rows[0]?.n ?? -1;
}

describeEachEngine('committing messages', (getStore) => {
  beforeEach(async () => {
    for (const table of ['events', 'identities', 'profiles', 'profile_merges'])
      await getStore().execute(`delete from ${table}`);
  });

  it('stores each messageId once, even when the same group is committed twice', async () => {
    const store = getStore();
    const messages = [
      normalized({ type: 'track', userId: 'u1', event: 'purchase', properties: { amount: 10 } }),
      normalized({ type: 'track', userId: 'u1', event: 'purchase', properties: { amount: 20 } }),
    ];
    const first = await commit(store, messages);
    const second = await commit(store, [...messages, messages[0] as NormalizedMessage]);
    expect(first).toMatchObject({ stored: 2, duplicates: 0, profilesCreated: 1 });
    expect(second).toMatchObject({ stored: 0, duplicates: 3, profilesCreated: 0 });
    expect(await count(store, 'select count(*) as n from events')).toBe(2);
  });

  it('puts anonymous page views and the later identify on one profile', async () => {
    const store = getStore();
    await commit(store, [
      normalized({ type: 'page', anonymousId: 'anon-1', name: 'Home' }),
      normalized({ type: 'page', anonymousId: 'anon-1', name: 'Pricing' }),
    ]);
    const anonymousProfile = await profileOf(store, 'anonymous_id', 'anon-1');
    await commit(store, [
      normalized({
        type: 'identify',
        anonymousId: 'anon-1',
        userId: 'u1',
        traits: { email: ' Ada@Example.com ', plan: 'pro' },
      }),
    ]);
    const profile = await profileOf(store, 'user_id', 'u1');
    expect(profile).toBe(anonymousProfile);
    expect(await profileOf(store, 'email', 'ada@example.com')).toBe(profile);
    expect(await count(store, 'select count(*) as n from profiles')).toBe(1);
    expect(
      await count(store, 'select count(*) as n from events where profile_id = $1', [profile ?? '']),
    ).toBe(3);
  });

  it('merges a known user and an anonymous visitor when both existed before, and can undo it', async () => {
    const store = getStore();
    await commit(store, [
      normalized({ type: 'identify', userId: 'u1', traits: { name: 'Ada', plan: 'pro' } }),
    ]);
    await commit(store, [normalized({ type: 'page', anonymousId: 'anon-9', name: 'Home' })]);
    const known = await profileOf(store, 'user_id', 'u1');
    const anonymous = await profileOf(store, 'anonymous_id', 'anon-9');
    expect(known).not.toBe(anonymous);

    const result = await commit(store, [
      normalized({ type: 'track', userId: 'u1', anonymousId: 'anon-9', event: 'Signed In' }),
    ]);
    expect(result.profilesMerged).toBe(1);
    expect(await profileOf(store, 'anonymous_id', 'anon-9')).toBe(known);
    expect(await count(store, 'select count(*) as n from events where profile_id = $1', [known ?? ''])).toBe(
      3,
    );
    expect(await count(store, 'select count(*) as n from profiles')).toBe(1);

    const [merge] = await store.query<{ id: string; from_profile_id: string }>(
      'select id, from_profile_id from profile_merges',
    );
    expect(merge?.from_profile_id).toBe(anonymous);
    await store.transaction((tx) => unmergeProfile(tx, merge?.id ?? '', new Date()));
    expect(await profileOf(store, 'anonymous_id', 'anon-9')).toBe(anonymous);
    expect(
      await count(store, 'select count(*) as n from events where profile_id = $1', [anonymous ?? '']),
    ).toBe(1);
    expect(await count(store, 'select count(*) as n from profiles')).toBe(2);
  });

  it('moves segment history to the surviving profile and leaves no membership of the merged-away one', async () => {
    const store = getStore();
    await commit(store, [normalized({ type: 'identify', userId: 'u5', traits: { plan: 'pro' } })]);
    await commit(store, [normalized({ type: 'page', anonymousId: 'anon-5' })]);
    const anonymous = (await profileOf(store, 'anonymous_id', 'anon-5')) ?? '';
    await store.execute(
      `insert into segment_members (segment_id, profile_id, entered_at) values ('s1', $1, $2)`,
      [anonymous, new Date()],
    );
    await store.execute(
      `insert into segment_transitions (id, segment_id, profile_id, kind, occurred_at) values ('t1', 's1', $1, 'entered', $2)`,
      [anonymous, new Date()],
    );
    await commit(store, [normalized({ type: 'identify', userId: 'u5', anonymousId: 'anon-5' })]);
    const survivor = await profileOf(store, 'user_id', 'u5');
    expect(
      await count(store, 'select count(*) as n from segment_members where profile_id = $1', [anonymous]),
    ).toBe(0);
    expect(
      await count(store, 'select count(*) as n from segment_transitions where profile_id = $1', [
        survivor ?? '',
      ]),
    ).toBe(1);
    await store.execute('delete from segment_transitions');
  });

  it('keeps two users who shared a device on separate profiles', async () => {
    const store = getStore();
    await commit(store, [normalized({ type: 'identify', userId: 'alice', anonymousId: 'shared-laptop' })]);
    await commit(store, [normalized({ type: 'identify', userId: 'bob', anonymousId: 'shared-laptop' })]);
    const alice = await profileOf(store, 'user_id', 'alice');
    const bob = await profileOf(store, 'user_id', 'bob');
    expect(alice).toBeDefined();
    expect(bob).toBeDefined();
    expect(alice).not.toBe(bob);
    expect(await profileOf(store, 'anonymous_id', 'shared-laptop')).toBe(alice);
  });

  it('links profiles through alias and through a shared email', async () => {
    const store = getStore();
    await commit(store, [normalized({ type: 'track', anonymousId: 'old-id', event: 'Viewed' })]);
    await commit(store, [normalized({ type: 'alias', userId: 'u7', previousId: 'old-id' })]);
    expect(await profileOf(store, 'user_id', 'u7')).toBe(await profileOf(store, 'anonymous_id', 'old-id'));

    await commit(store, [
      normalized({ type: 'identify', anonymousId: 'phone', traits: { email: 'x@example.com' } }),
    ]);
    await commit(store, [
      normalized({ type: 'identify', anonymousId: 'tablet', traits: { email: 'X@example.com' } }),
    ]);
    expect(await profileOf(store, 'anonymous_id', 'phone')).toBe(
      await profileOf(store, 'anonymous_id', 'tablet'),
    );
  });

  it('applies identify traits in event-time order, later values winning', async () => {
    const store = getStore();
    const later = normalized({
      type: 'identify',
      userId: 'u1',
      traits: { plan: 'pro', city: 'Wien' },
      timestamp: '2024-06-01T00:00:00Z',
    });
    const earlier = normalized({
      type: 'identify',
      userId: 'u1',
      traits: { plan: 'free', country: 'AT' },
      timestamp: '2024-01-01T00:00:00Z',
    });
    await commit(store, [later, earlier]);
    const rows = await store.query<{
      traits: Record<string, unknown>;
      first_seen_at: Date;
      last_seen_at: Date;
    }>('select traits, first_seen_at, last_seen_at from profiles');
    expect(rows).toEqual([
      {
        traits: { plan: 'pro', city: 'Wien', country: 'AT' },
        first_seen_at: new Date('2024-01-01T00:00:00Z'),
        last_seen_at: new Date('2024-06-01T00:00:00Z'),
      },
    ]);
  });

  it('resolves many messages of many people in one group', async () => {
    const store = getStore();
    const messages: NormalizedMessage[] = [];
    for (let person = 0; person < 200; person++) {
      messages.push(normalized({ type: 'page', anonymousId: `a${person}` }));
      messages.push(
        normalized({
          type: 'identify',
          anonymousId: `a${person}`,
          userId: `u${person}`,
          traits: { n: person },
        }),
      );
      messages.push(normalized({ type: 'track', userId: `u${person}`, event: 'purchase' }));
    }
    const result = await commit(store, messages);
    expect(result).toMatchObject({ stored: 600, profilesCreated: 200, profilesMerged: 0 });
    expect(await count(store, 'select count(distinct profile_id) as n from events')).toBe(200);
    expect(await count(store, 'select count(*) as n from identities')).toBe(400);
  });
});
