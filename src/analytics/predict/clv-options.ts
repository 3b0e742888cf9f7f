/**
 * Options of the store-side CLV (CLI flags, API bodies) and the parameters stored with each fit in `models`
 * (name `clv`), which predicting reads back so that it summarises purchases exactly as the fit did.
 */
import { z } from 'zod';
import { bgNbdParametersSchema, gammaGammaParametersSchema, timeUnitSchema } from '../clv/schemas.ts';

export const CLV_MODEL_NAME = 'clv';

export const purchaseDefinitionSchema = z.object({
  /** The purchase event. */
  event: z.string().trim().min(1).default('purchase'),
  /** The event property holding the purchase amount. */
  amountProperty: z.string().trim().min(1).default('amount'),
});

export const fitClvOptionsSchema = purchaseDefinitionSchema.extend({
  /**
   * The last day (inclusive, UTC) of the calibration period. Purchases after it are the holdout that checks the
   * fit. Default: the day of the last purchase (every purchase is used and there is no holdout).
   */
  calibrationEnd: z.coerce.date().optional(),
  timeUnit: timeUnitSchema.default('week'),
});
export type FitClvOptions = z.input<typeof fitClvOptionsSchema>;

export const predictClvOptionsSchema = z.object({
  /** CLV horizon in months (30.44 days). */
  horizon: z.coerce.number().int().min(1).max(600).default(12),
  /** Discount rate per month (0.01 = 1 % a month). */
  discountRate: z.coerce.number().min(0).max(1).default(0.01),
  /** The last day (inclusive, UTC) of purchase history to predict from. Default: the day of the last purchase. */
  asOf: z.coerce.date().optional(),
});
export type PredictClvOptions = z.input<typeof predictClvOptionsSchema>;

export const clvModelParamsSchema = purchaseDefinitionSchema.extend({
  timeUnit: timeUnitSchema,
  /** `YYYY-MM-DD`. */
  calibrationEnd: z.iso.date(),
  bgNbd: bgNbdParametersSchema,
  /** Null when there were too few repeat buyers to fit spend: then only P(alive) and purchases are predicted. */
  gammaGamma: gammaGammaParametersSchema.nullable(),
});
export type ClvModelParams = z.infer<typeof clvModelParamsSchema>;
