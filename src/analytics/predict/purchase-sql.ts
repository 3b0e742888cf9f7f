/**
 * What a purchase is for the store-side models: a track event named `event` whose `amountProperty` is not a
 * negative number. Negative amounts are refunds and cancellations (Online Retail's `C…` invoices), not purchases.
 * A zero amount is a purchase (CDNOW has free orders, and the published fits count them), and so is an event
 * without a numeric amount, whose value counts as 0.
 */
import type { Dialect } from '../../store/dialect.ts';

/** The amount of an event as a double, 0 when it is missing or not a number. */
export function amountSql(dialect: Dialect, amountProperty: string, column = 'properties'): string {
  return `coalesce(${dialect.tryCastDouble(dialect.jsonText(column, [amountProperty]))}, 0)`;
}

/** A timestamp parameter as the engine's UTC timestamp (PostgreSQL would otherwise read it in the client's zone). */
export function timestampParameter(dialect: Dialect, placeholder: string): string {
  return `cast(${placeholder} as ${dialect.timestampType})`;
}

/** The UTC calendar day of a timestamp parameter. */
export function dayParameter(dialect: Dialect, placeholder: string): string {
  return `cast(${timestampParameter(dialect, placeholder)} as date)`;
}
