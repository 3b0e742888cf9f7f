/**
 * checkSendPolicies against checkSendPolicy: for random worlds (profiles, time zones, suppressions, consent,
 * topics with duplicate subscription rows, send rules, send history) and random batches, the batch decides each
 * request as checking them one by one would, where each "send" is recorded as sent before the next check. That
 * covers facts of one request leaking into another's and the caps within one batch.
 */
import fc from 'fast-check';
import { beforeEach, expect, it } from 'vitest';
import { recordConsent } from '../consent/record-consent.ts';
import { commitMessages } from '../ingest/commit-messages.ts';
import type { Store } from '../store/store.ts';
import { describeEachEngine } from '../test-support/engines.ts';
import { normalized } from '../test-support/messages.ts';
import { suppressAddress } from '../tracking/suppressions.ts';
import { checkSendPolicies } from './send-policies.ts';
import { checkSendPolicy, type SendDecision } from './send-policy.ts';
import { setSendRule } from './send-rules.ts';
import { createTopic } from './topics.ts';

const BASE = new Date('2026-03-28T20:00:00Z').getTime();
const MINUTE = 60_000;
const CHANNELS = ['email', 'sms', 'webhook'] as const;
const TABLES = [
  'events',
  'identities',
  'profiles',
  'messages',
  'consent_records',
  'subscriptions',
  'subscription_topics',
  'send_rules',
  'suppressions',
];

const profileArbitrary = fc.record({
  email: fc.constantFrom(undefined, 'a@x.example', ' A@X.example', 'b@x.example', ''),
  phone: fc.constantFrom(undefined, '+15550001'),
  timezone: fc.constantFrom(undefined, 'UTC', 'Europe/Berlin', 'America/New_York', 'Atlantis/Capital'),
});

const worldArbitrary = fc.record({
  profiles: fc.array(profileArbitrary, { minLength: 1, maxLength: 2 }),
  suppressions: fc.subarray([
    { channel: 'email', address: 'a@x.example' },
    { channel: 'email', address: 'b@x.example' },
    { channel: 'sms', address: '+15550001' },
  ]),
  consent: fc.array(
    fc.record({
      profile: fc.nat(2),
      purpose: fc.constantFrom('marketing' as const, 'sale_sharing' as const),
      channel: fc.constantFrom('all' as const, 'email' as const, 'sms' as const, 'webhook' as const),
      status: fc.constantFrom('granted' as const, 'denied' as const),
      day: fc.nat(3),
    }),
    { maxLength: 3 },
  ),
  subscriptions: fc.array(
    fc.record({
      profile: fc.nat(2),
      topic: fc.constantFrom('news', 'promo'),
      status: fc.constantFrom('subscribed', 'unsubscribed', 'pending'),
      hour: fc.nat(2),
    }),
    { maxLength: 5 },
  ),
  rules: fc.array(
    fc.record({
      channel: fc.constantFrom(...CHANNELS),
      cap: fc.option(
        fc.record({
          maxMessages: fc.integer({ min: 1, max: 3 }),
          periodHours: fc.integer({ min: 1, max: 48 }),
        }),
      ),
      quiet: fc.option(fc.constantFrom(['21:00', '08:00'], ['12:00', '13:30'], ['00:00', '06:00'])),
      requireConsent: fc.boolean(),
    }),
    { minLength: 1, maxLength: 3 },
  ),
  sent: fc.array(
    fc.record({ profile: fc.nat(2), channel: fc.constantFrom(...CHANNELS), minutesBefore: fc.nat(3000) }),
    { maxLength: 6 },
  ),
  requests: fc.array(
    fc.record({
      // Few profiles and many requests, so a batch often messages one profile twice on a capped channel.
      profile: fc.constantFrom(0, 0, 1, 2),
      channel: fc.constantFrom(...CHANNELS),
      topic: fc.constantFrom(undefined, 'news', 'promo', 'ghost'),
      minutesAfter: fc.constantFrom(0, 0, 30, 600, 1440),
    }),
    { minLength: 1, maxLength: 12 },
  ),
});

type World = typeof worldArbitrary extends fc.Arbitrary<infer T> ? T : never;

let sequence = 0;

async function recordSent(store: Store, profileId: string, channel: string, sentAt: Date): Promise<void> {
  sequence += 1;
  await store.execute(
    `insert into messages (id, profile_id, channel, status, attempts, created_at, sent_at, updated_at)
     values ($1, $2, $3, 'sent', 1, $4, $4, $4)`,
    [`sent:${sequence}`, profileId, channel, sentAt],
  );
}

