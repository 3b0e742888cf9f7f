/**
 * Row-by-row checks for the large per-customer arrays (see schemas.ts for why these are not zod). The rules are
 * the ones of purchaseHistorySchema and spendHistorySchema; a failure lists the first few bad rows.
 */
import { SegmintError, type ErrorDetail } from '../../errors.ts';
import type { PurchaseHistory, SpendHistory } from './schemas.ts';

const MAX_REPORTED_ROWS = 10;
/** Recency and T read back from rounded files may differ in the last digit; this much excess is tolerated. */
const RECENCY_SLACK = 1e-9;

function isNonNegativeFinite(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

function throwIfAny(details: ErrorDetail[]): void {
  const [first] = details;
  if (first === undefined) return;
  const more = details.length > 1 ? ` (and ${details.length - 1} more invalid fields)` : '';
  throw new SegmintError('invalid_input', `${first.path}: ${first.message}${more}`, details);
}

function frequencyProblem(frequency: unknown): string | undefined {
  if (typeof frequency === 'number' && Number.isInteger(frequency) && frequency >= 0) return undefined;
  return `frequency must be a non-negative integer (repeat purchase count), got ${String(frequency)}`;
}

/** Checks frequency, recency and T of every customer; throws invalid_input naming the first bad rows. */
export function assertPurchaseHistories(customers: readonly PurchaseHistory[], name = 'customers'): void {
  const details: ErrorDetail[] = [];
  for (let index = 0; index < customers.length && details.length < MAX_REPORTED_ROWS; index++) {
    const customer = customers[index];
    if (customer === undefined) continue;
    const path = `${name}[${index}]`;
    const problem = frequencyProblem(customer.frequency);
    if (problem !== undefined) details.push({ path: `${path}.frequency`, message: problem });
    if (!isNonNegativeFinite(customer.recency)) {
      details.push({ path: `${path}.recency`, message: `recency must be a finite number ≥ 0` });
    } else if (!isNonNegativeFinite(customer.T)) {
      details.push({ path: `${path}.T`, message: `T must be a finite number ≥ 0` });
    } else if (customer.recency > customer.T + RECENCY_SLACK) {
      details.push({
        path: `${path}.recency`,
        message: `recency ${customer.recency} exceeds T ${customer.T}`,
      });
    }
  }
  throwIfAny(details);
}

/** Checks frequency and monetary value; repeat buyers must have a positive mean spend (Gamma-Gamma's support). */
export function assertSpendHistories(customers: readonly SpendHistory[], name = 'customers'): void {
  const details: ErrorDetail[] = [];
  for (let index = 0; index < customers.length && details.length < MAX_REPORTED_ROWS; index++) {
    const customer = customers[index];
    if (customer === undefined) continue;
    const path = `${name}[${index}]`;
    const problem = frequencyProblem(customer.frequency);
    if (problem !== undefined) details.push({ path: `${path}.frequency`, message: problem });
    const spend = customer.monetaryValue;
    if (typeof spend !== 'number' || !Number.isFinite(spend)) {
      details.push({ path: `${path}.monetaryValue`, message: 'monetaryValue must be a finite number' });
    } else if (customer.frequency > 0 && spend <= 0) {
      details.push({
        path: `${path}.monetaryValue`,
        message: `a repeat buyer needs a positive mean spend, got ${spend}; leave out refunds-only customers`,
      });
    }
  }
  throwIfAny(details);
}
