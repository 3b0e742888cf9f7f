import { z } from 'zod';
import { columnKindSchema, thresholdStrategySchema } from './churn-options-schema.ts';

/** What training measured, as plain JSON for the CLI (`--json`), the API and the dashboard. */

const thresholdMetricsSchema = z.object({
  threshold: z.number(),
  truePositives: z.int(),
  falsePositives: z.int(),
  trueNegatives: z.int(),
  falseNegatives: z.int(),
  precision: z.number(),
  recall: z.number(),
  f1: z.number(),
  accuracy: z.number(),
  flaggedShare: z.number(),
});

export const validationReportSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('cross-validation'),
    folds: z.int(),
    seed: z.int(),
    aucPerFold: z.array(z.number()),
    aucMean: z.number(),
    /** Sample standard deviation of the per-fold AUCs. */
    aucStd: z.number(),
    /** AUC of all out-of-fold predictions pooled together. */
    pooledAuc: z.number(),
  }),
  z.object({
    type: z.literal('time-split'),
    cutoff: z.string(),
    trainRows: z.int(),
    holdoutRows: z.int(),
    holdoutPositives: z.int(),
    holdoutAuc: z.number(),
  }),
  z.object({ type: z.literal('none') }),
]);
export type ValidationReport = z.infer<typeof validationReportSchema>;

export const churnReportSchema = z.object({
  rows: z.int(),
  positives: z.int(),
  positiveShare: z.number(),
  /** Rows left out because their label was blank. */
  blankLabels: z.int(),
  columns: z.array(z.object({ column: z.string(), kind: columnKindSchema })),
  skippedColumns: z.array(z.object({ column: z.string(), reason: z.string() })),
  featureCount: z.int(),
  validation: validationReportSchema,
  threshold: thresholdMetricsSchema.extend({
    strategy: thresholdStrategySchema,
    /** Which predictions the threshold was chosen on and these metrics describe. */
    chosenOn: z.enum(['out-of-fold', 'holdout', 'training']),
  }),
  fit: z.object({
    l2: z.number(),
    iterations: z.int(),
    converged: z.boolean(),
    /** AUC of the final model on its own training rows: compare with validation to see over-fitting. */
    trainingAuc: z.number(),
  }),
  topFeatures: z.array(
    z.object({
      feature: z.string(),
      coefficient: z.number(),
      standardisedCoefficient: z.number(),
      effect: z.enum(['raises churn risk', 'lowers churn risk']),
    }),
  ),
});
export type ChurnReport = z.infer<typeof churnReportSchema>;
