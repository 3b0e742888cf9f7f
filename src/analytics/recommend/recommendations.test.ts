import { beforeAll, describe, expect, it } from 'vitest';
import { SegmintError } from '../../errors.ts';
import { commitMessages } from '../../ingest/commit-messages.ts';
import { describeEachEngine } from '../../test-support/engines.ts';
import { normalized } from '../../test-support/messages.ts';
import type { Store } from '../../store/store.ts';
import { buildItemSimilarities } from './build-item-similarities.ts';
import { recommendForProfile, recommendForProfiles } from './recommend-for-profiles.ts';

const bought = (userId: string, productId: string, day: number, amount = 10) =>
  normalized({
    type: 'track',
    userId,
    event: 'purchase',
    timestamp: new Date(Date.UTC(2024, 0, day, 12)).toISOString(),
    properties: { product_id: productId, amount },
  });

/**
 * Buyers: A {u1, u2, u3, u6}, B {u1, u2, u3, u4}, C {u1, u4}, D {u3}, E {u5}; u7 has never bought.
 * Co-buyers: A–B 3 (u1, u2, u3), B–C 2 (u1, u4), every other pair 1.
 */
const PURCHASES = [
  bought('u1', 'A', 1),
  bought('u1', 'B', 2),
  bought('u1', 'C', 3),
  bought('u2', 'A', 1),
  bought('u2', 'B', 2),
  bought('u3', 'A', 1),
  bought('u3', 'B', 2),
  bought('u3', 'D', 3),
  bought('u4', 'B', 1),
  bought('u4', 'C', 2),
  bought('u5', 'E', 1),
  bought('u6', 'A', 1),
  bought('u6', 'D', 2, -10), // a refund: u6 does not own D
];

async function profileIdOf(store: Store, userId: string): Promise<string> {
  const [row] = await store.query<{ id: string }>('select id from profiles where user_id = $1', [userId]);
  if (!row) throw new Error(`no profile for ${userId}`);
  return row.id;
}

async function itemsFor(store: Store, userId: string, n: number, method?: 'similar' | 'popular') {
  const recommendations = await recommendForProfile(store, {
    profileId: await profileIdOf(store, userId),
    n,
    ...(method ? { method } : {}),
  });
  return recommendations.map((item) => `${item.itemId}:${item.reason}`);
}

async function similarities(store: Store) {
  const rows = await store.query<{
    item_id: string;
    similar_item_id: string;
    score: number;
    co_buyers: number;
  }>(
    'select item_id, similar_item_id, score, co_buyers from item_similarities order by item_id, similar_item_id',
  );
  return rows.map((row) => [row.item_id, row.similar_item_id, Number(row.score.toFixed(4)), row.co_buyers]);
}

