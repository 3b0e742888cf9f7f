import { beforeEach, expect, it } from 'vitest';
import { ManualClock } from '../clock.ts';
import { recordConsent } from '../consent/record-consent.ts';
import { commitMessages } from '../ingest/commit-messages.ts';
import type { Store } from '../store/store.ts';
import { describeEachEngine } from '../test-support/engines.ts';
import { normalized } from '../test-support/messages.ts';
import { suppressAddress } from '../tracking/suppressions.ts';
import { subscribe, unsubscribe } from './change-subscription.ts';
import { setSendRule } from './send-rules.ts';
import { checkSendPolicy } from './send-policy.ts';
import { createTopic } from './topics.ts';

async function createProfile(store: Store, userId: string, traits: Record<string, unknown>): Promise<string> {
  await store.transaction((tx) => commitMessages(tx, [normalized({ type: 'identify', userId, traits })]));
  const [row] = await store.query<{ id: string }>('select id from profiles where user_id = $1', [userId]);
  if (!row) throw new Error('profile not created');
  return row.id;
}

let sequence = 0;
async function recordSent(store: Store, profileId: string, channel: string, sentAt: string): Promise<void> {
  sequence += 1;
  await store.execute(
    `insert into messages (id, profile_id, channel, status, attempts, created_at, sent_at, updated_at)
     values ($1, $2, $3, 'sent', 1, $4, $4, $4)`,
    [`test:${sequence}`, profileId, channel, new Date(sentAt)],
  );
}

