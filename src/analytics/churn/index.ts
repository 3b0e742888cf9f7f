/** Churn prediction: public API. See README.md for the design and the measured results. */
export { trainChurnModel } from './train-churn-model.ts';
export type { TrainedChurnModel } from './train-churn-model.ts';
export { trainChurnFromCsv } from './train-churn-from-csv.ts';
export { scoreChurn, parseChurnModel } from './score-churn.ts';
export type { ChurnScore } from './score-churn.ts';
export { readCsvRecords } from './read-csv-records.ts';

export {
  churnTrainingOptionsSchema,
  csvTrainingOptionsSchema,
  encoderOptionsSchema,
  thresholdStrategySchema,
  validationSchema,
  columnKindSchema,
} from './churn-options-schema.ts';
export type {
  ChurnTrainingInput,
  ChurnTrainingOptions,
  CsvTrainingInput,
  ColumnKind,
  ThresholdStrategy,
  ValidationOptions,
} from './churn-options-schema.ts';
export { churnModelSchema, CHURN_MODEL_FORMAT } from './churn-model-schema.ts';
export type { ChurnModel } from './churn-model-schema.ts';
export { churnReportSchema } from './churn-report-schema.ts';
export type { ChurnReport, ValidationReport } from './churn-report-schema.ts';
export { featureEncoderSchema, listFeatureNames } from './feature-encoder-schema.ts';
export type { FeatureEncoder, SkippedColumn } from './feature-encoder-schema.ts';
export type { FeatureRecord, FeatureValue } from './feature-values.ts';

// Building blocks, for analyses that need more control than trainChurnModel gives.
export { detectColumnKinds } from './detect-column-kinds.ts';
export { fitFeatureEncoder } from './fit-feature-encoder.ts';
export { encodeFeatures } from './encode-features.ts';
export type { FeatureMatrix } from './encode-features.ts';
export { fitLogisticRegression, predictLogistic } from './logistic-regression.ts';
export type { DesignMatrix, LogisticRegressionFit } from './logistic-regression.ts';
export { rocAuc } from './roc-auc.ts';
export { metricsAtThreshold } from './threshold-metrics.ts';
export type { ThresholdMetrics } from './threshold-metrics.ts';
export { chooseThreshold, sweepThresholds } from './choose-threshold.ts';
export { stratifiedFolds } from './stratified-folds.ts';
export type { FoldSplit } from './stratified-folds.ts';
export { crossValidate } from './cross-validate.ts';
export type { CrossValidationResult } from './cross-validate.ts';
export { splitByTime } from './split-by-time.ts';
export type { TimeSplit } from './split-by-time.ts';
export { rankFeatures } from './top-features.ts';
export type { RankedFeature } from './top-features.ts';
