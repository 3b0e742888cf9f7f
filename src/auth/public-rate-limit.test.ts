import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildServer } from '../api/server.ts';
import { ManualClock } from '../clock.ts';
import { GroupCommitter } from '../ingest/group-commit.ts';
import { createSource } from '../sources/sources.ts';
import { describeEachEngine } from '../test-support/engines.ts';

describeEachEngine('rate limiting of public endpoints', (getStore) => {
  let app: FastifyInstance;
  const clock = new ManualClock('2025-06-01T00:00:00Z');
  let shopKey = '';
  let appKey = '';
  const track = (writeKey: string) =>
    app.inject({
      method: 'POST',
      url: '/v1/track',
      headers: { authorization: `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}` },
      payload: { userId: 'u1', event: 'Viewed' },
    });

  beforeAll(async () => {
    const store = getStore();
    shopKey = (await createSource(store, 'shop')).writeKey;
    appKey = (await createSource(store, 'app')).writeKey;
    app = await buildServer({
      store,
      committer: new GroupCommitter({ store }),
      adminKey: 'k',
      clock,
      rateLimit: { capacity: 3, refillPerSecond: 0.5 },
    });
  });
  afterAll(async () => app.close());

  it('answers 429 with Retry-After once a write key has spent its burst, per key, until tokens refill', async () => {
    for (let request = 0; request < 3; request += 1) expect((await track(shopKey)).statusCode).toBe(200);
    const limited = await track(shopKey);
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBe('2');
    expect(limited.json()).toMatchObject({
      error: 'rate_limited',
      message: expect.stringContaining('write key'),
    });
    // Another source has its own bucket; the management API is not limited.
    expect((await track(appKey)).statusCode).toBe(200);
    for (let request = 0; request < 5; request += 1)
      expect(
        (await app.inject({ method: 'GET', url: '/api/segments', headers: { authorization: 'Bearer k' } }))
          .statusCode,
      ).toBe(200);
    clock.advance(2000);
    expect((await track(shopKey)).statusCode).toBe(200);
    expect((await track(shopKey)).statusCode).toBe(429);
  });

  it('limits callers without a write key by address', async () => {
    const anonymous = () =>
      app.inject({ method: 'GET', url: '/v1/no-such-endpoint', remoteAddress: '203.0.113.9' });
    for (let request = 0; request < 3; request += 1) expect((await anonymous()).statusCode).not.toBe(429);
    expect((await anonymous()).statusCode).toBe(429);
  });
});
