/**
 * Inputs the fuzz tests found answered with a 500 (or silently changed), each pinned down as a specification:
 * they now get a 400 that says why, and nothing is written.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { GroupCommitter } from '../ingest/group-commit.ts';
import { createSource } from '../sources/sources.ts';
import { describeEachEngine } from '../test-support/engines.ts';
import { buildServer } from './server.ts';

describeEachEngine('hostile input to the API', (getStore) => {
  let app: FastifyInstance;
  let authorization: string;

  beforeAll(async () => {
    const store = getStore();
    const { writeKey } = await createSource(store, 'hostile');
    authorization = `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`;
    app = await buildServer({ store, committer: new GroupCommitter({ store }), adminKey: 'admin' });
  });
  afterAll(async () => app.close());
  beforeEach(async () => {
    for (const table of ['events', 'identities', 'profiles', 'profile_merges'])
      await getStore().execute(`delete from ${table}`);
  });

  const post = (url: string, payload: string | Buffer) =>
    app.inject({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/json', authorization },
      payload,
    });
  const get = (url: string) => app.inject({ url, headers: { authorization: 'Bearer admin' } });
  const eventCount = async () =>
    (await getStore().query<{ n: number }>('select count(*) as n from events'))[0]?.n;

  it('refuses properties nested 10,000 levels deep (it overflowed the stack)', async () => {
    const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    const response = await post('/v1/track', `{"userId":"u1","event":"e","properties":{"x":${deep}}}`);
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toMatch(/nests more than 64 levels deep/);
  });

  it('refuses a type that is a deeply nested list instead of a name (it overflowed the stack)', async () => {
    const response = await post(
      '/v1/identify',
      `{"userId":"u1","type":${'['.repeat(60_000)}${']'.repeat(60_000)}}`,
    );
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toMatch(/says type a list\. A type must be one of identify, track/);
  });

  it('refuses NUL characters and unpaired surrogates anywhere (PostgreSQL failed on them)', async () => {
    const bodies = [
      '{"userId":"a\\u0000b","event":"e"}',
      '{"userId":"u1","event":"e\\u0000"}',
      '{"userId":"u1","event":"e","properties":{"k":"\\ud800"}}',
      '{"userId":"u1","event":"e","properties":{"\\u0000":1}}',
    ];
    for (const body of bodies) {
      const response = await post('/v1/track', body);
      expect(response.statusCode, body).toBe(400);
      expect(response.json().message).toMatch(/must be valid Unicode text/);
    }
    expect(await eventCount()).toBe(0);
  });

  it('keeps two user ids apart that differ only in an unpaired surrogate, by refusing them', async () => {
    // The drivers turned both into U+FFFD: the second identify then collided with the first one's identity.
    expect((await post('/v1/identify', '{"userId":"a\\ud800"}')).statusCode).toBe(400);
    expect((await post('/v1/identify', '{"userId":"a\\udbff"}')).statusCode).toBe(400);
  });

  it('refuses invalid UTF-8 instead of storing two different messageIds as one', async () => {
    const withByte = (byte: number) =>
      Buffer.concat([
        Buffer.from('{"userId":"u1","event":"e","messageId":"m'),
        Buffer.from([byte]),
        Buffer.from('"}'),
      ]);
    for (const byte of [0xff, 0xfe]) {
      const response = await post('/v1/track', withByte(byte));
      expect(response.statusCode).toBe(400);
      expect(response.json().message).toMatch(/not valid UTF-8/);
    }
    expect(await eventCount()).toBe(0);
  });

  it('refuses timestamps outside the years 0001–9999, also when the clock-skew correction leads there', async () => {
    const farPast = await post(
      '/v1/track',
      '{"userId":"u1","event":"e","timestamp":"-271821-04-20T00:00:00Z"}',
    );
    expect(farPast.statusCode).toBe(400);
    expect(farPast.json().message).toMatch(/timestamp: must be a date-time between the years 0001 and 9999/);
    const skewed = await post(
      '/v1/track',
      '{"userId":"u1","event":"e","timestamp":"9999-01-01T00:00:00Z","sentAt":"0001-01-01T00:00:00Z"}',
    );
    expect(skewed.statusCode).toBe(400);
    expect(skewed.json().message).toMatch(/sentAt: correcting the clock skew .* outside the years 0001–9999/);
    expect(await eventCount()).toBe(0);
  });

  it('answers a profile id with NUL or broken percent-encoding with a 400 in the usual error shape', async () => {
    for (const url of ['/api/profiles/%00', '/api/profiles?search=%00', '/api/profiles/%ED%A0%80']) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(400);
      expect(response.json()).toMatchObject({ error: 'invalid_input', message: expect.any(String) });
    }
    const unknownRoute = await get('/api/nothing-here');
    expect(unknownRoute.statusCode).toBe(404);
    expect(unknownRoute.json()).toMatchObject({
      error: 'not_found',
      message: expect.stringMatching(/No route/),
    });
  });

  it('searches profiles for "%" and "_" literally, not as LIKE wildcards', async () => {
    await post(
      '/v1/batch',
      JSON.stringify({
        batch: ['a%b', 'under_score', 'plain'].map((userId) => ({ type: 'identify', userId })),
      }),
    );
    const percent = await get('/api/profiles?search=%25');
    const underscore = await get('/api/profiles?search=_');
    expect(percent.json().profiles.map((profile: { userId: string }) => profile.userId)).toEqual(['a%b']);
    expect(underscore.json().profiles.map((profile: { userId: string }) => profile.userId)).toEqual([
      'under_score',
    ]);
  });

  it('finds a profile by a 300-character anonymous id (the URL parameter limit was 100)', async () => {
    const anonymousId = 'a'.repeat(300);
    await post('/v1/page', JSON.stringify({ anonymousId, name: 'Home' }));
    const response = await get(`/api/profiles/${anonymousId}`);
    expect(response.statusCode).toBe(200);
    expect(response.json().identities).toEqual([{ kind: 'anonymous_id', value: anonymousId }]);
  });
});
