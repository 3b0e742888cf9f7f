import { SegmintError } from '../../errors.ts';
import type { ValidationOptions } from './churn-options-schema.ts';
import type { ValidationReport } from './churn-report-schema.ts';
import { crossValidate } from './cross-validate.ts';
import type { DetectedColumn } from './detect-column-kinds.ts';
import type { FeatureRecord } from './feature-values.ts';
import { fitChurnPredictor, predictChurnProbabilities } from './fit-churn-predictor.ts';
import type { FitSettings } from './fit-churn-predictor.ts';
import { rocAuc } from './roc-auc.ts';
import { selectLabels, selectRecords } from './select-rows.ts';
import { splitByTime } from './split-by-time.ts';

export interface OutOfSampleEvaluation {
  report: ValidationReport;
  /** Predictions for rows the scoring model was not fitted on, with their outcomes: the threshold is chosen on them. */
  predictions: { scores: Float64Array; labels: Uint8Array; chosenOn: 'out-of-fold' | 'holdout' } | undefined;
}

/** Measures the training procedure on rows it did not see, as the validation option asks. */
export function evaluateOutOfSample({
  records,
  labels,
  columns,
  settings,
  validation,
}: {
  records: readonly FeatureRecord[];
  labels: Uint8Array;
  columns: readonly DetectedColumn[];
  settings: FitSettings;
  validation: ValidationOptions;
}): OutOfSampleEvaluation {
  switch (validation.type) {
    case 'cross-validation': {
      const { outOfFold, ...result } = crossValidate({ records, labels, columns, settings, ...validation });
      return {
        report: { type: 'cross-validation', folds: validation.folds, seed: validation.seed, ...result },
        predictions: { scores: outOfFold, labels, chosenOn: 'out-of-fold' },
      };
    }
    case 'time-split': {
      const { train, holdout } = splitByTime({ records, ...validation });
      const trainLabels = selectLabels(labels, train);
      const holdoutLabels = selectLabels(labels, holdout);
      requireBothOutcomes(trainLabels, 'before', validation.cutoff);
      requireBothOutcomes(holdoutLabels, 'after', validation.cutoff);
      const { encoder, fit } = fitChurnPredictor({
        records: selectRecords(records, train),
        labels: trainLabels,
        columns,
        settings,
      });
      const scores = predictChurnProbabilities({ encoder, ...fit, records: selectRecords(records, holdout) });
      return {
        report: {
          type: 'time-split',
          cutoff: validation.cutoff.toISOString(),
          trainRows: train.length,
          holdoutRows: holdout.length,
          holdoutPositives: holdoutLabels.reduce((sum, label) => sum + label, 0),
          holdoutAuc: rocAuc({ scores, labels: holdoutLabels }),
        },
        predictions: { scores, labels: holdoutLabels, chosenOn: 'holdout' },
      };
    }
    case 'none':
      return { report: { type: 'none' }, predictions: undefined };
    default: {
      const exhaustive: never = validation;
      return exhaustive;
    }
  }
}

function requireBothOutcomes(labels: Uint8Array, side: 'before' | 'after', cutoff: Date): void {
  const positives = labels.reduce((sum, label) => sum + label, 0);
  if (positives === 0 || positives === labels.length) {
    throw new SegmintError(
      'invalid_input',
      `The rows observed ${side === 'before' ? 'up to' : 'after'} the cut-off ${cutoff.toISOString()} must include churned and retained customers (${positives} of ${labels.length} churned). Move the cut-off.`,
    );
  }
}
