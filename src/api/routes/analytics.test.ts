import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { commitMessages } from '../../ingest/commit-messages.ts';
import { GroupCommitter } from '../../ingest/group-commit.ts';
import { describeEachEngine } from '../../test-support/engines.ts';
import { normalized } from '../../test-support/messages.ts';
import { buildServer } from '../server.ts';

describeEachEngine('analytics API', (getStore) => {
  let app: FastifyInstance;
  const headers = { authorization: 'Bearer k' };

  beforeAll(async () => {
    const store = getStore();
    await store.transaction((tx) =>
      commitMessages(
        tx,
        ['a', 'b', 'c'].map((userId, index) =>
          normalized({
            type: 'track',
            userId,
            event: 'purchase',
            timestamp: `2024-0${index + 1}-10T00:00:00Z`,
            properties: { amount: 10 },
          }),
        ),
      ),
    );
    app = await buildServer({ store, committer: new GroupCommitter({ store }), adminKey: 'k' });
  });
  afterAll(async () => app.close());

  it('computes RFM and answers with the summary per named segment', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/analytics/rfm',
      headers,
      payload: { asOf: '2024-04-01' },
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.customers).toBe(3);
    expect(
      body.segments.reduce((sum: number, group: { customers: number }) => sum + group.customers, 0),
    ).toBe(3);
  });

  it('rejects invalid options with a 400 naming the field', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/analytics/rfm',
      headers,
      payload: { asOf: 'someday' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toMatch(/body\.asOf/);
  });

  it('returns the cohort retention matrix', async () => {
    const response = await app.inject({ url: '/api/analytics/cohorts?maxPeriods=3', headers });
    expect(response.statusCode).toBe(200);
    expect(response.json().map((cohort: { cohort: string }) => cohort.cohort)).toEqual([
      '2024-01',
      '2024-02',
      '2024-03',
    ]);
  });
});