describeEachEngine('item-to-item recommendations', (getStore) => {
  beforeAll(async () => {
    await getStore().transaction((tx) =>
      commitMessages(tx, [...PURCHASES, normalized({ type: 'page', userId: 'u7', name: 'Home' })]),
    );
  });

  it('asks for a build before recommending anything', async () => {
    const failure = recommendForProfiles(getStore(), { profileIds: ['x'], n: 3 });
    await expect(failure).rejects.toThrow(SegmintError);
    await expect(recommendForProfiles(getStore(), { profileIds: ['x'] })).rejects.toThrow(
      /segmint recommend build/,
    );
  });

  describe('with cosine similarity and at least two co-buyers', () => {
    beforeAll(async () => {
      await buildItemSimilarities(getStore(), { minCoBuyers: 2 });
    });

    it('stores both directions of each pair with co-buyers / √(buyers · buyers), and popularity ranks', async () => {
      expect(await similarities(getStore())).toEqual([
        ['A', 'B', 0.75, 3],
        ['B', 'A', 0.75, 3],
        ['B', 'C', Number((2 / Math.sqrt(8)).toFixed(4)), 2],
        ['C', 'B', Number((2 / Math.sqrt(8)).toFixed(4)), 2],
      ]);
      const popularity = await getStore().query<{ item_id: string; buyers: number; popularity_rank: number }>(
        'select item_id, buyers, popularity_rank from item_popularity order by popularity_rank',
      );
      expect(popularity.map((row) => [row.item_id, row.buyers, row.popularity_rank])).toEqual([
        ['A', 4, 1],
        ['B', 4, 2],
        ['C', 2, 3],
        ['D', 1, 4],
        ['E', 1, 5],
      ]);
    });

    it('recommends neighbours of what a profile bought, then fills up with popular items it lacks', async () => {
      expect(await itemsFor(getStore(), 'u6', 3)).toEqual(['B:similar', 'C:popular', 'D:popular']);
      expect(await itemsFor(getStore(), 'u2', 2)).toEqual(['C:similar', 'D:popular']);
    });

    it('gives popular items to a profile without purchases, or whose items have no neighbours', async () => {
      expect(await itemsFor(getStore(), 'u7', 2)).toEqual(['A:popular', 'B:popular']);
      expect(await itemsFor(getStore(), 'u5', 3)).toEqual(['A:popular', 'B:popular', 'C:popular']);
    });

    it('gives the popularity baseline alone with method "popular"', async () => {
      expect(await itemsFor(getStore(), 'u6', 2, 'popular')).toEqual(['B:popular', 'C:popular']);
    });

    it('answers many profiles in one call, unknown ids with popular items', async () => {
      const ids = [
        await profileIdOf(getStore(), 'u6'),
        await profileIdOf(getStore(), 'u2'),
        'no-such-profile',
      ];
      const result = await recommendForProfiles(getStore(), { profileIds: ids, n: 1 });
      expect([...result.entries()].map(([id, items]) => [id, items.map((item) => item.itemId)])).toEqual([
        [ids[0], ['B']],
        [ids[1], ['C']],
        ['no-such-profile', ['A']],
      ]);
    });

    it('rejects an unknown profile id for a single profile', async () => {
      await expect(recommendForProfile(getStore(), { profileId: 'no-such-profile' })).rejects.toThrow(
        /No profile with id/,
      );
    });

    it('never recommends what was bought after the build', async () => {
      await getStore().transaction((tx) => commitMessages(tx, [bought('u6', 'B', 5)]));
      // u6 now owns A and B: B's neighbour C comes first, and B is never offered again.
      expect(await itemsFor(getStore(), 'u6', 2)).toEqual(['C:similar', 'D:popular']);
    });
  });

  it('scores lift as co-buyers · customers / (buyers · buyers) and keeps the best neighbours per item', async () => {
    const build = await buildItemSimilarities(getStore(), {
      similarity: 'lift',
      minCoBuyers: 2,
      neighbours: 1,
    });
    // Six customers with purchases; u6's later B makes A–B co-bought by four and B bought by five. Both of B's
    // neighbours have lift 1.2: the one with more co-buyers (A) is kept.
    expect(build.profiles).toBe(6);
    expect(await similarities(getStore())).toEqual([
      ['A', 'B', (4 * 6) / (4 * 5), 4],
      ['B', 'A', (4 * 6) / (4 * 5), 4],
      ['C', 'B', (2 * 6) / (5 * 2), 2],
    ]);
  });

  it('counts only each profile’s most recent items, and records every build as a model version', async () => {
    const first = await buildItemSimilarities(getStore(), { minCoBuyers: 2, maxItemsPerProfile: 2 });
    // u1 keeps B, C; u3 keeps B, D; u6 keeps A, B: A–B has u2 and u6 only, B–C has u1 and u4.
    expect(
      (await similarities(getStore())).map(([item, similar, , coBuyers]) => [item, similar, coBuyers]),
    ).toEqual([
      ['A', 'B', 2],
      ['B', 'A', 2],
      ['B', 'C', 2],
      ['C', 'B', 2],
    ]);
    const second = await buildItemSimilarities(getStore());
    expect(second.version).toBe(first.version + 1);
    expect(second.settings).toMatchObject({ similarity: 'cosine', minCoBuyers: 2, neighbours: 50 });
  });
});
