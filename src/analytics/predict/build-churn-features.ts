/**
 * Churn features per customer as of a snapshot, aggregated in SQL over the events before it (one row per
 * customer leaves the store), plus the label when a horizon is given: no purchase in [snapshot, snapshot +
 * horizon) means churned. Customers are the profiles with a purchase before the snapshot.
 *
 * Features (days are whole UTC days):
 * - recency_days, customer_days (since the first purchase), tenure_days (since first seen), inactive_days (since
 *   any event);
 * - purchase_days, purchase_days_90d, purchases_per_30d (purchase days over the customer's age: the BG/NBD rate);
 * - log_spend_total, log_avg_purchase_value, log_spend_90d, log_spend_prev_90d and spend_trend = (last 90 d −
 *   previous 90 d) / (sum), in [−1, 1], 0 without spend in either window;
 * - engagement: log_page_views_30d, log_page_views_90d, log_email_opens_90d, log_email_clicks_90d, log_events_30d;
 * - `trait:NAME` for each selected trait (text; the encoder detects numbers and categories).
 * Money and counts are log1p-transformed: they are heavy-tailed, and a logistic model on raw values would let a
 * few wholesale buyers set the scale of the z-scores.
 */
import type { SqlExecutor } from '../../store/store.ts';
import type { FeatureRecord } from '../churn/feature-values.ts';
import type { ChurnFeatureSettings } from './churn-store-options.ts';
import { amountSql, timestampParameter } from './purchase-sql.ts';

export interface ChurnFeatureRow {
  profileId: string;
  features: FeatureRecord;
  /** Present when a horizon was given. */
  churned?: boolean;
}

type FeatureSqlRow = {
  profile_id: string;
  recency_days: number;
  customer_days: number;
  tenure_days: number;
  inactive_days: number;
  purchase_days: number;
  purchase_days_90d: number;
  spend_total: number;
  spend_90d: number;
  spend_prev_90d: number;
  page_views_30d: number;
  page_views_90d: number;
  email_opens_90d: number;
  email_clicks_90d: number;
  events_30d: number;
  churned?: boolean;
  [trait: `trait_${number}`]: string | null;
};

/** $1 snapshot, $2 purchase event, $3 open event, $4 click event, [$5 horizon days]. */
function featuresSql(executor: SqlExecutor, settings: ChurnFeatureSettings, withLabel: boolean): string {
  const { dialect } = executor;
  const snapshot = timestampParameter(dialect, '$1');
  const snapshotDay = `cast(${snapshot} as date)`;
  const since = (days: number) => `${snapshot} - ${dialect.daysInterval(String(days))}`;
  const amount = amountSql(dialect, settings.amountProperty);
  const traits = settings.traits.map(
    (trait, index) => `, ${dialect.jsonText('p.traits', [trait])} as trait_${index}`,
  );
  const future = withLabel
    ? `, future as (
         select profile_id, count(*) as purchases
           from events
          where type = 'track' and event = $2 and ${amount} >= 0
            and occurred_at >= ${snapshot} and occurred_at < ${snapshot} + ${dialect.daysInterval('$5')}
          group by profile_id
       )`
    : '';
  return `
    with activity as (
      select profile_id, type, event, occurred_at, cast(occurred_at as date) as day,
             (type = 'track' and event = $2 and ${amount} >= 0) as is_purchase, ${amount} as amount
        from events
       where occurred_at < ${snapshot}
    ), history as (
      select profile_id,
             min(occurred_at) as first_seen_at,
             max(occurred_at) as last_seen_at,
             min(case when is_purchase then occurred_at end) as first_purchase_at,
             max(case when is_purchase then occurred_at end) as last_purchase_at,
             count(distinct case when is_purchase then day end) as purchase_days,
             count(distinct case when is_purchase and occurred_at >= ${since(90)} then day end) as purchase_days_90d,
             sum(case when is_purchase then amount else 0 end) as spend_total,
             sum(case when is_purchase and occurred_at >= ${since(90)} then amount else 0 end) as spend_90d,
             sum(case when is_purchase and occurred_at >= ${since(180)} and occurred_at < ${since(90)}
                      then amount else 0 end) as spend_prev_90d,
             count(case when type = 'page' and occurred_at >= ${since(30)} then 1 end) as page_views_30d,
             count(case when type = 'page' and occurred_at >= ${since(90)} then 1 end) as page_views_90d,
             count(case when type = 'track' and event = $3 and occurred_at >= ${since(90)} then 1 end)
               as email_opens_90d,
             count(case when type = 'track' and event = $4 and occurred_at >= ${since(90)} then 1 end)
               as email_clicks_90d,
             count(case when occurred_at >= ${since(30)} then 1 end) as events_30d
        from activity
       group by profile_id
    )${future}
    select h.profile_id,
           ${snapshotDay} - cast(h.last_purchase_at as date) as recency_days,
           ${snapshotDay} - cast(h.first_purchase_at as date) as customer_days,
           ${snapshotDay} - cast(h.first_seen_at as date) as tenure_days,
           ${snapshotDay} - cast(h.last_seen_at as date) as inactive_days,
           h.purchase_days, h.purchase_days_90d, h.spend_total, h.spend_90d, h.spend_prev_90d,
           h.page_views_30d, h.page_views_90d, h.email_opens_90d, h.email_clicks_90d, h.events_30d
           ${withLabel ? ', coalesce(f.purchases, 0) = 0 as churned' : ''}
           ${traits.join('')}
      from history h
      join profiles p on p.id = h.profile_id
      ${withLabel ? 'left join future f on f.profile_id = h.profile_id' : ''}
     where h.last_purchase_at is not null
     order by h.profile_id`;
}

