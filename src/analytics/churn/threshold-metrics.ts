import { SegmintError } from '../../errors.ts';

/** How a yes/no decision at one threshold fares: a row is flagged when its score is at or above the threshold. */
export interface ThresholdMetrics {
  threshold: number;
  truePositives: number;
  falsePositives: number;
  trueNegatives: number;
  falseNegatives: number;
  /** Share of flagged rows that churned; 0 when nothing is flagged. */
  precision: number;
  /** Share of churners that were flagged; 0 when there are no churners. */
  recall: number;
  /** Harmonic mean of precision and recall; 0 when both are 0. */
  f1: number;
  accuracy: number;
  /** Share of all rows flagged: how many customers a retention campaign would contact. */
  flaggedShare: number;
}

export function metricsAtThreshold({
  scores,
  labels,
  threshold,
}: {
  scores: ArrayLike<number>;
  labels: Uint8Array;
  threshold: number;
}): ThresholdMetrics {
  if (scores.length !== labels.length || labels.length === 0) {
    throw new SegmintError(
      'invalid_input',
      `Need one score per label and at least one row (${scores.length} vs ${labels.length}).`,
    );
  }
  let truePositives = 0;
  let falsePositives = 0;
  let positives = 0;
  for (let row = 0; row < labels.length; row++) {
    const isPositive = labels[row] === 1;
    if (isPositive) positives++;
    if ((scores[row] ?? 0) >= threshold) {
      if (isPositive) truePositives++;
      else falsePositives++;
    }
  }
  return summarise({ threshold, truePositives, falsePositives, positives, rows: labels.length });
}

/** Precision, recall and F1 from counts; shared with the threshold sweep so both use the same conventions. */
export function summarise({
  threshold,
  truePositives,
  falsePositives,
  positives,
  rows,
}: {
  threshold: number;
  truePositives: number;
  falsePositives: number;
  positives: number;
  rows: number;
}): ThresholdMetrics {
  const falseNegatives = positives - truePositives;
  const trueNegatives = rows - positives - falsePositives;
  const flagged = truePositives + falsePositives;
  const precision = flagged === 0 ? 0 : truePositives / flagged;
  const recall = positives === 0 ? 0 : truePositives / positives;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return {
    threshold,
    truePositives,
    falsePositives,
    trueNegatives,
    falseNegatives,
    precision,
    recall,
    f1,
    accuracy: (truePositives + trueNegatives) / rows,
    flaggedShare: flagged / rows,
  };
}
