import { describe, expect, it } from 'vitest';
import { SegmintError } from '../../errors.ts';
import { churnModelSchema } from './churn-model-schema.ts';
import { churnReportSchema } from './churn-report-schema.ts';
import { scoreChurn } from './score-churn.ts';
import { simulateCustomers } from './simulate-customers.ts';
import { trainChurnModel } from './train-churn-model.ts';

const customers = simulateCustomers({ count: 800, seed: 21 });
const options = {
  labelColumn: 'churned',
  positive: 'Yes',
  idColumn: 'customerId',
  minLevelCount: 1,
} as const;

describe('trainChurnModel', () => {
  const { model, report } = trainChurnModel({ records: customers, ...options });

  it('uses every feature column and never the label or the id', () => {
    expect(report.columns).toEqual([
      { column: 'tenureMonths', kind: 'numeric' },
      { column: 'contract', kind: 'categorical' },
      { column: 'paperless', kind: 'boolean' },
      { column: 'region', kind: 'categorical' },
      { column: 'totalCharges', kind: 'numeric' },
    ]);
    expect(
      model.featureNames.some((name) => name.startsWith('churned') || name.startsWith('customerId')),
    ).toBe(false);
    expect(model.featureNames).toContain('totalCharges (missing)');
  });

  it('reports 5-fold cross-validated AUC per fold, their mean and the pooled out-of-fold AUC', () => {
    if (report.validation.type !== 'cross-validation') throw new Error('expected cross-validation');
    const { aucPerFold, aucMean, pooledAuc, folds, seed } = report.validation;
    expect({ folds, seed }).toEqual({ folds: 5, seed: 42 });
    expect(aucPerFold).toHaveLength(5);
    expect(aucMean).toBeCloseTo(aucPerFold.reduce((sum, auc) => sum + auc, 0) / 5, 12);
    // The simulated signal is strong; a model that learnt nothing would sit near 0.5.
    for (const auc of aucPerFold) expect(auc).toBeGreaterThan(0.75);
    expect(pooledAuc).toBeGreaterThan(0.75);
  });

  it('finds the simulated effects among the top features, with their direction', () => {
    const effectOf = (feature: string) =>
      report.topFeatures.find((ranked) => ranked.feature === feature)?.effect;
    expect(report.topFeatures[0]?.feature).toBe('tenureMonths');
    expect(effectOf('tenureMonths')).toBe('lowers churn risk');
    expect(effectOf('contract = monthly')).toBe('raises churn risk');
    expect(effectOf('contract = two-year')).toBe('lowers churn risk');
    expect(effectOf('paperless')).toBe('raises churn risk');
  });

  it('chooses the threshold on out-of-fold predictions and stores it in the model', () => {
    expect(report.threshold.chosenOn).toBe('out-of-fold');
    expect(report.threshold.strategy).toEqual({ type: 'max-f1' });
    expect(model.threshold).toBe(report.threshold.threshold);
  });

  it('produces a model and a report that survive a JSON round trip and score the same', () => {
    const stored = churnModelSchema.parse(JSON.parse(JSON.stringify(model)));
    expect(churnReportSchema.parse(JSON.parse(JSON.stringify(report)))).toEqual(report);
    const newCustomers = simulateCustomers({ count: 50, seed: 99 });
    expect(scoreChurn({ model: stored, records: newCustomers })).toEqual(
      scoreChurn({ model, records: newCustomers }),
    );
  });

  it('gives the same report for the same seed', () => {
    expect(trainChurnModel({ records: customers, ...options }).report).toEqual(report);
  });

  it('evaluates on a later holdout when asked for a time split, without using the time as a feature', () => {
    const observed = customers.map((customer, index) => ({
      ...customer,
      observedAt: index < 500 ? '2024-01-31' : '2024-04-30',
    }));
    const timed = trainChurnModel({
      records: observed,
      ...options,
      validation: { type: 'time-split', timeColumn: 'observedAt', cutoff: '2024-03-01' },
    });
    expect(timed.report.validation).toMatchObject({ type: 'time-split', trainRows: 500, holdoutRows: 300 });
    if (timed.report.validation.type !== 'time-split') throw new Error('expected a time split');
    expect(timed.report.validation.holdoutAuc).toBeGreaterThan(0.75);
    expect(timed.report.threshold.chosenOn).toBe('holdout');
    expect(timed.model.featureNames.some((name) => name.startsWith('observedAt'))).toBe(false);
  });

  it('chooses the threshold on the training rows when validation is off', () => {
    const unvalidated = trainChurnModel({ records: customers, ...options, validation: { type: 'none' } });
    expect(unvalidated.report.validation).toEqual({ type: 'none' });
    expect(unvalidated.report.threshold.chosenOn).toBe('training');
    // Validation only measures; the final fit on all rows is the same whichever way it was measured.
    expect(unvalidated.model.predictor).toEqual(model.predictor);
  });

  it('rejects invalid options with a typed error that names the option', () => {
    const invalid = () =>
      trainChurnModel({ records: customers, ...options, validation: { type: 'cross-validation', folds: 1 } });
    expect(invalid).toThrow(SegmintError);
    expect(invalid).toThrow(/validation\.folds/);
  });

  it('refuses data with nothing but the label and the id', () => {
    const bare = customers.map(({ customerId, churned }) => ({ customerId, churned }));
    expect(() => trainChurnModel({ records: bare, ...options })).toThrow(/No feature columns/);
  });
});
