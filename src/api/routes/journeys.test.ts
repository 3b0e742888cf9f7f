import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ManualClock } from '../../clock.ts';
import { GroupCommitter } from '../../ingest/group-commit.ts';
import { createTestTemplate } from '../../journeys/testing/journey-world.ts';
import { describeEachEngine } from '../../test-support/engines.ts';
import { buildServer } from '../server.ts';

const definition = {
  schemaVersion: 1,
  name: 'api welcome',
  trigger: { type: 'event', event: 'Signed Up' },
  start: 'wait',
  nodes: [
    { id: 'wait', type: 'delay', duration: '1d', next: 'mail' },
    { id: 'mail', type: 'send', template: 'welcome' },
  ],
};

describeEachEngine('journeys API', (getStore) => {
  let app: FastifyInstance;
  const headers = { authorization: 'Bearer k' };
  const call = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
    app.inject({ method, url, headers, ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    const store = getStore();
    await createTestTemplate(store, 'welcome');
    app = await buildServer({
      store,
      committer: new GroupCommitter({ store }),
      adminKey: 'k',
      clock: new ManualClock('2025-05-01T00:00:00Z'),
    });
  });
  afterAll(async () => app.close());

  it('needs the admin key', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/journeys' })).statusCode).toBe(401);
  });

  it('validates a definition and returns every problem for the editor', async () => {
    const bad = await call('POST', '/api/journeys/validate', {
      ...definition,
      nodes: [
        { id: 'wait', type: 'delay', duration: '1d', next: 'gone' },
        { id: 'lost', type: 'exit' },
      ],
    });
    expect(bad.statusCode).toBe(200);
    expect(bad.json()).toMatchObject({
      ok: false,
      problems: [
        { path: 'nodes[0].next', message: expect.stringContaining('"gone", which does not exist') },
        { path: 'nodes[1]', message: expect.stringContaining('unreachable') },
      ],
    });
    expect((await call('POST', '/api/journeys/validate', definition)).json()).toEqual({ ok: true });
  });

  it('creates, versions, shows, pauses, resumes and archives a journey', async () => {
    const created = await call('POST', '/api/journeys', definition);
    expect(created.statusCode).toBe(201);
    const { journey } = created.json();
    expect(journey).toMatchObject({ name: 'api welcome', status: 'active', currentVersion: 1 });
    const edited = await call('POST', '/api/journeys', { ...definition, holdoutPercent: 10 });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ created: false, version: 2 });
    const invalid = await call('POST', '/api/journeys', { ...definition, start: 'nowhere' });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().details).toContainEqual({
      path: 'start',
      message: 'start node "nowhere" does not exist',
    });

    const shown = await call('GET', `/api/journeys/${journey.id}`);
    expect(shown.json()).toMatchObject({
      journey: { id: journey.id, currentVersion: 2 },
      nodes: [
        { nodeId: 'wait', type: 'delay', entered: 0, waiting: 0, exited: 0, converted: 0 },
        { nodeId: 'mail', type: 'send', entered: 0 },
      ],
    });
    expect((await call('POST', '/api/journeys/api%20welcome/pause')).json()).toMatchObject({
      status: 'paused',
    });
    expect((await call('POST', '/api/journeys/api%20welcome/resume')).json()).toMatchObject({
      status: 'active',
    });
    expect((await call('POST', '/api/journeys/api%20welcome/archive')).json()).toMatchObject({
      status: 'archived',
    });
    expect((await call('POST', '/api/journeys/api%20welcome/resume')).statusCode).toBe(409);
    expect((await call('GET', '/api/journeys')).json()).toHaveLength(1);
    expect((await call('GET', '/api/journeys/nope')).statusCode).toBe(404);
  });

  it('reads and sets the global holdout, refusing more than half of all profiles', async () => {
    expect((await call('GET', '/api/settings/global-holdout')).json()).toEqual({ percent: 0 });
    const refused = await call('PUT', '/api/settings/global-holdout', { percent: 80 });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().message).toMatch(/between 0 and 50/);
    expect((await call('PUT', '/api/settings/global-holdout', { percent: 5 })).json()).toEqual({
      percent: 5,
    });
    expect((await call('GET', '/api/settings/global-holdout')).json()).toEqual({ percent: 5 });
    await call('PUT', '/api/settings/global-holdout', { percent: 0 });
  });
});
