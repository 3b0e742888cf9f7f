import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { commitMessages } from '../../ingest/commit-messages.ts';
import { GroupCommitter } from '../../ingest/group-commit.ts';
import {
  createProfiles,
  insertCampaign,
  insertJourneyRuns,
  insertMessages,
  purchaseEvent,
  trackingEvent,
} from '../../reports/testing/seed-report-data.ts';
import { describeEachEngine } from '../../test-support/engines.ts';
import { buildServer } from '../server.ts';

const TREATED = ['ann', 'bob', 'cat', 'eve'];
const HOLDOUT = ['dee', 'fay', 'gus', 'hal'];

describeEachEngine('reports API', (getStore) => {
  let app: FastifyInstance;
  const headers = { authorization: 'Bearer k' };
  const get = (url: string) => app.inject({ method: 'GET', url, headers });

  beforeAll(async () => {
    const store = getStore();
    await createProfiles(store, [...TREATED, ...HOLDOUT]);
    await insertCampaign(store, 'c1', 'spring sale');
    await insertMessages(store, [
      { id: 'm1', userId: 'ann', status: 'sent', campaignId: 'c1', variant: 'A' },
      { id: 'm2', userId: 'bob', status: 'sent', campaignId: 'c1', variant: 'B' },
      { id: 'j1', userId: 'cat', status: 'sent', journeyId: 'welcome-id', nodeId: 'send-1' },
    ]);
    await insertJourneyRuns(store, { id: 'welcome-id', name: 'welcome' }, [
      ...TREATED.map((userId) => ({ userId, status: 'completed' })),
      ...HOLDOUT.map((userId) => ({ userId, status: 'holdout' })),
    ]);
    await store.transaction((tx) =>
      commitMessages(tx, [
        trackingEvent('ann', 'Email Opened', 1, { messageId: 'm1' }),
        trackingEvent('ann', 'Email Link Clicked', 2, { messageId: 'm1' }),
        trackingEvent('bob', 'Email Opened', 1, { messageId: 'm2' }),
        purchaseEvent('ann', 3, { revenue: 100 }),
        purchaseEvent('bob', 30, { revenue: 50 }),
        purchaseEvent('dee', 40, { revenue: 20 }),
      ]),
    );
    app = await buildServer({ store, committer: new GroupCommitter({ store }), adminKey: 'k' });
  });
  afterAll(async () => app.close());

  it('reports a campaign by name with its variants compared with the control', async () => {
    const response = await get('/api/reports/campaigns/spring%20sale');
    expect(response.statusCode).toBe(200);
    const report = response.json();
    expect(report.campaign).toMatchObject({ id: 'c1', name: 'spring sale', status: 'sent' });
    expect(report.kpis).toMatchObject({
      sent: 2,
      uniqueOpens: 2,
      uniqueClicks: 1,
      conversions: 1,
      revenue: 100,
    });
    expect(report.variants.map((variant: { variant: string }) => variant.variant)).toEqual(['A', 'B']);
    expect(report.variants[0].versusControl).toBeNull();
    expect(report.variants[1].versusControl.clickRate).toMatchObject({ controlRate: 1, variantRate: 0 });
  });

  it('measures a journey against its holdout group', async () => {
    const report = (await get('/api/reports/journeys/welcome')).json();
    expect(report.holdout.treated).toMatchObject({ profiles: 4, converted: 2, revenue: 150 });
    expect(report.holdout.holdout).toMatchObject({ profiles: 4, converted: 1, revenue: 20 });
    expect(report.holdout.comparison.absoluteLift).toBeCloseTo(0.25, 12);
    expect(report.holdout.incrementalConversions).toBeCloseTo(1, 12);
    expect(report.holdout.incrementalRevenue).toBeCloseTo(130, 12);
    expect(report.runs).toEqual([
      { status: 'completed', runs: 4 },
      { status: 'holdout', runs: 4 },
    ]);
    expect(report.nodes).toEqual([expect.objectContaining({ nodeId: 'send-1' })]);
  });

  it('answers CSV when asked, with a header and one line per row', async () => {
    const response = await get('/api/reports/campaigns/c1?format=csv');
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    const lines = response.body.trim().split('\n');
    expect(lines[0]).toMatch(/^row,sent,delivered,/);
    expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual([
      'campaign spring sale',
      'variant A',
      'variant B',
    ]);
  });

  it('gives an overview of business KPIs for a period', async () => {
    const report = (await get('/api/reports/overview?since=2025-04-01&until=2025-06-01')).json();
    expect(report.business).toMatchObject({
      customers: 3,
      newCustomers: 3,
      orders: 3,
      revenue: 170,
      repeatRate: 0,
    });
    expect(report.business.averageOrderValue).toBeCloseTo(170 / 3, 10);
    expect(report.business.monthly).toEqual([
      { month: '2025-05', orders: 3, revenue: 170, activeCustomers: 3, newCustomers: 3 },
    ]);
  });

  it('answers unknown subjects with 404 and bad options with 400', async () => {
    expect((await get('/api/reports/campaigns/nope')).statusCode).toBe(404);
    const bad = await get('/api/reports/overview?model=magic');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/model/);
    const cost = await app.inject({
      method: 'PUT',
      url: '/api/costs',
      headers,
      payload: { scope: 'acquisition', scopeId: 'May' },
    });
    expect(cost.statusCode).toBe(400);
    expect(cost.json().message).toMatch(/YYYY-MM/);
  });

  it('exposes Prometheus metrics behind the admin key', async () => {
    expect((await app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401);
    const response = await get('/metrics');
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(response.body).toContain('segmint_messages{channel="email",status="sent"} 3');
    expect(response.body).toContain('segmint_journey_runs{status="holdout"} 4');
    expect(response.body).toMatch(
      /segmint_http_requests_total\{method="GET",route="\/api\/reports\/campaigns\/:id",status="2xx"\} \d+/,
    );
  });
});
