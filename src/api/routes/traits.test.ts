import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { commitMessages } from '../../ingest/commit-messages.ts';
import { GroupCommitter } from '../../ingest/group-commit.ts';
import { describeEachEngine } from '../../test-support/engines.ts';
import { normalized } from '../../test-support/messages.ts';
import { buildServer } from '../server.ts';

const purchase = (userId: string, amount: number, category: string) =>
  normalized({ type: 'track', userId, event: 'purchase', properties: { amount, category } });

describeEachEngine('computed traits API', (getStore) => {
  let app: FastifyInstance;
  const headers = { authorization: 'Bearer k' };
  const call = (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) =>
    app.inject({ method, url, headers, ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    const store = getStore();
    await store.transaction((tx) =>
      commitMessages(tx, [
        purchase('ann', 30, 'books'),
        purchase('ann', 12, 'books'),
        purchase('bob', 5, 'toys'),
      ]),
    );
    app = await buildServer({ store, committer: new GroupCommitter({ store }), adminKey: 'k' });
  });
  afterAll(async () => app.close());

  it('previews an expression without saving, then saves and computes it at once', async () => {
    const preview = await call('POST', '/api/traits/preview', { text: 'mode(purchase.category)' });
    expect(preview.json()).toMatchObject({
      profilesWithValue: 2,
      topValues: [
        { value: 'books', profiles: 1 },
        { value: 'toys', profiles: 1 },
      ],
    });
    expect((await call('GET', '/api/traits')).json()).toEqual([]);

    const created = await call('POST', '/api/traits', {
      name: 'lifetime_value',
      text: 'sum(purchase.amount)',
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ name: 'lifetime_value', version: 1, profilesWithValue: 2 });
    const shown = (await call('GET', '/api/traits/lifetime_value')).json();
    expect(shown).toMatchObject({ text: 'sum(purchase.amount)', preview: { profilesWithValue: 2 } });
    expect(shown.preview.topValues.map((entry: { value: string }) => Number(entry.value)).sort()).toEqual([
      42, 5,
    ]);

    const segment = await call('POST', '/api/segments', { name: 'spenders', text: 'lifetime_value > 40' });
    expect(segment.json()).toMatchObject({ members: 1 });
  });

  it('answers bad input with 400 naming the column, and unknown traits with 404', async () => {
    const bad = await call('POST', '/api/traits', { name: 'x', text: 'sum(purchase)' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/col 13/);
    expect((await call('GET', '/api/traits/nope')).statusCode).toBe(404);
    expect((await call('DELETE', '/api/traits/lifetime_value')).statusCode).toBe(409);
  });
});
