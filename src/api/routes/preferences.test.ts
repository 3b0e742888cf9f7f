import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ManualClock } from '../../clock.ts';
import { listConsentHistory } from '../../consent/read-consent.ts';
import { commitMessages } from '../../ingest/commit-messages.ts';
import { GroupCommitter } from '../../ingest/group-commit.ts';
import type { Store } from '../../store/store.ts';
import { checkSendPolicy } from '../../subscriptions/send-policy.ts';
import { preferenceCentrePath } from '../../subscriptions/subscription-token.ts';
import { readSubscriptions } from '../../subscriptions/subscriptions.ts';
import { createTopic } from '../../subscriptions/topics.ts';
import { describeEachEngine } from '../../test-support/engines.ts';
import { normalized } from '../../test-support/messages.ts';
import { signTrackingToken } from '../../tracking/tracking-token.ts';
import { loadTrackingSecret } from '../../tracking/tracking-secret.ts';
import { buildServer } from '../server.ts';

const form = { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'Test Browser/1.0' };

async function createProfile(store: Store, userId: string): Promise<string> {
  await store.transaction((tx) =>
    commitMessages(tx, [
      normalized({ type: 'identify', userId, traits: { email: `${userId}@example.com` } }),
    ]),
  );
  const [row] = await store.query<{ id: string }>('select id from profiles where user_id = $1', [userId]);
  if (!row) throw new Error('profile not created');
  return row.id;
}

/** Every checkbox on the page must have a label pointing at it. */
function unlabelledInputs(html: string): string[] {
  const ids = [...html.matchAll(/<input type="checkbox" id="([^"]+)"/g)].map((match) => match[1] ?? '');
  return ids.filter((id) => !html.includes(`<label for="${id}">`));
}