const log1p = (value: number): number => Math.log1p(Math.max(0, value));

function toFeatures(row: FeatureSqlRow, settings: ChurnFeatureSettings): FeatureRecord {
  const purchaseDays = Number(row.purchase_days);
  const customerDays = Number(row.customer_days);
  const spendTotal = Number(row.spend_total);
  const spend90 = Number(row.spend_90d);
  const spendPrevious90 = Number(row.spend_prev_90d);
  const spendWindows = spend90 + spendPrevious90;
  const features: Record<string, string | number | null> = {
    recency_days: Number(row.recency_days),
    customer_days: customerDays,
    tenure_days: Number(row.tenure_days),
    inactive_days: Number(row.inactive_days),
    purchase_days: purchaseDays,
    purchase_days_90d: Number(row.purchase_days_90d),
    // The customer's own purchase rate; +1 day so that a first purchase today is not a division by zero.
    purchases_per_30d: (30 * purchaseDays) / (customerDays + 1),
    log_spend_total: log1p(spendTotal),
    log_avg_purchase_value: log1p(spendTotal / purchaseDays),
    log_spend_90d: log1p(spend90),
    log_spend_prev_90d: log1p(spendPrevious90),
    spend_trend: spendWindows > 0 ? (spend90 - spendPrevious90) / spendWindows : 0,
    log_page_views_30d: log1p(Number(row.page_views_30d)),
    log_page_views_90d: log1p(Number(row.page_views_90d)),
    log_email_opens_90d: log1p(Number(row.email_opens_90d)),
    log_email_clicks_90d: log1p(Number(row.email_clicks_90d)),
    log_events_30d: log1p(Number(row.events_30d)),
  };
  settings.traits.forEach((trait, index) => {
    features[`trait:${trait}`] = row[`trait_${index}`] ?? null;
  });
  return features;
}

/** Features (and, with `horizonDays`, the churn label) of every customer as of `snapshot`, by profile id. */
export async function buildChurnFeatures(
  executor: SqlExecutor,
  options: { settings: ChurnFeatureSettings; snapshot: Date; horizonDays?: number },
): Promise<ChurnFeatureRow[]> {
  const { settings, snapshot, horizonDays } = options;
  const withLabel = horizonDays !== undefined;
  const rows = await executor.query<FeatureSqlRow>(featuresSql(executor, settings, withLabel), [
    snapshot,
    settings.event,
    settings.emailOpenEvent,
    settings.emailClickEvent,
    ...(withLabel ? [horizonDays] : []),
  ]);
  return rows.map((row) => ({
    profileId: row.profile_id,
    features: toFeatures(row, settings),
    ...(row.churned === undefined ? {} : { churned: Boolean(row.churned) }),
  }));
}
