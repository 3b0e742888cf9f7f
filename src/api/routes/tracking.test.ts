import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { GroupCommitter } from '../../ingest/group-commit.ts';
import { createSource } from '../../sources/sources.ts';
import { describeEachEngine } from '../../test-support/engines.ts';
import { buildServer } from '../server.ts';

function basic(writeKey: string): string {
  return `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`;
}

describeEachEngine('Segment tracking API', (getStore) => {
  let app: FastifyInstance;
  let writeKey: string;

  beforeAll(async () => {
    const store = getStore();
    writeKey = (await createSource(store, 'website')).writeKey;
    app = await buildServer({ store, committer: new GroupCommitter({ store }), adminKey: 'admin-secret' });
  });
  afterAll(async () => app.close());
  beforeEach(async () => {
    for (const table of ['events', 'identities', 'profiles', 'profile_merges'])
      await getStore().execute(`delete from ${table}`);
  });

  const post = (
    url: string,
    payload: unknown,
    key: string | null = writeKey,
    contentType = 'application/json',
  ) =>
    app.inject({
      method: 'POST',
      url,
      headers: { 'content-type': contentType, ...(key === null ? {} : { authorization: basic(key) }) },
      payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
    });
  const eventCount = async () =>
    (await getStore().query<{ n: number }>('select count(*) as n from events'))[0]?.n;

  it('rejects a wrong or missing write key with 401 and stores nothing', async () => {
    const message = { userId: 'u1', event: 'purchase' };
    const wrong = await post('/v1/track', message, 'not-a-key');
    const missing = await post('/v1/track', message, null);
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().message).toMatch(/Unknown write key/);
    expect(missing.statusCode).toBe(401);
    expect(await eventCount()).toBe(0);
  });

  it('stores each message of a batch sent twice exactly once', async () => {
    const batch = {
      batch: [
        { type: 'track', messageId: 'm1', userId: 'u1', event: 'purchase', properties: { amount: 12.5 } },
        { type: 'page', messageId: 'm2', anonymousId: 'a1', name: 'Home' },
        { type: 'identify', messageId: 'm3', userId: 'u1', traits: { email: 'u1@example.com' } },
      ],
    };
    const first = await post('/v1/batch', batch);
    const retry = await post('/v1/batch', batch);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ success: true, stored: 3, duplicates: 0 });
    expect(retry.json()).toEqual({ success: true, stored: 0, duplicates: 3 });
    expect(await eventCount()).toBe(3);
  });

  it('rejects a whole batch with one invalid message, names it, and writes nothing', async () => {
    const response = await post('/v1/batch', {
      batch: [
        { type: 'track', userId: 'u1', event: 'purchase' },
        { type: 'track', userId: 'u1' },
        { type: 'teleport', userId: 'u1' },
      ],
    });
    expect(response.statusCode).toBe(400);
    const body = response.json();
    expect(body.error).toBe('invalid_input');
    expect(body.message).toMatch(/nothing was stored/);
    expect(body.details.map((detail: { path: string }) => detail.path)).toEqual(
      expect.arrayContaining(['batch[1].event', 'batch[2].type']),
    );
    expect(await eventCount()).toBe(0);
  });

  it('rejects messages without any identity', async () => {
    const response = await post('/v1/track', { event: 'purchase' });
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toMatch(/userId or an anonymousId/);
  });

  it('limits batches to 500 KB and messages to 32 KB with a clear 400', async () => {
    const big = 'x'.repeat(31 * 1024);
    const tooManyBytes = {
      batch: Array.from({ length: 17 }, (_, index) => ({
        type: 'track',
        userId: `u${index}`,
        event: 'e',
        properties: { big },
      })),
    };
    const oversizedBatch = await post('/v1/batch', tooManyBytes);
    expect(oversizedBatch.statusCode).toBe(400);
    expect(oversizedBatch.json().message).toMatch(/500 KB/);

    const oversizedMessage = await post('/v1/track', {
      userId: 'u1',
      event: 'e',
      properties: { big: 'y'.repeat(33 * 1024) },
    });
    expect(oversizedMessage.statusCode).toBe(400);
    expect(oversizedMessage.json().message).toMatch(/32 KB/);
    expect(await eventCount()).toBe(0);
  });

  it('answers malformed JSON with 400', async () => {
    const response = await post('/v1/batch', '{"batch": [', writeKey);
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toMatch(/not valid JSON/);
  });

  it('accepts text/plain bodies and a write key in the body, as analytics.js sends them', async () => {
    const response = await post(
      '/v1/track',
      { writeKey, anonymousId: 'a1', event: 'Clicked' },
      null,
      'text/plain',
    );
    expect(response.statusCode).toBe(200);
    expect(await eventCount()).toBe(1);
  });

  it('corrects the device clock with sentAt, as Segment does', async () => {
    // The device clock is two hours fast: it stamped the event 10 s before it sent the batch.
    const deviceNow = new Date(Date.now() + 2 * 3600_000);
    const eventTime = new Date(deviceNow.getTime() - 10_000);
    const before = Date.now();
    await post('/v1/batch', {
      sentAt: deviceNow.toISOString(),
      batch: [
        { type: 'track', messageId: 'skew', userId: 'u1', event: 'e', timestamp: eventTime.toISOString() },
      ],
    });
    const [row] = await getStore().query<{ occurred_at: Date }>('select occurred_at from events');
    const corrected = row?.occurred_at.getTime() ?? 0;
    expect(corrected).toBeGreaterThanOrEqual(before - 10_000 - 5);
    expect(corrected).toBeLessThanOrEqual(Date.now() - 10_000 + 5);
  });

  it('ties anonymous page views and the later identify to one profile', async () => {
    await post('/v1/page', { anonymousId: 'visitor-1', name: 'Home' });
    await post('/v1/page', { anonymousId: 'visitor-1', name: 'Pricing' });
    await post('/v1/identify', {
      anonymousId: 'visitor-1',
      userId: 'user-1',
      traits: { email: 'ada@example.com' },
    });
    const rows = await getStore().query<{ n: number }>('select count(distinct profile_id) as n from events');
    expect(rows).toEqual([{ n: 1 }]);
    const profile = await app.inject({
      url: '/api/profiles/ada@example.com',
      headers: { authorization: 'Bearer admin-secret' },
    });
    expect(profile.statusCode).toBe(200);
    expect(profile.json().recentEvents).toHaveLength(3);
    expect(profile.json().userId).toBe('user-1');
  });

  it('refuses the management API without the admin key', async () => {
    const response = await app.inject({
      url: '/api/profiles',
      headers: { authorization: `Bearer ${writeKey}` },
    });
    expect(response.statusCode).toBe(401);
  });
});
