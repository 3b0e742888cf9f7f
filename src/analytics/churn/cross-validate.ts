import { predictChurnProbabilities, fitChurnPredictor } from './fit-churn-predictor.ts';
import type { FitSettings } from './fit-churn-predictor.ts';
import type { DetectedColumn } from './detect-column-kinds.ts';
import type { FeatureRecord } from './feature-values.ts';
import { rocAuc } from './roc-auc.ts';
import { selectLabels, selectRecords } from './select-rows.ts';
import { stratifiedFolds } from './stratified-folds.ts';

export interface CrossValidationResult {
  aucPerFold: number[];
  aucMean: number;
  /** Sample standard deviation of the per-fold AUCs. */
  aucStd: number;
  /** Each row's probability from the fold in which it was held out. */
  outOfFold: Float64Array;
  pooledAuc: number;
}

/**
 * Stratified k-fold cross-validation of the whole pipeline: the encoder (medians, scales, kept levels) is refitted
 * on each training fold, so nothing about a held-out row leaks into the model that scores it.
 */
export function crossValidate({
  records,
  labels,
  columns,
  settings,
  folds,
  seed,
}: {
  records: readonly FeatureRecord[];
  labels: Uint8Array;
  columns: readonly DetectedColumn[];
  settings: FitSettings;
  folds: number;
  seed: number;
}): CrossValidationResult {
  const outOfFold = new Float64Array(records.length);
  const aucPerFold = stratifiedFolds({ labels, folds, seed }).map(({ train, test }) => {
    const trainRecords = selectRecords(records, train);
    const { encoder, fit } = fitChurnPredictor({
      records: trainRecords,
      labels: selectLabels(labels, train),
      columns,
      settings,
    });
    const scores = predictChurnProbabilities({ encoder, ...fit, records: selectRecords(records, test) });
    test.forEach((row, index) => {
      outOfFold[row] = scores[index] ?? 0;
    });
    return rocAuc({ scores, labels: selectLabels(labels, test) });
  });
  const aucMean = aucPerFold.reduce((sum, auc) => sum + auc, 0) / aucPerFold.length;
  const aucStd = Math.sqrt(
    aucPerFold.reduce((sum, auc) => sum + (auc - aucMean) ** 2, 0) / Math.max(aucPerFold.length - 1, 1),
  );
  return { aucPerFold, aucMean, aucStd, outOfFold, pooledAuc: rocAuc({ scores: outOfFold, labels }) };
}
