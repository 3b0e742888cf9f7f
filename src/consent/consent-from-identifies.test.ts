import { beforeEach, expect, it } from 'vitest';
import { commitMessages } from '../ingest/commit-messages.ts';
import type { NormalizedMessage } from '../schema/messages.ts';
import type { Store } from '../store/store.ts';
import { readSubscriptions } from '../subscriptions/subscriptions.ts';
import { createTopic } from '../subscriptions/topics.ts';
import { describeEachEngine } from '../test-support/engines.ts';
import { normalized } from '../test-support/messages.ts';
import { listConsentHistory, readCurrentConsent } from './read-consent.ts';

async function commit(store: Store, messages: NormalizedMessage[]) {
  return store.transaction((tx) => commitMessages(tx, messages));
}

async function profileIdOf(store: Store, userId: string): Promise<string> {
  const [row] = await store.query<{ id: string }>('select id from profiles where user_id = $1', [userId]);
  if (!row) throw new Error(`no profile for ${userId}`);
  return row.id;
}

/** An identify as the tracking API stores it: with the id of the source whose write key sent it. */
function fromApi(raw: Record<string, unknown>): NormalizedMessage {
  return { ...normalized({ type: 'identify', ...raw }), sourceId: 'source-web' };
}

describeEachEngine('consent from identify traits', (getStore) => {
  beforeEach(async () => {
    for (const table of [
      'events',
      'identities',
      'profiles',
      'profile_merges',
      'consent_records',
      'subscriptions',
      'subscription_topics',
    ])
      await getStore().execute(`delete from ${table}`);
  });

  it('records the consent an identify states, with its source, time and message as evidence', async () => {
    const store = getStore();
    const identify = fromApi({ userId: 'u1', traits: { email: 'u1@example.com', unsubscribed: true } });
    await commit(store, [identify]);
    const history = await listConsentHistory(store, await profileIdOf(store, 'u1'));
    expect(history).toMatchObject([
      {
        purpose: 'marketing',
        channel: 'email',
        status: 'denied',
        source: 'identify',
        recordedAt: identify.timestamp,
        evidence: { messageId: identify.messageId, sourceId: 'source-web' },
      },
    ]);
  });

  it('records only changes, and the latest answer is the current one', async () => {
    const store = getStore();
    await commit(store, [fromApi({ userId: 'u2', traits: { consent: { email: true, analytics: 'no' } } })]);
    await commit(store, [fromApi({ userId: 'u2', traits: { consent: { email: true }, plan: 'pro' } })]);
    await commit(store, [fromApi({ userId: 'u2', traits: { subscribed: false } })]);
    const profileId = await profileIdOf(store, 'u2');
    expect(await listConsentHistory(store, profileId)).toHaveLength(3);
    const current = await readCurrentConsent(store, [profileId]);
    expect(current.map(({ purpose, channel, status }) => ({ purpose, channel, status }))).toEqual([
      { purpose: 'analytics', channel: 'all', status: 'denied' },
      { purpose: 'marketing', channel: 'email', status: 'denied' },
    ]);
  });

  it('adds nothing when the same identify is committed again, and marks imported rows as imports', async () => {
    const store = getStore();
    const imported = normalized({ type: 'identify', userId: 'u3', traits: { do_not_sell: true } });
    await commit(store, [imported]);
    await commit(store, [imported]);
    const history = await listConsentHistory(store, await profileIdOf(store, 'u3'));
    expect(history).toMatchObject([
      { purpose: 'sale_sharing', channel: 'all', status: 'denied', source: 'import' },
    ]);
  });

  it('subscribes to known topics named in traits.subscriptions and ignores unknown ones', async () => {
    const store = getStore();
    await createTopic(store, { name: 'weekly', channel: 'email' });
    await commit(store, [
      fromApi({ userId: 'u4', traits: { subscriptions: { weekly: true, unknown: true } } }),
    ]);
    const profileId = await profileIdOf(store, 'u4');
    expect(await readSubscriptions(store, profileId)).toMatchObject([
      { topicName: 'weekly', status: 'subscribed', source: 'identify' },
    ]);
    await commit(store, [fromApi({ userId: 'u4', traits: { subscriptions: { weekly: 'unsubscribed' } } })]);
    expect(await readSubscriptions(store, profileId)).toMatchObject([
      { topicName: 'weekly', status: 'unsubscribed' },
    ]);
  });

  it('moves consent to the surviving profile when two profiles merge', async () => {
    const store = getStore();
    await commit(store, [fromApi({ anonymousId: 'anon-9', traits: { consent: { sms: true } } })]);
    await commit(store, [fromApi({ userId: 'u9', traits: { email: 'u9@example.com' } })]);
    await commit(store, [
      { ...normalized({ type: 'alias', userId: 'u9', previousId: 'anon-9' }), sourceId: 'source-web' },
    ]);
    const survivor = await profileIdOf(store, 'u9');
    const current = await readCurrentConsent(store, [survivor]);
    expect(current).toMatchObject([{ purpose: 'marketing', channel: 'sms', status: 'granted' }]);
  });
});
