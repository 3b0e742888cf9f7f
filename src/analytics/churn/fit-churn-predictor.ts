import type { EncoderOptions } from './churn-options-schema.ts';
import type { DetectedColumn } from './detect-column-kinds.ts';
import { encodeFeatures } from './encode-features.ts';
import type { FeatureMatrix } from './encode-features.ts';
import type { FeatureEncoder, SkippedColumn } from './feature-encoder-schema.ts';
import type { FeatureRecord } from './feature-values.ts';
import { fitFeatureEncoder } from './fit-feature-encoder.ts';
import { fitLogisticRegression, predictLogistic } from './logistic-regression.ts';
import type { LogisticRegressionFit } from './logistic-regression.ts';

export interface FitSettings extends Pick<EncoderOptions, 'maxLevels' | 'minLevelCount'> {
  l2: number;
  maxIterations: number;
  tolerance: number;
}

export interface FittedChurnPredictor {
  encoder: FeatureEncoder;
  skipped: SkippedColumn[];
  /** The encoded training rows, kept for the report (feature scales, training AUC). */
  matrix: FeatureMatrix;
  fit: LogisticRegressionFit;
}

/** One complete fit — encoder then logistic regression — on the given rows; cross-validation calls it per fold. */
export function fitChurnPredictor({
  records,
  labels,
  columns,
  settings,
}: {
  records: readonly FeatureRecord[];
  labels: Uint8Array;
  columns: readonly DetectedColumn[];
  settings: FitSettings;
}): FittedChurnPredictor {
  const { encoder, skipped } = fitFeatureEncoder({ records, columns, ...settings });
  const matrix = encodeFeatures({ encoder, records });
  const fit = fitLogisticRegression({ matrix, labels, ...settings });
  return { encoder, skipped, matrix, fit };
}

/** Churn probabilities for new rows from a fitted encoder and coefficients. */
export function predictChurnProbabilities({
  encoder,
  intercept,
  coefficients,
  records,
}: {
  encoder: FeatureEncoder;
  intercept: number;
  coefficients: ArrayLike<number>;
  records: readonly FeatureRecord[];
}): Float64Array {
  return predictLogistic({ matrix: encodeFeatures({ encoder, records }), intercept, coefficients });
}
