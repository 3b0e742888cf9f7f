import { beforeAll, expect, it } from 'vitest';
import { SegmintError } from '../../errors.ts';
import { commitMessages } from '../../ingest/commit-messages.ts';
import { describeEachEngine } from '../../test-support/engines.ts';
import { normalized } from '../../test-support/messages.ts';
import { predictBgNbd, probabilityAlive } from '../clv/bg-nbd/predict.ts';
import { customerLifetimeValue } from '../clv/customer-lifetime-value.ts';
import { expectedAverageSpend } from '../clv/gamma-gamma/expected-average-spend.ts';
import { fitClvFromStore } from './fit-clv-from-store.ts';
import { loadPurchaseHistories } from './load-purchase-histories.ts';
import { listModels } from './model-registry.ts';
import { predictClvFromStore } from './predict-clv-from-store.ts';
import { commitLedger, simulateLedger } from './test-support/purchase-messages.ts';

const ledger = simulateLedger({ customers: 300, days: 365, seed: 11 });

describeEachEngine('CLV from the store', (getStore) => {
  beforeAll(async () => {
    await getStore().transaction(async (tx) => {
      await commitLedger(tx, ledger);
      // A visitor who never bought, carrying a stale score from an earlier run.
      await commitMessages(tx, [normalized({ type: 'page', userId: 'visitor', name: 'Home' })]);
      await tx.execute(
        `update profiles set computed = ${tx.dialect.jsonWithKey('computed', 'clv', '123')}
          where user_id = 'visitor'`,
      );
    });
  });

  it('refuses to predict before any model is fitted, saying what to run', async () => {
    const failure = predictClvFromStore(getStore());
    await expect(failure).rejects.toThrow(SegmintError);
    await expect(predictClvFromStore(getStore())).rejects.toThrow(/segmint clv fit/);
  });

  it('fits on the calibration period, compares the holdout, and stores the model as version 1', async () => {
    const report = await fitClvFromStore(getStore(), { calibrationEnd: '2024-09-30', timeUnit: 'week' });
    expect(report.model.version).toBe(1);
    expect(report.params).toMatchObject({
      event: 'purchase',
      timeUnit: 'week',
      calibrationEnd: '2024-09-30',
    });
    expect(report.bgNbd.converged).toBe(true);
    expect(report.gammaGamma?.converged).toBe(true);
    expect(report.repeatBuyers).toBeGreaterThan(50);
    expect(report.customers).toBeGreaterThan(report.repeatBuyers);
    // The holdout runs from the calibration end to the last purchase day, and the model forecasts it.
    expect(report.holdout?.from).toBe('2024-09-30');
    expect(report.holdout?.customers).toBe(report.customers);
    expect(report.holdout?.actualRepeatPurchases).toBeGreaterThan(0);
    expect(Math.abs(report.holdout?.relativeError ?? Number.NaN)).toBeLessThan(0.5);

    const [stored] = await listModels(getStore(), 'clv');
    expect(stored).toMatchObject({ name: 'clv', version: 1, kind: 'bg-nbd+gamma-gamma' });
    expect(stored?.params).toEqual(report.params);
    expect(stored?.metrics).toMatchObject({ customers: report.customers, bgNbd: { r: report.bgNbd.r } });
  });

  it('without a calibration end, fits on every purchase and reports no holdout', async () => {
    const report = await fitClvFromStore(getStore(), { timeUnit: 'day' });
    expect(report.model.version).toBe(2);
    expect(report.holdout).toBeUndefined();
    expect(report.params.timeUnit).toBe('day');
  });

  it('writes p_alive, expected purchases, expected spend and CLV from the latest model onto profiles', async () => {
    const model = await fitClvFromStore(getStore(), { timeUnit: 'week' });
    const prediction = await predictClvFromStore(getStore(), { horizon: 12, discountRate: 0.01 });
    expect(prediction.model.version).toBe(model.model.version);
    expect(prediction.traits).toEqual(['p_alive', 'expected_purchases_90d', 'expected_avg_spend', 'clv']);

    const histories = await loadPurchaseHistories(getStore(), {
      ...model.params,
      calibrationEnd: prediction.asOf,
      observationEnd: prediction.asOf,
    });
    expect(prediction.customers).toBe(histories.length);
    const { bgNbd, gammaGamma } = model.params;
    if (!gammaGamma) throw new Error('expected a spend model');
    const expected = {
      p_alive: probabilityAlive({ parameters: bgNbd, customers: histories }),
      expected_purchases_90d: predictBgNbd({ parameters: bgNbd, customers: histories, periods: 90 / 7 }),
      expected_avg_spend: expectedAverageSpend({ parameters: gammaGamma, customers: histories }),
      clv: customerLifetimeValue({ bgNbd, gammaGamma, customers: histories, timeUnit: 'week', horizon: 12 }),
    };
    const rows = await getStore().query<{ id: string; user_id: string; computed: Record<string, unknown> }>(
      'select id, user_id, computed from profiles',
    );
    const computedById = new Map(rows.map((row) => [row.id, row.computed]));
    histories.forEach((history, index) => {
      const computed = computedById.get(history.profileId);
      for (const trait of prediction.traits) {
        // Stored rounded to 6 significant digits.
        expect(computed?.[trait]).toBe(Number((expected[trait][index] ?? Number.NaN).toPrecision(6)));
      }
    });
    // Mean predicted CLV matches the summary; the visitor who never bought lost its stale CLV.
    const meanClv = expected.clv.reduce((sum, value) => sum + value, 0) / expected.clv.length;
    expect(prediction.distributions.clv?.mean).toBeCloseTo(meanClv, 6);
    expect(rows.find((row) => row.user_id === 'visitor')?.computed).toEqual({});
  });

  it('reports a missing purchase event as invalid input', async () => {
    await expect(fitClvFromStore(getStore(), { event: 'Order Completed' })).rejects.toThrow(
      /No 'Order Completed' events/,
    );
  });
});
