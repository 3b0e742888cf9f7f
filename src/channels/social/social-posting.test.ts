import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildServer } from '../../api/server.ts';
import { ManualClock } from '../../clock.ts';
import { GroupCommitter } from '../../ingest/group-commit.ts';
import { describeEachEngine } from '../../test-support/engines.ts';
import { verifyWebhookSignature } from '../webhook/sign-webhook.ts';
import { startTestHttpServer, type TestHttpServer } from '../webhook/test-http-server.ts';
import { postDueSocialPosts } from './post-due-social-posts.ts';
import { startTestMastodonServer, type TestMastodonServer } from './test-mastodon-server.ts';

const headers = { authorization: 'Bearer admin-key' };

describeEachEngine('social posting', (getStore) => {
  const clock = new ManualClock('2025-03-01T10:00:00Z');
  let app: FastifyInstance;
  let mastodon: TestMastodonServer;
  let bridge: TestHttpServer;
  const post = (payload: Record<string, unknown>) =>
    app.inject({ method: 'POST', url: '/api/social/posts', headers, payload });
  const postDue = () => postDueSocialPosts(getStore(), { clock });

  beforeAll(async () => {
    const store = getStore();
    mastodon = await startTestMastodonServer('token-1');
    bridge = await startTestHttpServer();
    app = await buildServer({
      store,
      committer: new GroupCommitter({ store }),
      adminKey: 'admin-key',
      clock,
    });
    const accounts = [
      { type: 'mastodon', name: 'shop', baseUrl: `${mastodon.http.url}/`, token: 'token-1' },
      { type: 'mastodon', name: 'revoked', baseUrl: mastodon.http.url, token: 'old-token' },
      { type: 'webhook', name: 'bridge', url: `${bridge.url}/social`, secret: 'bridge-secret' },
    ];
    for (const account of accounts) {
      const response = await app.inject({
        method: 'POST',
        url: '/api/social/accounts',
        headers,
        payload: account,
      });
      expect(response.statusCode, response.body).toBe(201);
    }
  });
  afterAll(async () => {
    await app.close();
    await mastodon.http.close();
    await bridge.close();
  });

  it('lists accounts without their tokens or secrets', async () => {
    const listed = (await app.inject({ url: '/api/social/accounts', headers })).json();
    expect(listed.map((account: { name: string }) => account.name)).toEqual(['bridge', 'revoked', 'shop']);
    expect(JSON.stringify(listed)).not.toMatch(/token-1|old-token|bridge-secret/);
    const duplicate = await app.inject({
      method: 'POST',
      url: '/api/social/accounts',
      headers,
      payload: { type: 'webhook', name: 'bridge', url: 'http://x.example/' },
    });
    expect(duplicate.statusCode).toBe(409);
  });

  it('posts a due post with its Idempotency-Key, and leaves future posts in the calendar', async () => {
    const now = (await post({ account: 'shop', text: 'Spring sale starts now' })).json();
    const later = (
      await post({ account: 'shop', text: 'Last day!', scheduledAt: '2025-03-08T09:00:00Z' })
    ).json();
    expect(await postDue()).toEqual({ posted: 1, retrying: 0, failed: 0 });
    const [request] = mastodon.http.received;
    expect(request).toMatchObject({ method: 'POST', url: '/api/v1/statuses' });
    expect(request?.headers['idempotency-key']).toBe(now.id);
    expect(JSON.parse(request?.body ?? '')).toEqual({
      status: 'Spring sale starts now',
      visibility: 'public',
    });
    const calendar = (
      await app.inject({ url: '/api/social/calendar?from=2025-03-01&to=2025-03-31', headers })
    ).json();
    expect(calendar.map((entry: { text: string; status: string }) => [entry.text, entry.status])).toEqual([
      ['Spring sale starts now', 'posted'],
      ['Last day!', 'scheduled'],
    ]);
    expect(calendar[0]).toMatchObject({ remoteId: '100', postedAt: '2025-03-01T10:00:00.000Z' });
    const march8 = (
      await app.inject({ url: '/api/social/calendar?from=2025-03-08&to=2025-03-09', headers })
    ).json();
    expect(march8.map((entry: { id: string }) => entry.id)).toEqual([later.id]);
  });

  it('retries a post the server answered 503 after its Retry-After, without posting it twice', async () => {
    mastodon.failNextPosts(1, 503);
    const created = (await post({ account: 'shop', text: 'Flash sale' })).json();
    expect(await postDue()).toEqual({ posted: 0, retrying: 1, failed: 0 });
    // Backoff for the first retry is 60 s, longer than the server's Retry-After of 30 s.
    clock.advance(59_000);
    expect(await postDue()).toEqual({ posted: 0, retrying: 0, failed: 0 });
    clock.advance(1_000);
    expect(await postDue()).toEqual({ posted: 1, retrying: 0, failed: 0 });
    expect(mastodon.statuses.filter((status) => status.text === 'Flash sale')).toHaveLength(1);
    const stored = (await app.inject({ url: `/api/social/posts/${created.id}`, headers })).json();
    expect(stored).toMatchObject({ status: 'posted', attempts: 2, lastError: null });
  });

  it('fails a post for good when the token is refused (401), keeping the error', async () => {
    const created = (await post({ account: 'revoked', text: 'Nope' })).json();
    expect(await postDue()).toEqual({ posted: 0, retrying: 0, failed: 1 });
    const stored = (await app.inject({ url: `/api/social/posts/${created.id}`, headers })).json();
    expect(stored.status).toBe('failed');
    expect(stored.lastError).toContain('HTTP 401');
  });

  it('posts to a webhook account as signed JSON', async () => {
    const created = (await post({ account: 'bridge', text: 'Hello from the bridge' })).json();
    expect(await postDue()).toEqual({ posted: 1, retrying: 0, failed: 0 });
    const [request] = bridge.received;
    expect(JSON.parse(request?.body ?? '')).toMatchObject({
      type: 'social.post',
      post: { id: created.id, account: 'bridge', text: 'Hello from the bridge' },
    });
    const signed = {
      secret: 'bridge-secret',
      body: request?.body ?? '',
      signature: String(request?.headers['x-segmint-signature']),
      timestamp: String(request?.headers['x-segmint-timestamp']),
      now: clock.now(),
    };
    expect(verifyWebhookSignature(signed)).toBe(true);
  });

  it('refreshes engagement through the API and refuses bad input with the field named', async () => {
    const first = mastodon.statuses[0];
    if (!first) throw new Error('no status');
    Object.assign(first, { favourites: 9, reblogs: 3, replies: 2 });
    const refreshed = (await app.inject({ method: 'POST', url: '/api/social/engagement', headers })).json();
    expect(refreshed).toEqual({ updated: 2, errors: [] });
    const calendar = (await app.inject({ url: '/api/social/calendar?account=shop', headers })).json();
    const spring = calendar.find((entry: { text: string }) => entry.text === 'Spring sale starts now');
    expect(spring.engagement).toMatchObject({ favourites: 9, reblogs: 3, replies: 2 });
    const bad = await post({ account: 'shop', text: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('social post.text');
    expect((await post({ account: 'ghost', text: 'x' })).statusCode).toBe(404);
  });

  it('cancels a scheduled post, and refuses to cancel one already posted', async () => {
    const created = (
      await post({ account: 'shop', text: 'Maybe', scheduledAt: '2025-04-01T00:00:00Z' })
    ).json();
    expect(
      (await app.inject({ method: 'DELETE', url: `/api/social/posts/${created.id}`, headers })).json(),
    ).toEqual({
      cancelled: created.id,
    });
    const posted = (await app.inject({ url: '/api/social/calendar?account=shop', headers })).json()[0];
    expect(
      (await app.inject({ method: 'DELETE', url: `/api/social/posts/${posted.id}`, headers })).statusCode,
    ).toBe(409);
  });
});
