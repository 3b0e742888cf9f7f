import { afterAll, beforeAll, expect, it } from 'vitest';
import { commitMessages } from '../../ingest/commit-messages.ts';
import { GroupCommitter } from '../../ingest/group-commit.ts';
import type { Store } from '../../store/store.ts';
import { describeEachEngine } from '../../test-support/engines.ts';
import { normalized } from '../../test-support/messages.ts';
import { createApiClient, type ApiClient } from '../../web-client/api-client.ts';
import { ApiError } from '../../web-client/api-error.ts';
import { buildServer } from '../server.ts';
import type { FastifyInstance } from 'fastify';

/** Sets one computed trait on a profile, as the analytics modules do. */
async function setComputed(store: Store, profileId: string, key: string, value: number | string) {
  const type = typeof value === 'number' ? 'double precision' : 'varchar';
  await store.execute(
    `update profiles set computed = ${store.dialect.jsonWithKey('computed', key, `cast($1 as ${type})`)} where id = $2`,
    [value, profileId],
  );
}

// Through the dashboard's own client against a listening server: the client's schemas and the endpoints are
// checked together, over real HTTP.
describeEachEngine('dashboard read API and web client', (getStore) => {
  let app: FastifyInstance;
  let api: ApiClient;
  let baseUrl: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const store = getStore();
    await store.transaction((tx) =>
      commitMessages(tx, [
        normalized({
          type: 'identify',
          userId: 'c',
          timestamp: '2024-01-01T00:00:00Z',
          traits: { plan: 'free' },
        }),
        normalized({
          type: 'identify',
          userId: 'a',
          timestamp: '2024-01-02T00:00:00Z',
          traits: { email: 'a@x.io' },
        }),
        normalized({
          type: 'track',
          userId: 'a',
          event: 'purchase',
          timestamp: '2024-01-10T00:00:00Z',
          properties: { amount: 10 },
        }),
        normalized({
          type: 'track',
          userId: 'b',
          event: 'purchase',
          timestamp: '2024-02-10T00:00:00Z',
          properties: { amount: 20 },
        }),
        normalized({
          type: 'track',
          userId: 'a',
          event: 'Order Completed',
          timestamp: '2024-03-05T00:00:00Z',
          properties: { revenue: 30 },
        }),
        normalized({ type: 'page', userId: 'b', name: 'Home', timestamp: '2024-03-10T00:00:00Z' }),
      ]),
    );
    app = await buildServer({ store, committer: new GroupCommitter({ store }), adminKey: 'k' });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    api = createApiClient({ baseUrl, token: 'k' });
    for (const userId of ['a', 'b', 'c']) ids[userId] = (await api.getProfile(userId)).id;
  });
  afterAll(async () => app.close());

  const idOf = (userId: string) => ids[userId] ?? '';

  it('answers the overview: totals, 30-day activity up to the last event, and KPIs per month', async () => {
    const overview = await api.getOverview();
    expect(overview).toEqual({
      asOf: new Date('2024-03-10T00:00:00Z'),
      profiles: 3,
      customers: 2,
      // a (Mar 5) and b (Feb 10, Mar 10) were active in the 30 days before Mar 10; c only in January.
      active30d: 2,
      orders: 3,
      revenue: 60,
      months: [
        { month: '2024-01', activeProfiles: 2, orders: 1, revenue: 10, newCustomers: 1 },
        { month: '2024-02', activeProfiles: 1, orders: 1, revenue: 20, newCustomers: 1 },
        { month: '2024-03', activeProfiles: 2, orders: 1, revenue: 30, newCustomers: 0 },
      ],
    });
  });

  it('counts customers per stored R and F score', async () => {
    expect(await api.getRfmGrid()).toEqual({ cells: [], scored: 0 });
    await app.inject({
      method: 'POST',
      url: '/api/analytics/rfm',
      headers: { authorization: 'Bearer k' },
      payload: { asOf: '2024-04-01' },
    });
    const grid = await api.getRfmGrid();
    expect(grid.scored).toBe(2);
    // Two buyers split into quintiles 1 and 2 by their last purchase (a in January, b in February).
    expect(grid.cells.map((cell) => cell.r)).toEqual([1, 2]);
    const a = await api.getProfile('a');
    expect(a.computed.rfm).toMatchObject({ r: 1 });
  });

  it('bins CLV up to its 99th percentile and churn risk over [0, 1], and lists cluster personas', async () => {
    const store = getStore();
    await setComputed(store, idOf('a'), 'clv', 100);
    await setComputed(store, idOf('b'), 'clv', 300);
    await setComputed(store, idOf('a'), 'churn_risk', 0.15);
    await setComputed(store, idOf('b'), 'churn_risk', 0.95);
    for (const userId of ['a', 'b']) {
      await setComputed(store, idOf(userId), 'cluster', 0);
      await setComputed(store, idOf(userId), 'cluster_description', 'frequent, high spend');
    }
    const predictions = await api.getPredictions(2);
    expect(predictions.clv.count).toBe(2);
    expect(predictions.clv.mean).toBe(200);
    // p99 of {100, 300} is 298: the bins are [100, 199) and [199, 298], the 300 falls into the top bin.
    expect(predictions.clv.bins.map((bin) => bin.count)).toEqual([1, 1]);
    expect(predictions.clv.bins[0]?.from).toBe(100);
    expect(predictions.clv.bins[1]?.to).toBeCloseTo(298, 6);
    expect(predictions.churnRisk.bins).toEqual([
      { from: 0, to: 0.5, count: 1 },
      { from: 0.5, to: 1, count: 1 },
    ]);
    expect(predictions.clusters).toEqual([{ cluster: 0, description: 'frequent, high spend', profiles: 2 }]);
  });

  it("lists a profile's segment memberships", async () => {
    await api.createSegment({ name: 'buyers', text: 'count(purchase) >= 1' });
    expect((await api.getProfileMemberships(idOf('a'))).memberships.map((m) => m.segment)).toEqual([
      'buyers',
    ]);
    expect((await api.getProfileMemberships(idOf('c'))).memberships).toEqual([]);
  });

  it("pages through a profile's events, newest first", async () => {
    const first = await api.getProfileTimeline(idOf('a'), { limit: 2 });
    expect(first.events.map((event) => event.event ?? event.type)).toEqual(['Order Completed', 'purchase']);
    expect(first.nextOffset).toBe(2);
    const second = await api.getProfileTimeline(idOf('a'), { limit: 2, offset: 2 });
    expect(second.events.map((event) => event.type)).toEqual(['identify']);
    expect(second.nextOffset).toBeNull();
  });

  it('previews a segment and lists profiles through the same client', async () => {
    const preview = await api.previewSegment({ text: 'count(purchase) >= 1' }, { sampleSize: 5 });
    expect(preview.count).toBe(2);
    const page = await api.listProfiles({ search: 'a@x', limit: 10 });
    expect(page.profiles.map((profile) => profile.userId)).toEqual(['a']);
  });

  it("fails with the server's error code and message: a wrong key, a bad query", async () => {
    const outsider = createApiClient({ baseUrl, token: 'wrong' });
    const unauthorized = await outsider.getOverview().catch((error: unknown) => error);
    expect(unauthorized).toBeInstanceOf(ApiError);
    expect(unauthorized).toMatchObject({ status: 401, code: 'unauthorized', isUnauthorized: true });
    const invalid = await api.getPredictions(1).catch((error: unknown) => error);
    expect(invalid).toMatchObject({ status: 400, code: 'invalid_input' });
    expect(invalid instanceof ApiError && invalid.details[0]?.path).toBe('query.bins');
  });
});
