/**
 * Options of the store-side churn model (CLI flags, API bodies) and the parameters stored with each fit in
 * `models` (name `churn`): the feature settings travel with the coefficients, so scoring rebuilds exactly the
 * features the model was trained on.
 */
import { z } from 'zod';
import { churnModelSchema } from '../churn/churn-model-schema.ts';
import { thresholdStrategySchema } from '../churn/churn-options-schema.ts';

export const CHURN_MODEL_NAME = 'churn';
/** Models trained on a labelled CSV score that CSV's columns, not store profiles, so they live apart. */
export const CSV_CHURN_MODEL_NAME = 'churn-csv';

export const churnFeatureSettingsSchema = z.object({
  /** The purchase event; a customer who makes none in the horizon has churned. */
  event: z.string().trim().min(1).default('purchase'),
  amountProperty: z.string().trim().min(1).default('amount'),
  emailOpenEvent: z.string().trim().min(1).default('Email Opened'),
  emailClickEvent: z.string().trim().min(1).default('Email Link Clicked'),
  /** Profile traits used as features (plan, loyalty tier, country …); numbers and categories are detected. */
  traits: z.array(z.string().trim().min(1)).max(20).default([]),
});
export type ChurnFeatureSettings = z.output<typeof churnFeatureSettingsSchema>;

export const trainChurnFromStoreOptionsSchema = churnFeatureSettingsSchema.extend({
  /**
   * The holdout snapshot: the model is trained on features as of `cutoff − horizon` labelled by purchases up to
   * the cut-off, and evaluated on features as of the cut-off labelled by the following `horizonDays`. Default:
   * `horizonDays` before the end of the data, so the holdout labels are complete.
   */
  cutoff: z.coerce.date().optional(),
  /** No purchase in this many days after a snapshot = churned. */
  horizonDays: z.coerce.number().int().min(1).max(3650).default(90),
  l2: z.coerce.number().min(0).default(1),
  threshold: thresholdStrategySchema.default({ type: 'max-f1' }),
  topFeatures: z.coerce.number().int().min(0).max(100).default(10),
});
export type TrainChurnFromStoreOptions = z.input<typeof trainChurnFromStoreOptionsSchema>;

export const scoreChurnFromStoreOptionsSchema = z.object({
  /** Features as of this time. Default: the start of the day after the last event. */
  asOf: z.coerce.date().optional(),
});
export type ScoreChurnFromStoreOptions = z.input<typeof scoreChurnFromStoreOptionsSchema>;

export const churnStoreModelParamsSchema = z.object({
  features: churnFeatureSettingsSchema,
  horizonDays: z.int().positive(),
  trainSnapshot: z.iso.datetime(),
  holdoutSnapshot: z.iso.datetime(),
  model: churnModelSchema,
});
export type ChurnStoreModelParams = z.infer<typeof churnStoreModelParamsSchema>;
