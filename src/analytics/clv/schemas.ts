/**
 * Schemas for everything a caller hands to the CLV models: options, parameters and per-customer summaries.
 * No node:* imports here, so the API, the CLI and the dashboard can share them (candidates for src/schema/).
 *
 * Large arrays (transactions, customers) are checked row by row by the functions themselves (validate-rows.ts)
 * rather than by zod, which costs about 0.5 µs per object: a million customers would spend longer in validation
 * than in the model. The row schemas below state the same rules for callers that validate at their own boundary.
 */
import { z } from 'zod';

/** The unit of recency, T and prediction horizons. A week is exactly 7 days. */
export const timeUnitSchema = z.enum(['day', 'week']);
export type TimeUnit = z.infer<typeof timeUnitSchema>;

/** A calendar date `YYYY-MM-DD`, a timestamp with offset, or a Date; the day is its UTC calendar day. */
export const dateInputSchema = z.union([z.date(), z.iso.date(), z.iso.datetime({ offset: true })]);
export type DateInput = z.infer<typeof dateInputSchema>;

export const transactionSchema = z.object({
  customerId: z.string().min(1),
  date: dateInputSchema,
  amount: z.number(),
});
export type Transaction = z.infer<typeof transactionSchema>;

export const summarizeTransactionsOptionsSchema = z.object({
  /** The last day (inclusive) of the calibration period. */
  calibrationEnd: dateInputSchema,
  timeUnit: timeUnitSchema.default('week'),
  /** The last day (inclusive) of the holdout period; adds the holdout fields to each summary. */
  observationEnd: dateInputSchema.optional(),
});

/** What BG/NBD needs per customer: repeat purchase count x, recency t_x and age T (in one time unit). */
export const purchaseHistorySchema = z
  .object({
    frequency: z.int().nonnegative(),
    recency: z.number().nonnegative(),
    T: z.number().nonnegative(),
  })
  .refine((history) => history.recency <= history.T, {
    message: 'recency must not exceed T',
    path: ['recency'],
  });
export type PurchaseHistory = z.infer<typeof purchaseHistorySchema>;

/** What Gamma-Gamma needs per customer: repeat purchase count and the mean value of those repeat purchases. */
export const spendHistorySchema = z.object({
  frequency: z.int().nonnegative(),
  monetaryValue: z.number(),
});
export type SpendHistory = z.infer<typeof spendHistorySchema>;

const positive = z.number().positive();

export const bgNbdParametersSchema = z.object({ r: positive, alpha: positive, a: positive, b: positive });
export type BgNbdParameters = z.infer<typeof bgNbdParametersSchema>;

/** Gamma-Gamma parameters; lifetimes calls `gamma` `v`. */
export const gammaGammaParametersSchema = z.object({ p: positive, q: positive, gamma: positive });
export type GammaGammaParameters = z.infer<typeof gammaGammaParametersSchema>;

export const fitOptionsSchema = z.object({
  maxIterations: z.int().positive().default(500),
  /** Stop when every component of the gradient of the mean log-likelihood (in log-parameters) is below this. */
  gradientTolerance: z.number().positive().default(1e-9),
});
export type FitOptions = z.input<typeof fitOptionsSchema>;

export const fitBgNbdOptionsSchema = fitOptionsSchema.extend({
  initialParameters: bgNbdParametersSchema.optional(),
});

export const fitGammaGammaOptionsSchema = fitOptionsSchema.extend({
  initialParameters: gammaGammaParametersSchema.optional(),
});

/** A prediction horizon, in the time unit the model was fitted in. */
export const periodsSchema = z.number().nonnegative();

export const clvOptionsSchema = z.object({
  /** The time unit of the BG/NBD model's recency and T. */
  timeUnit: timeUnitSchema,
  /** Number of steps to sum over. */
  horizon: z.int().positive().default(12),
  /** Length of one step; a month is 365.25 / 12 days. */
  step: z.enum(['day', 'week', 'month']).default('month'),
  /** Discount rate per step (0.01 = 1 % per month). */
  discountRate: z.number().nonnegative().default(0.01),
});
export type ClvOptions = z.input<typeof clvOptionsSchema>;
