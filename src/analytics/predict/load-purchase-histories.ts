/**
 * Per-profile purchase histories for BG/NBD and Gamma-Gamma, summarised in SQL so that only one row per customer
 * leaves the store. The conventions are those of `summarizeTransactions` (../clv/summarize-transactions.ts), which
 * the tests check this against: purchases on one UTC day are one purchase (amounts summed); frequency = purchase
 * days after the first up to the calibration end (inclusive); recency = last − first purchase day; T = calibration
 * end − first purchase day; monetary value = mean amount of the repeat purchase days; holdout = purchase days in
 * (calibration end, observation end]. Profiles whose first purchase is after the calibration end are left out.
 * Refunds (negative amounts) are not purchases (purchase-sql.ts).
 */
import type { PurchaseHistory, SpendHistory, TimeUnit } from '../clv/schemas.ts';
import type { SqlExecutor } from '../../store/store.ts';
import { amountSql } from './purchase-sql.ts';

export interface ProfilePurchaseHistory extends PurchaseHistory, SpendHistory {
  profileId: string;
  frequencyHoldout: number;
  durationHoldout: number;
}

const DAYS_PER_UNIT: Readonly<Record<TimeUnit, number>> = { day: 1, week: 7 };

export interface LoadPurchaseHistoriesOptions {
  event: string;
  amountProperty: string;
  timeUnit: TimeUnit;
  /** `YYYY-MM-DD`, inclusive. */
  calibrationEnd: string;
  /** `YYYY-MM-DD`, inclusive; the calibration end when there is no holdout. */
  observationEnd: string;
}

/** One history per profile with a purchase on or before the calibration end, ordered by profile id. */
export async function loadPurchaseHistories(
  executor: SqlExecutor,
  options: LoadPurchaseHistoriesOptions,
): Promise<ProfilePurchaseHistory[]> {
  const amount = amountSql(executor.dialect, options.amountProperty);
  const rows = await executor.query<{
    profile_id: string;
    frequency: number;
    recency_days: number;
    age_days: number;
    monetary_value: number;
    frequency_holdout: number;
  }>(
    `with purchases as (
       select profile_id, cast(occurred_at as date) as day, ${amount} as amount
         from events
        where type = 'track' and event = $1
     ), days as (
       select profile_id, day, sum(amount) as amount
         from purchases
        where amount >= 0 and day <= cast($3 as date)
        group by profile_id, day
     ), firsts as (
       select profile_id, min(day) as first_day from days group by profile_id
     )
     select d.profile_id,
            count(*) filter (where d.day <= cast($2 as date)) - 1 as frequency,
            max(d.day) filter (where d.day <= cast($2 as date)) - f.first_day as recency_days,
            cast($2 as date) - f.first_day as age_days,
            coalesce(avg(d.amount) filter (where d.day > f.first_day and d.day <= cast($2 as date)), 0)
              as monetary_value,
            count(*) filter (where d.day > cast($2 as date)) as frequency_holdout
       from days d join firsts f on f.profile_id = d.profile_id
      where f.first_day <= cast($2 as date)
      group by d.profile_id, f.first_day
      order by d.profile_id`,
    [options.event, options.calibrationEnd, options.observationEnd],
  );
  const unitDays = DAYS_PER_UNIT[options.timeUnit];
  const durationHoldout =
    (Date.parse(options.observationEnd) - Date.parse(options.calibrationEnd)) / 86_400_000 / unitDays;
  return rows.map((row) => ({
    profileId: row.profile_id,
    frequency: Number(row.frequency),
    recency: Number(row.recency_days) / unitDays,
    T: Number(row.age_days) / unitDays,
    monetaryValue: Number(row.monetary_value),
    frequencyHoldout: Number(row.frequency_holdout),
    durationHoldout,
  }));
}