/** Builds the world; returns the profile ids (index 3 and beyond: no such profile). */
async function givenWorld(store: Store, world: World): Promise<string[]> {
  for (const table of TABLES) await store.execute(`delete from ${table}`);
  await store.transaction((tx) =>
    commitMessages(
      tx,
      world.profiles.map((traits, index) =>
        normalized({
          type: 'identify',
          userId: `u${index}`,
          traits: Object.fromEntries(Object.entries(traits).filter(([, value]) => value !== undefined)),
        }),
      ),
    ),
  );
  const rows = await store.query<{ id: string; user_id: string }>('select id, user_id from profiles');
  const ids = world.profiles.map(
    (_, index) => rows.find((row) => row.user_id === `u${index}`)?.id ?? 'missing',
  );
  const idOf = (index: number) => ids[index] ?? 'no-such-profile';
  const at = new Date(BASE);
  for (const suppression of world.suppressions)
    await suppressAddress(store, { ...suppression, reason: 'manual', at });
  await recordConsent(
    store,
    world.consent.map((record) => ({
      profileId: idOf(record.profile),
      purpose: record.purpose,
      channel: record.channel,
      status: record.status,
      source: 'api' as const,
      recordedAt: new Date(BASE - (record.day + 1) * 86_400_000),
    })),
  );
  const news = await createTopic(store, { name: 'news', channel: 'email' }, at);
  const promo = await createTopic(store, { name: 'promo', channel: 'email', doubleOptIn: true }, at);
  // Raw rows, so a (profile, topic) may hold two, as after a merge.
  await store.insertRows(
    'subscriptions',
    ['profile_id', 'topic_id', 'status', 'source', 'updated_at'],
    world.subscriptions.map((row) => [
      idOf(row.profile),
      row.topic === 'news' ? news.id : promo.id,
      row.status,
      'api',
      new Date(BASE - (row.hour + 1) * 3_600_000),
    ]),
  );
  for (const rule of world.rules) {
    await setSendRule(store, {
      channel: rule.channel,
      maxMessages: rule.cap?.maxMessages ?? null,
      periodHours: rule.cap?.periodHours ?? null,
      quietStart: rule.quiet?.[0] ?? null,
      quietEnd: rule.quiet?.[1] ?? null,
      requireConsent: rule.requireConsent,
    });
  }
  for (const sent of world.sent)
    await recordSent(store, idOf(sent.profile), sent.channel, new Date(BASE - sent.minutesBefore * MINUTE));
  return ids;
}

describeEachEngine('checkSendPolicies', (getStore) => {
  beforeEach(async () => {
    for (const table of TABLES) await getStore().execute(`delete from ${table}`);
  });

  it('decides a batch as checking one by one, each send recorded before the next check', async () => {
    const store = getStore();
    await fc.assert(
      fc.asyncProperty(worldArbitrary, async (world) => {
        const ids = await givenWorld(store, world);
        const requests = world.requests.map((request) => ({
          profileId: ids[request.profile] ?? 'no-such-profile',
          channel: request.channel,
          ...(request.topic === undefined ? {} : { topic: request.topic }),
          now: new Date(BASE + request.minutesAfter * MINUTE),
        }));
        const batch = await checkSendPolicies(store, requests);
        const oneByOne: SendDecision[] = [];
        for (const request of requests) {
          const decision = await checkSendPolicy(store, request);
          if (decision.decision === 'send')
            await recordSent(store, request.profileId, request.channel, request.now);
          oneByOne.push(decision);
        }
        expect(batch).toEqual(oneByOne);
      }),
      { numRuns: 60 },
    );
  });

  it('counts two messages to one profile in one batch against each other', async () => {
    const store = getStore();
    const [ada] = await givenWorld(store, {
      profiles: [{ email: 'a@x.example', phone: undefined, timezone: 'UTC' }],
      suppressions: [],
      consent: [],
      subscriptions: [],
      rules: [
        { channel: 'email', cap: { maxMessages: 1, periodHours: 24 }, quiet: null, requireConsent: false },
      ],
      sent: [],
      requests: [],
    });
    const now = new Date(BASE);
    const request = { profileId: ada ?? 'missing', channel: 'email', now };
    expect(await checkSendPolicies(store, [request, request])).toEqual([
      { decision: 'send' },
      { decision: 'defer', until: new Date(BASE + 24 * 3_600_000), reason: 'frequency_cap' },
    ]);
  });
});
