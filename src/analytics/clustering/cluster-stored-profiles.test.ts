import { beforeAll, expect, it } from 'vitest';
import { commitMessages } from '../../ingest/commit-messages.ts';
import { describeEachEngine } from '../../test-support/engines.ts';
import { normalized } from '../../test-support/messages.ts';
import { clusterStoredProfiles } from './cluster-stored-profiles.ts';

// Three well-separated groups of shoppers by (annual_income, spending_score), 10 each, and one without income.
const groups = [
  { income: 20, spending: 80 },
  { income: 90, spending: 15 },
  { income: 90, spending: 85 },
];

describeEachEngine('clustering stored profiles', (getStore) => {
  beforeAll(async () => {
    const messages = groups.flatMap((group, groupIndex) =>
      Array.from({ length: 10 }, (_, index) =>
        normalized({
          type: 'identify',
          userId: `g${groupIndex}-${index}`,
          traits: {
            annual_income: group.income + (index % 3),
            spending_score: String(group.spending - (index % 4)),
          },
        }),
      ),
    );
    messages.push(normalized({ type: 'identify', userId: 'no-income', traits: { spending_score: 50 } }));
    await getStore().transaction((tx) => commitMessages(tx, messages));
  });

  it('finds the groups, stores each profile’s cluster and description, and skips incomplete profiles', async () => {
    const result = await clusterStoredProfiles(getStore(), {
      features: ['annual_income', 'traits.spending_score'],
      k: 3,
      seed: 1,
    });
    expect(result).toMatchObject({ k: 3, profiles: 30, skipped: 1 });
    expect(result.clusters.map((cluster) => cluster.size)).toEqual([10, 10, 10]);
    const rows = await getStore().query<{
      user_id: string;
      computed: { cluster?: number; cluster_description?: string };
    }>('select user_id, computed from profiles order by user_id');
    const clusterOf = new Map(rows.map((row) => [row.user_id, row.computed.cluster]));
    for (const groupIndex of [0, 1, 2]) {
      const labels = new Set(
        Array.from({ length: 10 }, (_, index) => clusterOf.get(`g${groupIndex}-${index}`)),
      );
      expect(labels.size).toBe(1);
    }
    expect(
      new Set(rows.filter((row) => row.user_id !== 'no-income').map((row) => row.computed.cluster)).size,
    ).toBe(3);
    expect(clusterOf.get('no-income')).toBeUndefined();
    const lowIncome = rows.find((row) => row.user_id === 'g0-0');
    expect(lowIncome?.computed.cluster_description).toMatch(/low annual income/);
  });

  it('rejects an empty feature list with a clear error', async () => {
    await expect(clusterStoredProfiles(getStore(), { features: [] })).rejects.toThrow(/at least one feature/);
  });
});
