import { SegmintError } from '../../errors.ts';
import { CHURN_MODEL_FORMAT } from './churn-model-schema.ts';
import type { ChurnModel } from './churn-model-schema.ts';
import { churnTrainingOptionsSchema } from './churn-options-schema.ts';
import type { ChurnTrainingInput, ChurnTrainingOptions } from './churn-options-schema.ts';
import type { ChurnReport } from './churn-report-schema.ts';
import { chooseThreshold } from './choose-threshold.ts';
import { detectColumnKinds } from './detect-column-kinds.ts';
import { evaluateOutOfSample } from './evaluate-out-of-sample.ts';
import type { FeatureRecord } from './feature-values.ts';
import { fitChurnPredictor } from './fit-churn-predictor.ts';
import { labelRecords } from './label-records.ts';
import { predictLogistic } from './logistic-regression.ts';
import { parseOrThrow } from '../../schema/parse-or-throw.ts';
import { rocAuc } from './roc-auc.ts';
import { columnStandardDeviations, rankFeatures } from './top-features.ts';

export interface TrainedChurnModel {
  model: ChurnModel;
  report: ChurnReport;
}

/**
 * Trains a churn model from feature records that carry their outcome: one row per customer, any mix of numeric,
 * yes/no and categorical columns (from a CSV, or built from the store: recency, frequency, tenure, spend trend…).
 *
 * The report's validation numbers measure the procedure on rows it did not see (stratified k-fold by default, or a
 * time split); the returned model is then refitted on every labelled row, and its threshold is the one chosen on
 * the out-of-sample predictions (on the training rows when validation is off).
 */
export function trainChurnModel({
  records,
  ...input
}: { records: readonly FeatureRecord[] } & ChurnTrainingInput): TrainedChurnModel {
  const options = parseOrThrow(churnTrainingOptionsSchema, input, 'churn training options');
  const labelled = labelRecords({ records, labelColumn: options.labelColumn, positive: options.positive });
  const detected = detectColumnKinds({
    records: labelled.records,
    excludeColumns: excludedColumns(options),
    columnKinds: options.columnKinds,
  });
  if (detected.columns.length === 0) {
    throw new SegmintError(
      'invalid_input',
      'No feature columns are left besides the label, id and ignored columns.',
    );
  }
  const { maxLevels, minLevelCount, l2, maxIterations, tolerance } = options;
  const settings = { maxLevels, minLevelCount, l2, maxIterations, tolerance };
  const evaluation = evaluateOutOfSample({
    ...labelled,
    columns: detected.columns,
    settings,
    validation: options.validation,
  });
  const final = fitChurnPredictor({ ...labelled, columns: detected.columns, settings });
  const featureNames = final.matrix.featureNames;
  const trainingScores = predictLogistic({ matrix: final.matrix, ...final.fit });
  const chosenOn = evaluation.predictions ?? {
    scores: trainingScores,
    labels: labelled.labels,
    chosenOn: 'training' as const,
  };
  const threshold = chooseThreshold({ ...chosenOn, strategy: options.threshold });
  const positives = labelled.labels.reduce((sum, label) => sum + label, 0);
  const model: ChurnModel = {
    format: CHURN_MODEL_FORMAT,
    version: 1,
    label: { column: options.labelColumn, positive: options.positive },
    ...(options.idColumn === undefined ? {} : { idColumn: options.idColumn }),
    encoder: final.encoder,
    featureNames,
    predictor: {
      type: 'logistic-regression',
      intercept: final.fit.intercept,
      coefficients: Array.from(final.fit.coefficients),
      l2: options.l2,
    },
    threshold: threshold.threshold,
  };
  const report: ChurnReport = {
    rows: labelled.labels.length,
    positives,
    positiveShare: positives / labelled.labels.length,
    blankLabels: labelled.blankLabels,
    columns: final.encoder.columns.map((encoding) => ({ column: encoding.column, kind: encoding.type })),
    skippedColumns: [...detected.skipped, ...final.skipped],
    featureCount: featureNames.length,
    validation: evaluation.report,
    threshold: { ...threshold, strategy: options.threshold, chosenOn: chosenOn.chosenOn },
    fit: {
      l2: options.l2,
      iterations: final.fit.iterations,
      converged: final.fit.converged,
      trainingAuc: rocAuc({ scores: trainingScores, labels: labelled.labels }),
    },
    topFeatures: rankFeatures({
      featureNames,
      coefficients: final.fit.coefficients,
      scales: columnStandardDeviations({ matrix: final.matrix }),
      limit: options.topFeatures,
    }),
  };
  return { model, report };
}

function excludedColumns(options: ChurnTrainingOptions): Set<string> {
  const excluded = new Set([options.labelColumn, ...options.ignoreColumns]);
  if (options.idColumn !== undefined) excluded.add(options.idColumn);
  if (options.validation.type === 'time-split') excluded.add(options.validation.timeColumn);
  return excluded;
}
