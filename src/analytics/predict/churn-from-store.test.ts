import { beforeAll, expect, it } from 'vitest';
import { SegmintError } from '../../errors.ts';
import { commitMessages } from '../../ingest/commit-messages.ts';
import { describeEachEngine } from '../../test-support/engines.ts';
import { normalized } from '../../test-support/messages.ts';
import { listModels } from './model-registry.ts';
import { scoreChurnFromStore } from './score-churn-from-store.ts';
import { simulateChurnHistory } from './test-support/churn-history.ts';
import { trainChurnFromStore } from './train-churn-from-store.ts';

const history = simulateChurnHistory({ customers: 160, days: 360, seed: 3 });

describeEachEngine('churn from the store', (getStore) => {
  beforeAll(async () => {
    await getStore().transaction(async (tx) => {
      await commitMessages(tx, history);
      // A visitor with a stale score from an earlier run, and no purchase.
      await commitMessages(tx, [normalized({ type: 'page', userId: 'visitor', name: 'Home' })]);
      await tx.execute(
        `update profiles set computed = ${tx.dialect.jsonWithKey('computed', 'churn_risk', '0.5')}
          where user_id = 'visitor'`,
      );
    });
  });

  it('refuses to score before a model is trained, saying what to run', async () => {
    await expect(scoreChurnFromStore(getStore())).rejects.toThrow(/segmint churn train/);
  });

  it('refuses a cut-off whose horizon runs past the data', async () => {
    const failure = trainChurnFromStore(getStore(), { cutoff: '2025-12-01', horizonDays: 60 });
    await expect(failure).rejects.toThrow(SegmintError);
    await expect(trainChurnFromStore(getStore(), { cutoff: '2025-12-01' })).rejects.toThrow(/incomplete/);
  });

  it('trains on an earlier snapshot, reports held-out AUC, precision/recall and top features, stores the model', async () => {
    const training = await trainChurnFromStore(getStore(), {
      horizonDays: 60,
      traits: ['plan'],
    });
    const { report, params } = training;
    // Default cut-off: 60 days before the day after the last event; training snapshot 60 days before that.
    const holdout = new Date(params.holdoutSnapshot);
    expect(new Date(params.trainSnapshot).getTime()).toBe(holdout.getTime() - 60 * 86_400_000);
    expect(report.validation).toMatchObject({ type: 'time-split', cutoff: params.trainSnapshot });
    if (report.validation.type !== 'time-split') throw new Error('expected a time split');
    expect(report.validation.trainRows + report.validation.holdoutRows).toBe(report.rows);
    expect(report.validation.holdoutAuc).toBeGreaterThan(0.75);
    expect(report.threshold.chosenOn).toBe('holdout');
    expect(report.threshold.precision).toBeGreaterThan(0.5);
    expect(report.threshold.recall).toBeGreaterThan(0.5);
    expect(report.topFeatures.length).toBe(10);
    expect(report.columns.map((column) => column.column)).toContain('trait:plan');
    expect(report.columns.map((column) => column.column)).not.toContain('snapshot');

    const [stored] = await listModels(getStore(), 'churn');
    expect(stored).toMatchObject({ version: training.model.version, kind: 'logistic-regression' });
    expect(stored?.params).toEqual(params);
  });

  it('writes churn_risk for every customer, higher for those who stopped buying, and clears it elsewhere', async () => {
    const scores = await scoreChurnFromStore(getStore());
    const rows = await getStore().query<{ user_id: string; computed: { churn_risk?: number } }>(
      'select user_id, computed from profiles',
    );
    const risky = rows.filter((row) => row.computed.churn_risk !== undefined);
    expect(risky).toHaveLength(scores.customers);
    expect(scores.customers).toBeGreaterThan(100);
    expect(rows.find((row) => row.user_id === 'visitor')?.computed).toEqual({});
    expect(scores.atRisk).toBe(
      risky.filter((row) => (row.computed.churn_risk ?? 0) >= scores.threshold).length,
    );
    expect(scores.distribution?.max).toBeLessThanOrEqual(1);

    // Customers whose last purchase is long past should carry more risk than those who bought recently.
    const lastPurchaseByUser = new Map<string, number>();
    for (const message of history) {
      if (message.type !== 'track' || message.event !== 'purchase' || !message.userId) continue;
      const time = message.timestamp.getTime();
      lastPurchaseByUser.set(message.userId, Math.max(lastPurchaseByUser.get(message.userId) ?? 0, time));
    }
    const end = scores.asOf.getTime();
    const meanRisk = (isLapsed: boolean) => {
      const group = risky.filter(
        (row) => end - (lastPurchaseByUser.get(row.user_id) ?? 0) > 90 * 86_400_000 === isLapsed,
      );
      return group.reduce((sum, row) => sum + (row.computed.churn_risk ?? 0), 0) / group.length;
    };
    expect(meanRisk(true)).toBeGreaterThan(meanRisk(false) + 0.2);
  });
});
