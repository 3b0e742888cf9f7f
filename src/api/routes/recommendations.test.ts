import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildItemSimilarities } from '../../analytics/recommend/build-item-similarities.ts';
import { commitMessages } from '../../ingest/commit-messages.ts';
import { GroupCommitter } from '../../ingest/group-commit.ts';
import { createSource } from '../../sources/sources.ts';
import { describeEachEngine } from '../../test-support/engines.ts';
import { normalized } from '../../test-support/messages.ts';
import { buildServer } from '../server.ts';

const bought = (userId: string, productId: string) =>
  normalized({ type: 'track', userId, event: 'purchase', properties: { product_id: productId, amount: 5 } });

describeEachEngine('recommendations API', (getStore) => {
  let app: FastifyInstance;
  let profileId: string;
  let writeKey: string;
  const headers = { authorization: 'Bearer admin-key' };

  beforeAll(async () => {
    const store = getStore();
    await store.transaction((tx) =>
      commitMessages(tx, [
        bought('a', 'mug'),
        bought('a', 'tea'),
        bought('b', 'mug'),
        bought('b', 'tea'),
        bought('c', 'mug'),
        bought('d', 'spoon'),
      ]),
    );
    await buildItemSimilarities(store);
    const [row] = await store.query<{ id: string }>("select id from profiles where user_id = 'c'");
    profileId = row?.id ?? '';
    writeKey = (await createSource(store, 'web')).writeKey;
    app = await buildServer({ store, committer: new GroupCommitter({ store }), adminKey: 'admin-key' });
  });
  afterAll(async () => app.close());

  it('answers the top N for a profile: co-bought items first, then popular ones it lacks', async () => {
    const response = await app.inject({ url: `/v1/recommendations/${profileId}?n=2`, headers });
    expect(response.statusCode).toBe(200);
    // mug and tea share two of mug's three buyers and both of tea's: cosine 2 / √(3 · 2). spoon has one buyer.
    expect(response.json()).toEqual({
      profileId,
      items: [
        { itemId: 'tea', position: 1, reason: 'similar', score: expect.closeTo(2 / Math.sqrt(6), 12) },
        { itemId: 'spoon', position: 2, reason: 'popular', score: 1 },
      ],
    });
  });

  it('defaults to five items and offers the popularity baseline', async () => {
    const response = await app.inject({ url: `/v1/recommendations/${profileId}?method=popular`, headers });
    expect(response.json().items.map((item: { itemId: string }) => item.itemId)).toEqual(['tea', 'spoon']);
  });

  it('needs the admin key: a write key, which browsers carry, is refused', async () => {
    const basic = `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`;
    const response = await app.inject({
      url: `/v1/recommendations/${profileId}`,
      headers: { authorization: basic },
    });
    expect(response.statusCode).toBe(401);
  });

  it('answers 404 for an unknown profile and 400 for a bad n', async () => {
    const unknown = await app.inject({ url: '/v1/recommendations/nobody', headers });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error).toBe('not_found');
    const badCount = await app.inject({ url: `/v1/recommendations/${profileId}?n=0`, headers });
    expect(badCount.statusCode).toBe(400);
    expect(badCount.json().message).toMatch(/query\.n/);
  });
});
