import { beforeAll, expect, it } from 'vitest';
import { commitMessages } from '../../ingest/commit-messages.ts';
import { describeEachEngine } from '../../test-support/engines.ts';
import { normalized } from '../../test-support/messages.ts';
import { computeCohorts } from './compute-cohorts.ts';

const purchase = (userId: string, day: string) =>
  normalized({
    type: 'track',
    userId,
    event: 'purchase',
    timestamp: `${day}T12:00:00Z`,
    properties: { amount: 1 },
  });

describeEachEngine('cohort retention', (getStore) => {
  beforeAll(async () => {
    await getStore().transaction((tx) =>
      commitMessages(tx, [
        // January cohort: a, b, c
        purchase('a', '2024-01-05'),
        purchase('a', '2024-01-20'),
        purchase('a', '2024-02-03'),
        purchase('a', '2024-04-10'),
        purchase('b', '2024-01-09'),
        purchase('b', '2024-02-28'),
        purchase('c', '2024-01-31'),
        // February cohort: d
        purchase('d', '2024-02-01'),
        purchase('d', '2024-03-01'),
        // December cohort crossing the year: e
        purchase('e', '2023-12-31'),
        purchase('e', '2024-01-01'),
        normalized({
          type: 'track',
          userId: 'f',
          event: 'Product Viewed',
          timestamp: '2024-01-01T00:00:00Z',
        }),
      ]),
    );
  });

  it('gives each first-purchase cohort its size and active share per month', async () => {
    const cohorts = await computeCohorts(getStore());
    expect(cohorts).toEqual([
      { cohort: '2023-12', size: 1, active: [1, 1], retention: [1, 1] },
      { cohort: '2024-01', size: 3, active: [3, 2, 0, 1], retention: [1, 2 / 3, 0, 1 / 3] },
      { cohort: '2024-02', size: 1, active: [1, 1], retention: [1, 1] },
    ]);
  });

  it('limits the cohorts by start date and the number of periods', async () => {
    const cohorts = await computeCohorts(getStore(), {
      since: new Date('2024-01-01T00:00:00Z'),
      maxPeriods: 2,
    });
    expect(cohorts.map((cohort) => [cohort.cohort, cohort.active])).toEqual([
      ['2024-01', [3, 2]],
      ['2024-02', [1, 1]],
    ]);
  });
});