describeEachEngine('the preference centre', (getStore) => {
  let app: FastifyInstance;
  let secret: string;
  let profileId: string;
  let weeklyId: string;
  const clock = new ManualClock('2026-01-06T12:00:00Z');
  const admin = { authorization: 'Bearer k' };

  beforeAll(async () => {
    const store = getStore();
    weeklyId = (
      await createTopic(store, { name: 'weekly', channel: 'email', description: 'Our Friday digest' })
    ).id;
    await createTopic(store, { name: 'alerts', channel: 'sms' });
    await createTopic(store, { name: 'daily', channel: 'email', doubleOptIn: true });
    profileId = await createProfile(store, 'ann');
    secret = await loadTrackingSecret(store);
    app = await buildServer({
      store,
      committer: new GroupCommitter({ store }),
      adminKey: 'k',
      clock,
      rateLimit: false,
    });
  });
  afterAll(async () => app.close());

  it('shows every topic, channel and the "do not sell" choice as labelled checkboxes', async () => {
    const response = await app.inject({ method: 'GET', url: preferenceCentrePath(profileId, secret) });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    const html = response.body;
    for (const text of [
      'weekly (email)',
      'alerts (sms)',
      'daily (email)',
      'Our Friday digest',
      'Marketing emails',
    ])
      expect(html).toContain(text);
    expect(html).toContain('Do not sell or share my personal information');
    expect(html).toContain('<legend>Subscriptions</legend>');
    expect(unlabelledInputs(html)).toEqual([]);
    expect([...html.matchAll(/type="checkbox"/g)]).toHaveLength(7);
  });

  it('saves the form: topic subscriptions and consent changes with source preference_centre', async () => {
    const store = getStore();
    const path = preferenceCentrePath(profileId, secret);
    const payload = `topic=${weeklyId}&channel=email&do_not_sell=yes`;
    const response = await app.inject({ method: 'POST', url: path, headers: form, payload });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<p role="status">Your preferences are saved.</p>');
    expect(response.body).toMatch(new RegExp(`value="${weeklyId}" checked`));

    expect(await readSubscriptions(store, profileId)).toMatchObject([
      { topicName: 'weekly', status: 'subscribed', source: 'preference_centre' },
    ]);
    const history = await listConsentHistory(store, profileId);
    const answers = history.map(
      ({ purpose, channel, status, source }) => `${purpose}/${channel}=${status} (${source})`,
    );
    expect(answers.sort()).toEqual([
      'marketing/email=granted (preference_centre)',
      'marketing/push=denied (preference_centre)',
      'marketing/sms=denied (preference_centre)',
      'sale_sharing/all=denied (preference_centre)',
    ]);
    expect(history[0]?.evidence).toMatchObject({ userAgent: 'Test Browser/1.0' });

    // Saving the same choices again records nothing new.
    await app.inject({ method: 'POST', url: path, headers: form, payload });
    expect(await listConsentHistory(store, profileId)).toHaveLength(4);

    // Unchecking the topic unsubscribes from it.
    await app.inject({ method: 'POST', url: path, headers: form, payload: 'channel=email&do_not_sell=yes' });
    expect(await readSubscriptions(store, profileId)).toMatchObject([
      { topicName: 'weekly', status: 'unsubscribed' },
    ]);
  });

  it('refuses forged, altered and other kinds of tokens, and changes nothing', async () => {
    const store = getStore();
    const before = (await listConsentHistory(store, profileId)).length;
    const genuine = preferenceCentrePath(profileId, secret);
    const altered = `${genuine.slice(0, -2)}${genuine.endsWith('A') ? 'B' : 'A'}`;
    const forged = preferenceCentrePath(profileId, 'not the secret');
    const tracking = `/preferences/${signTrackingToken({ v: 1, k: 'open', m: 'x' }, secret)}`;
    const noProfile = preferenceCentrePath('no-such-profile', secret);
    for (const url of [altered, forged, tracking, noProfile, '/preferences/garbage']) {
      const read = await app.inject({ method: 'GET', url });
      expect(read.statusCode, url).toBe(404);
      const write = await app.inject({ method: 'POST', url, headers: form, payload: 'do_not_sell=yes' });
      expect(write.statusCode, url).toBe(404);
      expect(write.body).toContain('This link is not valid');
    }
    expect(await listConsentHistory(store, profileId)).toHaveLength(before);
  });

  it('keeps a double opt-in subscription pending until the confirmation link is followed and confirmed', async () => {
    const store = getStore();
    const bob = await createProfile(store, 'bob');
    const subscribed = await app.inject({
      method: 'POST',
      url: '/api/subscriptions',
      headers: admin,
      payload: { profileId: 'bob@example.com', topic: 'daily', status: 'subscribed' },
    });
    expect(subscribed.json()).toMatchObject({ profileId: bob, topic: 'daily', status: 'pending' });
    const { confirmationPath } = subscribed.json<{ confirmationPath: string }>();
    const policy = () =>
      checkSendPolicy(store, { profileId: bob, channel: 'email', topic: 'daily', now: clock.now() });
    expect(await policy()).toEqual({ decision: 'suppress', reason: 'subscription_pending' });

    // Opening the link (as a mail scanner would) only shows the button.
    const page = await app.inject({ method: 'GET', url: confirmationPath });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Confirm subscription');
    expect(await policy()).toEqual({ decision: 'suppress', reason: 'subscription_pending' });

    const confirmed = await app.inject({ method: 'POST', url: confirmationPath, headers: form, payload: '' });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.body).toContain('You are subscribed to <strong>daily</strong>');
    expect(await readSubscriptions(store, bob)).toMatchObject([
      { topicName: 'daily', status: 'subscribed', source: 'double_opt_in' },
    ]);
    expect(await policy()).toEqual({ decision: 'send' });
  });

  it('refuses a confirmation link after seven days', async () => {
    const cat = await createProfile(getStore(), 'cat');
    const subscribed = await app.inject({
      method: 'POST',
      url: '/api/subscriptions',
      headers: admin,
      payload: { profileId: cat, topic: 'daily', status: 'subscribed' },
    });
    const { confirmationPath } = subscribed.json<{ confirmationPath: string }>();
    clock.advance(7 * 86_400_000 + 1000);
    expect(
      (await app.inject({ method: 'POST', url: confirmationPath, headers: form, payload: '' })).statusCode,
    ).toBe(404);
    expect(await readSubscriptions(getStore(), cat)).toMatchObject([
      { topicName: 'daily', status: 'pending' },
    ]);
  });
});
