import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { commitMessages } from '../../ingest/commit-messages.ts';
import { GroupCommitter } from '../../ingest/group-commit.ts';
import { describeEachEngine } from '../../test-support/engines.ts';
import { normalized } from '../../test-support/messages.ts';
import { buildServer } from '../server.ts';

const AS_OF = '2025-03-15T12:00:00.000Z';

describeEachEngine('segments API', (getStore) => {
  let app: FastifyInstance;
  const headers = { authorization: 'Bearer k' };
  const call = (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) =>
    app.inject({ method, url, headers, ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    const store = getStore();
    await store.transaction((tx) =>
      commitMessages(tx, [
        normalized({ type: 'track', userId: 'ann', event: 'purchase', timestamp: '2025-03-10T00:00:00Z' }),
        normalized({ type: 'identify', userId: 'bob', traits: { plan: 'gold' } }),
      ]),
    );
    app = await buildServer({ store, committer: new GroupCommitter({ store }), adminKey: 'k' });
  });
  afterAll(async () => app.close());

  it('needs the admin key', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/segments' })).statusCode).toBe(401);
  });

  it('previews, creates, refreshes and reads a segment with its members and transitions', async () => {
    const preview = await call('POST', '/api/segments/preview', {
      text: 'performed purchase in last 30 days',
      asOf: AS_OF,
    });
    expect(preview.json()).toMatchObject({ count: 1, sample: [expect.any(String)] });

    const created = await call('POST', '/api/segments', {
      name: 'recent buyers',
      text: 'performed purchase in last 30 days',
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ name: 'recent buyers', realtime: true });

    const refreshed = await call('POST', '/api/segments/recent%20buyers/refresh', { asOf: AS_OF });
    expect(refreshed.json()).toEqual({ segment: 'recent buyers', members: 1, entered: 1, exited: 0 });
    expect((await call('GET', '/api/segments/recent%20buyers')).json()).toMatchObject({ members: 1 });
    const [member] = (await call('GET', '/api/segments/recent%20buyers/members')).json();
    expect(member.profileId).toBe(preview.json().sample[0]);
    const transitions = (await call('GET', '/api/segments/recent%20buyers/transitions')).json();
    expect(transitions).toEqual([{ profileId: member.profileId, kind: 'entered', occurredAt: AS_OF }]);

    // Sixty days later the purchase is outside the window.
    const all = await call('POST', '/api/segments/refresh', { asOf: '2025-05-15T00:00:00Z' });
    expect(all.json()).toEqual([{ segment: 'recent buyers', members: 0, entered: 0, exited: 1 }]);
  });

  it('answers errors with the status of their code', async () => {
    const invalid = await call('POST', '/api/segments', { name: 'x', text: 'plan = = "gold"' });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().message).toContain('col 8');
    await call('POST', '/api/segments', {
      name: 'gold',
      definition: {
        schemaVersion: 1,
        condition: { type: 'trait', field: 'plan', predicate: { op: 'eq', value: 'gold' } },
      },
    });
    expect((await call('POST', '/api/segments', { name: 'gold', text: 'plan = "x"' })).statusCode).toBe(409);
    expect((await call('GET', '/api/segments/nope')).statusCode).toBe(404);
    expect((await call('POST', '/api/segments/preview', {})).statusCode).toBe(400);
  });

  it('lists segments and deletes one unless another refers to it', async () => {
    await call('POST', '/api/segments', {
      name: 'gold buyers',
      text: 'segment "gold" and segment "recent buyers"',
    });
    const names = (await call('GET', '/api/segments'))
      .json()
      .map((segment: { name: string }) => segment.name);
    expect(names).toEqual(['gold', 'gold buyers', 'recent buyers']);
    expect((await call('DELETE', '/api/segments/gold')).statusCode).toBe(409);
    expect((await call('DELETE', '/api/segments/gold%20buyers')).statusCode).toBe(200);
    expect((await call('DELETE', '/api/segments/gold')).statusCode).toBe(200);
  });
});