describeEachEngine('the send policy', (getStore) => {
  beforeEach(async () => {
    for (const table of [
      'events',
      'identities',
      'profiles',
      'messages',
      'consent_records',
      'subscriptions',
      'subscription_topics',
      'send_rules',
      'suppressions',
    ])
      await getStore().execute(`delete from ${table}`);
  });

  it('sends when no rule, consent or subscription says otherwise', async () => {
    const store = getStore();
    const profileId = await createProfile(store, 'u1', { email: 'u1@example.com' });
    const now = new Date('2026-01-06T12:00:00Z');
    expect(await checkSendPolicy(store, { profileId, channel: 'email', now })).toEqual({ decision: 'send' });
  });

  it('defers the fourth email of a week to the moment the first is seven days old', async () => {
    const store = getStore();
    await setSendRule(store, { channel: 'email', maxMessages: 3, periodHours: 168 });
    const profileId = await createProfile(store, 'u2', { email: 'u2@example.com' });
    const other = await createProfile(store, 'u3', { email: 'u3@example.com' });
    await recordSent(store, profileId, 'email', '2026-01-01T09:30:00Z');
    await recordSent(store, profileId, 'email', '2026-01-03T10:00:00Z');
    await recordSent(store, profileId, 'email', '2026-01-05T11:00:00Z');
    // Other channels and other profiles do not count.
    await recordSent(store, profileId, 'webhook', '2026-01-05T11:00:00Z');
    await recordSent(store, other, 'email', '2026-01-05T11:00:00Z');
    const clock = new ManualClock('2026-01-06T12:00:00Z');
    expect(await checkSendPolicy(store, { profileId, channel: 'email', now: clock.now() })).toEqual({
      decision: 'defer',
      until: new Date('2026-01-08T09:30:00Z'),
      reason: 'frequency_cap',
    });
    expect(await checkSendPolicy(store, { profileId: other, channel: 'email', now: clock.now() })).toEqual({
      decision: 'send',
    });
    clock.set('2026-01-08T09:30:00Z');
    expect(await checkSendPolicy(store, { profileId, channel: 'email', now: clock.now() })).toEqual({
      decision: 'send',
    });
  });

  it("defers to the end of quiet hours in each profile's own time zone", async () => {
    const store = getStore();
    await setSendRule(store, { channel: 'email', quietStart: '21:00', quietEnd: '08:00' });
    const berlin = await createProfile(store, 'berlin', { timezone: 'Europe/Berlin' });
    const newYork = await createProfile(store, 'new-york', { timezone: 'America/New_York' });
    const unknownZone = await createProfile(store, 'nowhere', { timezone: 'Atlantis/Capital' });
    // 21:30 UTC on the Saturday before Berlin springs forward: 22:30 CET, 16:30 EST.
    const now = new Date('2026-03-28T21:30:00Z');
    expect(await checkSendPolicy(store, { profileId: berlin, channel: 'email', now })).toEqual({
      decision: 'defer',
      until: new Date('2026-03-29T06:00:00Z'),
      reason: 'quiet_hours',
    });
    expect(await checkSendPolicy(store, { profileId: newYork, channel: 'email', now })).toEqual({
      decision: 'send',
    });
    // An unknown zone falls back to UTC, where it is 21:30.
    expect(await checkSendPolicy(store, { profileId: unknownZone, channel: 'email', now })).toEqual({
      decision: 'defer',
      until: new Date('2026-03-29T08:00:00Z'),
      reason: 'quiet_hours',
    });
  });

  it('suppresses on denied consent, a suppressed address or "do not sell" on webhooks', async () => {
    const store = getStore();
    const now = new Date('2026-01-06T12:00:00Z');
    const denied = await createProfile(store, 'denied', { email: 'denied@example.com', unsubscribed: true });
    const bounced = await createProfile(store, 'bounced', { email: 'Bounced@Example.com' });
    await suppressAddress(store, {
      channel: 'email',
      address: 'bounced@example.com',
      reason: 'hard_bounce',
      at: now,
    });
    const doNotSell = await createProfile(store, 'dns', { do_not_sell: true });
    expect(await checkSendPolicy(store, { profileId: denied, channel: 'email', now })).toEqual({
      decision: 'suppress',
      reason: 'consent_denied',
    });
    expect(await checkSendPolicy(store, { profileId: bounced, channel: 'email', now })).toEqual({
      decision: 'suppress',
      reason: 'address_suppressed',
    });
    expect(await checkSendPolicy(store, { profileId: doNotSell, channel: 'webhook', now })).toEqual({
      decision: 'suppress',
      reason: 'do_not_sell_or_share',
    });
    expect(await checkSendPolicy(store, { profileId: doNotSell, channel: 'email', now })).toEqual({
      decision: 'send',
    });
    expect(await checkSendPolicy(store, { profileId: 'no-such-profile', channel: 'email', now })).toEqual({
      decision: 'suppress',
      reason: 'unknown_profile',
    });
  });

  it('requires a recorded grant on an opt-in channel; a later grant overrides an earlier "all" denial', async () => {
    const store = getStore();
    await setSendRule(store, { channel: 'sms', requireConsent: true });
    const profileId = await createProfile(store, 'sms', { phone: '+4915100000' });
    const now = new Date('2026-01-06T12:00:00Z');
    expect(await checkSendPolicy(store, { profileId, channel: 'sms', now })).toEqual({
      decision: 'suppress',
      reason: 'consent_missing',
    });
    await recordConsent(store, [
      {
        profileId,
        purpose: 'marketing',
        channel: 'all',
        status: 'denied',
        source: 'api',
        recordedAt: new Date('2026-01-01T00:00:00Z'),
      },
      {
        profileId,
        purpose: 'marketing',
        channel: 'sms',
        status: 'granted',
        source: 'api',
        recordedAt: new Date('2026-01-02T00:00:00Z'),
      },
    ]);
    expect(await checkSendPolicy(store, { profileId, channel: 'sms', now })).toEqual({ decision: 'send' });
    expect(await checkSendPolicy(store, { profileId, channel: 'email', now })).toEqual({
      decision: 'suppress',
      reason: 'consent_denied',
    });
  });

  it('suppresses topic messages after unsubscribing from the topic or from the whole channel', async () => {
    const store = getStore();
    await createTopic(store, { name: 'weekly', channel: 'email' });
    await createTopic(store, { name: 'offers', channel: 'email' });
    const profileId = await createProfile(store, 'topics', { email: 'topics@example.com' });
    const now = new Date('2026-01-06T12:00:00Z');
    await subscribe(store, { profileId, topic: 'weekly', source: 'api', now });
    await subscribe(store, { profileId, topic: 'offers', source: 'api', now });
    await unsubscribe(store, { profileId, channel: 'email', topic: 'offers', source: 'unsubscribe', now });
    expect(await checkSendPolicy(store, { profileId, channel: 'email', topic: 'offers', now })).toEqual({
      decision: 'suppress',
      reason: 'unsubscribed_from_topic',
    });
    expect(await checkSendPolicy(store, { profileId, channel: 'email', topic: 'weekly', now })).toEqual({
      decision: 'send',
    });
    const result = await unsubscribe(store, { profileId, channel: 'email', source: 'unsubscribe', now });
    expect(result).toEqual({ topics: ['weekly'], consentDenied: true });
    expect(await checkSendPolicy(store, { profileId, channel: 'email', topic: 'weekly', now })).toEqual({
      decision: 'suppress',
      reason: 'consent_denied',
    });
  });
});
