import { beforeEach, expect, it } from 'vitest';
import { commitMessages } from '../ingest/commit-messages.ts';
import { compileSegment } from '../segments/compile/compile-segment.ts';
import { parseSegmentText } from '../segments/text/parse-segment.ts';
import type { Store } from '../store/store.ts';
import { subscribe, unsubscribe } from '../subscriptions/change-subscription.ts';
import { createTopic } from '../subscriptions/topics.ts';
import { describeEachEngine } from '../test-support/engines.ts';
import { normalized } from '../test-support/messages.ts';

const now = new Date('2026-01-06T12:00:00Z');

async function members(store: Store, text: string): Promise<string[]> {
  const query = compileSegment(parseSegmentText(text), { dialect: store.dialect, now });
  const rows = await store.query<{ profile_id: string }>(query.sql, query.params);
  return rows.map((row) => row.profile_id).sort();
}

async function identify(store: Store, userId: string, traits: Record<string, unknown>): Promise<string> {
  await store.transaction((tx) => commitMessages(tx, [normalized({ type: 'identify', userId, traits })]));
  const [row] = await store.query<{ id: string }>('select id from profiles where user_id = $1', [userId]);
  if (!row) throw new Error('profile not created');
  return row.id;
}

describeEachEngine('segment consent conditions read stored consent', (getStore) => {
  beforeEach(async () => {
    for (const table of [
      'events',
      'identities',
      'profiles',
      'consent_records',
      'subscriptions',
      'subscription_topics',
    ])
      await getStore().execute(`delete from ${table}`);
  });

  it('follows a later unsubscribe even though the trait still says yes', async () => {
    const store = getStore();
    const ann = await identify(store, 'ann', { consent: { email: true } });
    const bob = await identify(store, 'bob', { consent: { email: 'yes' } });
    expect(await members(store, 'consented to email')).toEqual([ann, bob].sort());
    await unsubscribe(store, { profileId: bob, channel: 'email', source: 'unsubscribe', now });
    expect(await members(store, 'consented to email')).toEqual([ann]);
    expect(await members(store, 'not consented to email')).toEqual([bob]);
  });

  it('falls back to traits for profiles without stored consent (data from before consent records)', async () => {
    const store = getStore();
    await store.execute(
      `insert into profiles (id, user_id, traits, computed, first_seen_at, last_seen_at, created_at, updated_at)
       values ('legacy', null, $1, '{}', $2, $2, $2, $2)`,
      [
        JSON.stringify({ consent: { email: 'granted', newsletter: 'yes' }, subscriptions: { weekly: true } }),
        now,
      ],
    );
    expect(await members(store, 'consented to email')).toEqual(['legacy']);
    expect(await members(store, 'consented to newsletter')).toEqual(['legacy']);
    expect(await members(store, 'subscribed to weekly')).toEqual(['legacy']);
  });

  it('reads topic subscriptions by topic name', async () => {
    const store = getStore();
    await createTopic(store, { name: 'weekly', channel: 'email' });
    const cat = await identify(store, 'cat', { email: 'cat@example.com' });
    const dan = await identify(store, 'dan', { subscriptions: { weekly: true } });
    await subscribe(store, { profileId: cat, topic: 'weekly', source: 'api', now });
    expect(await members(store, 'subscribed to weekly')).toEqual([cat, dan].sort());
    await unsubscribe(store, { profileId: dan, channel: 'email', topic: 'weekly', source: 'api', now });
    expect(await members(store, 'subscribed to weekly')).toEqual([cat]);
  });
});
