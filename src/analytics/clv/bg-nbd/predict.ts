/**
 * The public BG/NBD prediction functions: option objects in, one number per customer out. The per-customer maths
 * is in predict-bg-nbd.ts.
 */
import {
  bgNbdParametersSchema,
  periodsSchema,
  type BgNbdParameters,
  type PurchaseHistory,
} from '../schemas.ts';
import { assertPurchaseHistories } from '../validate-rows.ts';
import {
  conditionalExpectedPurchases,
  probabilityAliveOf,
  unconditionalExpectedPurchases,
} from './predict-bg-nbd.ts';

export interface PredictBgNbdOptions {
  parameters: BgNbdParameters;
  customers: readonly PurchaseHistory[];
  /** Horizon after each customer's T, in the model's time unit. */
  periods: number;
}

/** Expected number of purchases of each customer in the next `periods` (E[X(T, T+t) | x, t_x, T]). */
export function predictBgNbd(options: PredictBgNbdOptions): number[] {
  const parameters = bgNbdParametersSchema.parse(options.parameters);
  const periods = periodsSchema.parse(options.periods);
  assertPurchaseHistories(options.customers);
  return options.customers.map((customer) => conditionalExpectedPurchases(parameters, customer, periods));
}

export interface ProbabilityAliveOptions {
  parameters: BgNbdParameters;
  customers: readonly PurchaseHistory[];
}

/** Probability that each customer is still active at the end of its observation (age T). */
export function probabilityAlive(options: ProbabilityAliveOptions): number[] {
  const parameters = bgNbdParametersSchema.parse(options.parameters);
  assertPurchaseHistories(options.customers);
  return options.customers.map((customer) => probabilityAliveOf(parameters, customer));
}

export interface ExpectedPurchasesOfNewCustomerOptions {
  parameters: BgNbdParameters;
  periods: number;
}

/** E[X(t)]: expected repeat purchases of a newly acquired customer in its first `periods` (FHL 2005 eq. 7). */
export function expectedPurchasesOfNewCustomer(options: ExpectedPurchasesOfNewCustomerOptions): number {
  const parameters = bgNbdParametersSchema.parse(options.parameters);
  return unconditionalExpectedPurchases(parameters, periodsSchema.parse(options.periods));
}
