import { describe, expect, it } from 'vitest';
import { crossValidate } from './cross-validate.ts';
import { detectColumnKinds } from './detect-column-kinds.ts';
import { fitChurnPredictor, predictChurnProbabilities } from './fit-churn-predictor.ts';
import { labelRecords } from './label-records.ts';
import { selectLabels, selectRecords } from './select-rows.ts';
import { simulateCustomers } from './simulate-customers.ts';
import { stratifiedFolds } from './stratified-folds.ts';

const { records, labels } = labelRecords({
  records: simulateCustomers({ count: 300, seed: 8 }),
  labelColumn: 'churned',
  positive: 'Yes',
});
const { columns } = detectColumnKinds({
  records,
  excludeColumns: new Set(['churned', 'customerId']),
  columnKinds: {},
});
const settings = { maxLevels: 20, minLevelCount: 1, l2: 1, maxIterations: 100, tolerance: 1e-10 };

describe('crossValidate', () => {
  const result = crossValidate({ records, labels, columns, settings, folds: 4, seed: 3 });

  it('scores each row with the pipeline (encoder and model) fitted on the other folds only', () => {
    const [first] = stratifiedFolds({ labels, folds: 4, seed: 3 });
    if (first === undefined) throw new Error('expected four folds');
    const { encoder, fit } = fitChurnPredictor({
      records: selectRecords(records, first.train),
      labels: selectLabels(labels, first.train),
      columns,
      settings,
    });
    const expected = predictChurnProbabilities({
      encoder,
      ...fit,
      records: selectRecords(records, first.test),
    });
    expect(Array.from(first.test, (row) => result.outOfFold[row])).toEqual(Array.from(expected));
  });

  it('summarises the folds: one AUC each, their mean and sample standard deviation', () => {
    const { aucPerFold, aucMean, aucStd } = result;
    expect(aucPerFold).toHaveLength(4);
    const mean = aucPerFold.reduce((sum, auc) => sum + auc, 0) / 4;
    const variance = aucPerFold.reduce((sum, auc) => sum + (auc - mean) ** 2, 0) / 3;
    expect(aucMean).toBeCloseTo(mean, 12);
    expect(aucStd).toBeCloseTo(Math.sqrt(variance), 12);
    expect(result.outOfFold.every((probability) => probability > 0 && probability < 1)).toBe(true);
  });
});
