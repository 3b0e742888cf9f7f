import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ManualClock } from '../../clock.ts';
import { commitMessages } from '../../ingest/commit-messages.ts';
import { GroupCommitter } from '../../ingest/group-commit.ts';
import { describeEachEngine } from '../../test-support/engines.ts';
import { normalized } from '../../test-support/messages.ts';
import { buildServer } from '../server.ts';

describeEachEngine('consent, subscriptions and send rules API', (getStore) => {
  let app: FastifyInstance;
  const clock = new ManualClock('2026-01-06T22:30:00Z');
  const call = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
    app.inject({ method, url, headers: { authorization: 'Bearer k' }, ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    const store = getStore();
    await store.transaction((tx) =>
      commitMessages(tx, [
        normalized({
          type: 'identify',
          userId: 'dan',
          traits: { email: 'dan@example.com', timezone: 'Asia/Tokyo' },
        }),
      ]),
    );
    app = await buildServer({
      store,
      committer: new GroupCommitter({ store }),
      adminKey: 'k',
      clock,
      rateLimit: false,
    });
  });
  afterAll(async () => app.close());

  it('needs the admin key', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/send-rules' })).statusCode).toBe(401);
  });

  it('records consent given through the API and shows it by any identity of the profile', async () => {
    const created = await call('POST', '/api/consent', {
      profileId: 'dan@example.com',
      purpose: 'analytics',
      channel: 'all',
      status: 'denied',
      evidence: { ticket: 'SUP-1' },
    });
    expect(created.statusCode).toBe(201);
    const shown = (await call('GET', '/api/consent/dan')).json();
    expect(shown).toMatchObject({
      current: [
        {
          purpose: 'analytics',
          channel: 'all',
          status: 'denied',
          source: 'api',
          evidence: { ticket: 'SUP-1' },
        },
      ],
    });
  });

  it('names the bad fields of an invalid consent body', async () => {
    const response = await call('POST', '/api/consent', {
      profileId: 'dan',
      purpose: 'spam',
      channel: 'email',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json<{ message: string }>().message).toMatch(/consent\.purpose.*consent\.status/);
  });

  it('creates topics, sets send rules and answers what the dispatcher would decide', async () => {
    expect(
      (await call('POST', '/api/subscriptions/topics', { name: 'weekly', channel: 'email' })).statusCode,
    ).toBe(201);
    expect(
      (await call('POST', '/api/subscriptions/topics', { name: 'weekly', channel: 'email' })).statusCode,
    ).toBe(409);
    expect((await call('GET', '/api/subscriptions/topics')).json()).toMatchObject([{ name: 'weekly' }]);
    const rule = await call('PUT', '/api/send-rules/email', { quietStart: '21:00', quietEnd: '08:00' });
    expect(rule.json()).toMatchObject({ channel: 'email', quietStart: '21:00', maxMessages: null });
    const bad = await call('PUT', '/api/send-rules/email', { quietStart: '25:00', quietEnd: '08:00' });
    expect(bad.statusCode).toBe(400);
    // 22:30 UTC is 07:30 in Tokyo: quiet until 08:00 JST (23:00 UTC).
    const decision = await call('POST', '/api/send-policy/check', { profileId: 'dan', channel: 'email' });
    expect(decision.json()).toEqual({
      decision: 'defer',
      until: '2026-01-06T23:00:00.000Z',
      reason: 'quiet_hours',
    });
    const unsubscribed = await call('POST', '/api/subscriptions/unsubscribe', {
      profileId: 'dan',
      channel: 'email',
    });
    expect(unsubscribed.json()).toEqual({ topics: [], consentDenied: true });
    const after = await call('POST', '/api/send-policy/check', { profileId: 'dan', channel: 'email' });
    expect(after.json()).toEqual({ decision: 'suppress', reason: 'consent_denied' });
  });
});
