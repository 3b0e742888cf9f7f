import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ManualClock } from '../../clock.ts';
import { commitMessages } from '../../ingest/commit-messages.ts';
import { GroupCommitter } from '../../ingest/group-commit.ts';
import { describeEachEngine } from '../../test-support/engines.ts';
import { normalized } from '../../test-support/messages.ts';
import { buildServer } from '../server.ts';

describeEachEngine('privacy API', (getStore) => {
  let app: FastifyInstance;
  const clock = new ManualClock('2025-06-01T00:00:00Z');
  const call = (method: 'GET' | 'POST', url: string, payload?: object) =>
    app.inject({ method, url, headers: { authorization: 'Bearer k' }, ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    const store = getStore();
    await store.transaction((tx) =>
      commitMessages(tx, [
        normalized({ type: 'identify', userId: 'dora-1', traits: { email: 'dora@example.com' } }),
        normalized({ type: 'track', userId: 'dora-1', event: 'Order Completed', properties: { revenue: 9 } }),
      ]),
    );
    app = await buildServer({ store, committer: new GroupCommitter({ store }), adminKey: 'k', clock });
  });
  afterAll(async () => app.close());

  it('exports, erases, lists the requests and lifts a suppression', async () => {
    const exported = await call('POST', '/api/privacy/export', { userId: 'dora-1' });
    expect(exported.statusCode).toBe(200);
    expect(exported.json()).toMatchObject({
      schemaVersion: 1,
      identifiers: { userIds: ['dora-1'], emails: ['dora@example.com'] },
      tables: {
        events: [expect.anything(), expect.anything()],
        profiles: [expect.objectContaining({ user_id: 'dora-1' })],
      },
    });

    clock.advance(1000);
    const erased = await call('POST', '/api/privacy/erase', { email: 'dora@example.com' });
    expect(erased.json()).toMatchObject({ profiles: 1, deleted: { events: 2 }, suppressedIdentities: 2 });
    clock.advance(1000);
    expect((await call('POST', '/api/privacy/export', { userId: 'dora-1' })).json().tables).toEqual({});

    const requests = (await call('GET', '/api/privacy/requests')).json();
    expect(
      requests.map((request: { kind: string; requestedBy: string }) => [request.kind, request.requestedBy]),
    ).toEqual([
      ['export', 'bootstrap-admin'],
      ['erase', 'bootstrap-admin'],
      ['export', 'bootstrap-admin'],
    ]);
    expect((await call('POST', '/api/privacy/unsuppress', { userId: 'dora-1' })).json()).toEqual({
      wasSuppressed: true,
    });
  });

  it('answers 400 naming the field for a malformed subject, 404 for an unknown profile', async () => {
    const bad = await call('POST', '/api/privacy/erase', { email: 'a@b.c', userId: 'x' });
    expect(bad.statusCode).toBe(400);
    expect((await call('POST', '/api/privacy/erase', { profileId: 'nope' })).statusCode).toBe(404);
  });
});
