/**
 * Turns a transaction ledger into the per-customer summaries the models need, with the conventions of the
 * `lifetimes` library and of Fader, Hardie & Lee (2005):
 * - purchases on the same UTC calendar day are one purchase (their amounts summed);
 * - frequency x = number of purchase days after the first one, up to the calibration end (inclusive);
 * - recency t_x = last − first purchase day, T = calibration end − first purchase day, in the time unit;
 * - monetary value = mean amount of the x repeat purchase days (the first purchase is left out; 0 when x = 0);
 * - with an observation end: frequencyHoldout = purchase days in (calibration end, observation end],
 *   monetaryValueHoldout = their mean amount, durationHoldout = the holdout length.
 * Customers whose first purchase falls after the calibration end are not part of the calibration cohort and are
 * left out; purchases after the observation end (or the calibration end, without one) are ignored.
 */
import { SegmintError } from '../../errors.ts';
import { DAYS_PER_UNIT, toDayNumber, toIsoDate } from './day-numbers.ts';
import {
  summarizeTransactionsOptionsSchema,
  type DateInput,
  type TimeUnit,
  type Transaction,
} from './schemas.ts';

export interface CustomerSummary {
  customerId: string;
  /** `YYYY-MM-DD` of the first purchase. */
  firstPurchase: string;
  frequency: number;
  recency: number;
  T: number;
  monetaryValue: number;
  frequencyHoldout?: number;
  monetaryValueHoldout?: number;
  durationHoldout?: number;
}

export interface TransactionSummary {
  timeUnit: TimeUnit;
  calibrationEnd: string;
  observationEnd?: string;
  customers: CustomerSummary[];
}

export interface SummarizeTransactionsOptions {
  transactions: Iterable<Transaction>;
  calibrationEnd: DateInput;
  timeUnit?: TimeUnit;
  observationEnd?: DateInput;
}

interface Ledger {
  days: number[];
  amounts: number[];
}

/** Purchase days in ascending order with each day's total amount. */
function mergeSameDayPurchases(ledger: Ledger): Ledger {
  const order = ledger.days
    .map((_, index) => index)
    .sort((left, right) => ledger.days[left]! - ledger.days[right]!);
  const merged: Ledger = { days: [], amounts: [] };
  for (const index of order) {
    const day = ledger.days[index]!;
    const amount = ledger.amounts[index]!;
    const last = merged.days.length - 1;
    if (last >= 0 && merged.days[last] === day) merged.amounts[last]! += amount;
    else {
      merged.days.push(day);
      merged.amounts.push(amount);
    }
  }
  return merged;
}

function mean(values: readonly number[], from: number, to: number): number {
  if (to <= from) return 0;
  let sum = 0;
  for (let index = from; index < to; index++) sum += values[index]!;
  return sum / (to - from);
}

function collectLedgers(transactions: Iterable<Transaction>, lastDay: number): Map<string, Ledger> {
  const ledgers = new Map<string, Ledger>();
  let index = 0;
  for (const transaction of transactions) {
    const path = `transactions[${index}]`;
    if (typeof transaction.customerId !== 'string' || transaction.customerId === '') {
      throw new SegmintError('invalid_input', `${path}.customerId must be a non-empty string`, [
        { path: `${path}.customerId`, message: 'missing customer id' },
      ]);
    }
    if (typeof transaction.amount !== 'number' || !Number.isFinite(transaction.amount)) {
      throw new SegmintError('invalid_input', `${path}.amount must be a finite number`, [
        { path: `${path}.amount`, message: `got ${String(transaction.amount)}` },
      ]);
    }
    const day = toDayNumber(transaction.date, `${path}.date`);
    index++;
    if (day > lastDay) continue;
    let ledger = ledgers.get(transaction.customerId);
    if (ledger === undefined) {
      ledger = { days: [], amounts: [] };
      ledgers.set(transaction.customerId, ledger);
    }
    ledger.days.push(day);
    ledger.amounts.push(transaction.amount);
  }
  return ledgers;
}

/** Per-customer frequency, recency, T and monetary value (plus holdout counts when `observationEnd` is given). */
export function summarizeTransactions(options: SummarizeTransactionsOptions): TransactionSummary {
  const { transactions, ...rest } = options;
  const parsed = summarizeTransactionsOptionsSchema.parse(rest);
  const unitDays = DAYS_PER_UNIT[parsed.timeUnit];
  const calibrationEnd = toDayNumber(parsed.calibrationEnd, 'calibrationEnd');
  const observationEnd =
    parsed.observationEnd === undefined ? undefined : toDayNumber(parsed.observationEnd, 'observationEnd');
  if (observationEnd !== undefined && observationEnd <= calibrationEnd) {
    throw new SegmintError('invalid_input', 'observationEnd must be after calibrationEnd', [
      { path: 'observationEnd', message: `${toIsoDate(observationEnd)} ≤ ${toIsoDate(calibrationEnd)}` },
    ]);
  }

  const customers: CustomerSummary[] = [];
  for (const [customerId, ledger] of collectLedgers(transactions, observationEnd ?? calibrationEnd)) {
    const { days, amounts } = mergeSameDayPurchases(ledger);
    const first = days[0]!;
    if (first > calibrationEnd) continue;
    let calibrationDays = 1;
    while (calibrationDays < days.length && days[calibrationDays]! <= calibrationEnd) calibrationDays++;
    const summary: CustomerSummary = {
      customerId,
      firstPurchase: toIsoDate(first),
      frequency: calibrationDays - 1,
      recency: (days[calibrationDays - 1]! - first) / unitDays,
      T: (calibrationEnd - first) / unitDays,
      monetaryValue: mean(amounts, 1, calibrationDays),
    };
    if (observationEnd !== undefined) {
      summary.frequencyHoldout = days.length - calibrationDays;
      summary.monetaryValueHoldout = mean(amounts, calibrationDays, days.length);
      summary.durationHoldout = (observationEnd - calibrationEnd) / unitDays;
    }
    customers.push(summary);
  }

  return {
    timeUnit: parsed.timeUnit,
    calibrationEnd: toIsoDate(calibrationEnd),
    ...(observationEnd === undefined ? {} : { observationEnd: toIsoDate(observationEnd) }),
    customers,
  };
}
