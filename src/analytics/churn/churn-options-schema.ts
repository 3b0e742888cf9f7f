import { z } from 'zod';

/**
 * User options for training a churn model, validated at the boundary (CLI flags, API bodies). Defaults are chosen to
 * work without tuning on a few thousand to a few million customers.
 */

export const COLUMN_KINDS = ['numeric', 'boolean', 'categorical'] as const;
export const columnKindSchema = z.enum(COLUMN_KINDS);
export type ColumnKind = z.infer<typeof columnKindSchema>;

/** How the yes/no cut-off on the churn probability is chosen from out-of-sample predictions. */
export const thresholdStrategySchema = z.discriminatedUnion('type', [
  /** The threshold with the best F1 (balance of precision and recall). */
  z.object({ type: z.literal('max-f1') }),
  /** The highest threshold that still finds at least this share of churners. */
  z.object({ type: z.literal('min-recall'), recall: z.number().gt(0).max(1) }),
  /** The lowest threshold whose flagged customers churn at least this often. */
  z.object({ type: z.literal('min-precision'), precision: z.number().gt(0).max(1) }),
  /** Flag at most this share of customers, highest risk first (a campaign with a fixed budget). */
  z.object({ type: z.literal('top-share'), share: z.number().gt(0).max(1) }),
  z.object({ type: z.literal('fixed'), value: z.number().min(0).max(1) }),
]);
export type ThresholdStrategy = z.infer<typeof thresholdStrategySchema>;

const dateSchema = z.union([z.string(), z.date()]).transform((value, ctx) => {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) {
    ctx.addIssue({ code: 'custom', message: 'must be an ISO-8601 date or date-time' });
    return z.NEVER;
  }
  return date;
});

/** How the report measures the model on data it was not fitted on. */
export const validationSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('cross-validation'),
    folds: z.int().min(2).max(20).default(5),
    seed: z.int().default(42),
  }),
  /**
   * Train on rows observed up to the cut-off, evaluate on rows observed after it (their outcome is later still).
   * `timeColumn` holds each row's observation date; it is never used as a feature.
   */
  z.object({
    type: z.literal('time-split'),
    timeColumn: z.string().min(1),
    cutoff: dateSchema,
  }),
  z.object({ type: z.literal('none') }),
]);
export type ValidationOptions = z.infer<typeof validationSchema>;

/** Encoder settings: how raw columns become model features. */
export const encoderOptionsSchema = z.object({
  /** Columns that are not features (besides the label, id and time columns, which are always left out). */
  ignoreColumns: z.array(z.string()).default([]),
  /** Force a column's kind instead of detecting it (e.g. a numeric code that is really a category). */
  columnKinds: z.record(z.string(), columnKindSchema).default({}),
  /** At most this many levels per categorical column, most frequent first; other levels encode as all zeros. */
  maxLevels: z.int().min(1).max(1000).default(20),
  /** A level needs at least this many training rows to get its own column. */
  minLevelCount: z.int().min(1).default(5),
});
export type EncoderOptions = z.infer<typeof encoderOptionsSchema>;

export const churnTrainingOptionsSchema = encoderOptionsSchema.extend({
  labelColumn: z.string().min(1),
  /** The label value that means "churned"; every other non-blank value means "stayed". */
  positive: z.union([z.string(), z.number(), z.boolean()]),
  /** Identifies a customer in scores; never used as a feature. */
  idColumn: z.string().min(1).optional(),
  /** L2 penalty on the coefficients (not the intercept); 1 matches scikit-learn's default C = 1. */
  l2: z.number().min(0).default(1),
  maxIterations: z.int().min(1).max(1000).default(100),
  /** Newton stops when half the squared Newton decrement falls below this. */
  tolerance: z.number().positive().default(1e-10),
  validation: validationSchema.prefault({ type: 'cross-validation' }),
  threshold: thresholdStrategySchema.default({ type: 'max-f1' }),
  /** How many features the report lists, by absolute standardised coefficient. */
  topFeatures: z.int().min(0).max(1000).default(10),
});
export type ChurnTrainingOptions = z.infer<typeof churnTrainingOptionsSchema>;
export type ChurnTrainingInput = z.input<typeof churnTrainingOptionsSchema>;

export const csvTrainingOptionsSchema = churnTrainingOptionsSchema.extend({
  file: z.string().min(1),
  delimiter: z.string().length(1).default(','),
});
export type CsvTrainingInput = z.input<typeof csvTrainingOptionsSchema>;
