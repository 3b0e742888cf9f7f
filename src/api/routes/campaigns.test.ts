import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addProfiles, addTemplate } from '../../campaigns/testing/campaign-fixtures.ts';
import { ManualClock } from '../../clock.ts';
import { commitMessages } from '../../ingest/commit-messages.ts';
import { GroupCommitter } from '../../ingest/group-commit.ts';
import { createSegment } from '../../segments/saved/segment-store.ts';
import { describeEachEngine } from '../../test-support/engines.ts';
import { normalized } from '../../test-support/messages.ts';
import { buildServer } from '../server.ts';

describeEachEngine('campaigns and lead scoring API', (getStore) => {
  let app: FastifyInstance;
  const clock = new ManualClock('2025-03-01T09:00:00Z');
  const headers = { authorization: 'Bearer k' };
  const call = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
    app.inject({ method, url, headers, ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    const store = getStore();
    await addProfiles(store, [
      { userId: 'ann', traits: { plan: 'gold' } },
      { userId: 'bob', traits: { plan: 'gold' } },
    ]);
    await store.transaction((tx) =>
      commitMessages(tx, [
        normalized({
          type: 'track',
          userId: 'bob',
          event: 'Demo Requested',
          timestamp: '2025-03-01T08:00:00Z',
        }),
      ]),
    );
    await createSegment(store, { name: 'gold', text: 'plan = "gold"', realtime: false });
    await addTemplate(store, 'newsletter');
    app = await buildServer({ store, committer: new GroupCommitter({ store }), adminKey: 'k', clock });
  });
  afterAll(async () => app.close());

  it('needs the admin key', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/campaigns' })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/api/scoring' })).statusCode).toBe(401);
  });

  it('creates, schedules, sends and reports a campaign', async () => {
    const created = await call('POST', '/api/campaigns', {
      name: 'hello',
      template: 'newsletter',
      segment: 'gold',
    });
    expect(created.statusCode).toBe(201);
    const { id } = created.json();
    const scheduled = await call('POST', `/api/campaigns/${id}/schedule`, {
      schedule: { type: 'at', at: '2025-03-02T09:00:00Z' },
    });
    expect(scheduled.json()).toMatchObject({ status: 'scheduled', fireAt: '2025-03-02T09:00:00.000Z' });
    // Sending now does not wait for the schedule.
    const sent = await call('POST', `/api/campaigns/${id}/send`);
    expect(sent.json()).toEqual({
      campaign: 'hello',
      status: 'sent',
      steps: ['enqueue_audience'],
      enqueued: 2,
    });
    const report = await call('GET', '/api/campaigns/hello');
    expect(report.json()).toMatchObject({ recipients: 2, byStatus: { queued: 2 }, abTest: null });
    expect((await call('GET', '/api/campaigns')).json()).toMatchObject([{ name: 'hello', status: 'sent' }]);
    expect((await call('POST', `/api/campaigns/${id}/cancel`)).json()).toMatchObject({ skippedMessages: 2 });
  });

  it('answers errors with the status of their code', async () => {
    const invalid = await call('POST', '/api/campaigns', {
      name: 'x',
      template: 'newsletter',
      segment: 'gold',
      abTest: { variants: [{ name: 'A' }] },
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().message).toContain('campaign.abTest');
    expect(
      (await call('POST', '/api/campaigns', { name: 'y', template: 'nope', segment: 'gold' })).statusCode,
    ).toBe(404);
    expect(
      (await call('POST', '/api/campaigns', { name: 'hello', template: 'newsletter', segment: 'gold' }))
        .statusCode,
    ).toBe(409);
    expect((await call('GET', '/api/campaigns/nope')).statusCode).toBe(404);
    expect((await call('GET', '/api/scoring')).statusCode).toBe(404);
  });

  it('sets lead-scoring rules, recomputes and shows the top scores', async () => {
    const saved = await call('PUT', '/api/scoring', {
      rules: [{ event: 'Demo Requested', points: 20, maxPoints: 30 }],
    });
    expect(saved.json()).toMatchObject({
      version: 1,
      recomputedAt: null,
      definition: { recomputeEveryMinutes: 15 },
    });
    const recomputed = await call('POST', '/api/scoring/recompute', {});
    expect(recomputed.json()).toEqual({ recomputed: true, changedProfiles: 2, segmentTransitions: 0 });
    const shown = await call('GET', '/api/scoring?top=1');
    expect(shown.json()).toMatchObject({
      version: 1,
      recomputedAt: '2025-03-01T09:00:00.000Z',
      top: [{ userId: 'bob', score: 20 }],
    });
    expect((await call('PUT', '/api/scoring', { rules: [] })).statusCode).toBe(400);
  });
});
