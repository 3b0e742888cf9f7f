/**
 * Business KPIs over a period (default: the 30 days up to now), computed from conversion events:
 * customers (anyone with a conversion so far), new and active customers, orders, revenue, average order value,
 * repeat rate (customers with 2+ orders ÷ customers), churn rate (customers active in the previous period of the
 * same length who bought nothing in this one ÷ those active before), retention (1 − churn), average predicted CLV
 * (profiles.computed.clv, where `segmint clv` has scored), CAC (acquisition spend of the months starting in the
 * period ÷ new customers) — and a monthly series for charts.
 */
import type { SqlExecutor, SqlValue } from '../store/store.ts';
import type { ReportOptions } from './report-options.ts';

export interface BusinessKpis {
  period: { since: Date; until: Date };
  profiles: number;
  customers: number;
  newCustomers: number;
  activeCustomers: number;
  orders: number;
  revenue: number;
  averageOrderValue: number | null;
  repeatRate: number | null;
  churnRate: number | null;
  retentionRate: number | null;
  averageClv: number | null;
  acquisitionSpend: number;
  cac: number | null;
  monthly: {
    month: string;
    orders: number;
    revenue: number;
    activeCustomers: number;
    newCustomers: number;
  }[];
}

const DAY_MS = 86_400_000;

export async function businessKpis(
  executor: SqlExecutor,
  options: ReportOptions & { now?: Date },
): Promise<BusinessKpis> {
  const { dialect } = executor;
  const until = options.until ?? options.now ?? new Date();
  const since = options.since ?? new Date(until.getTime() - 30 * DAY_MS);
  const previousSince = new Date(since.getTime() - (until.getTime() - since.getTime()));
  const revenue = ['revenue', 'amount', 'total']
    .map((key) => dialect.tryCastDouble(dialect.jsonText('e.properties', [key])))
    .join(', ');
  const orders = `select e.profile_id, e.occurred_at, coalesce(${revenue}, 0) as revenue from events e
                   where e.type = 'track' and e.event in (select unnest($1::varchar[])) and e.occurred_at < $2`;
  const params: SqlValue[] = [options.attribution.conversionEvents, until, since, previousSince];
  const [totals] = await executor.query<Record<string, number | null>>(
    `with orders as (${orders}),
     per_customer as (
       select profile_id, min(occurred_at) as first_at, count(*) as orders,
              sum(case when occurred_at >= $3 then 1 else 0 end) as orders_now,
              sum(case when occurred_at >= $4 and occurred_at < $3 then 1 else 0 end) as orders_before
         from orders group by profile_id)
     select (select count(*) from profiles) as profiles,
            count(*) as customers,
            sum(case when first_at >= $3 then 1 else 0 end) as new_customers,
            sum(case when orders_now > 0 then 1 else 0 end) as active_customers,
            sum(case when orders >= 2 then 1 else 0 end) as repeat_customers,
            sum(case when orders_before > 0 then 1 else 0 end) as active_before,
            sum(case when orders_before > 0 and orders_now = 0 then 1 else 0 end) as churned,
            (select count(*) from orders where occurred_at >= $3) as orders,
            (select coalesce(sum(revenue), 0) from orders where occurred_at >= $3) as revenue
       from per_customer`,
    params,
  );
  const [clv] = await executor.query<{ average: number | null }>(
    `select avg(${dialect.tryCastDouble(dialect.jsonText('computed', ['clv']))}) as average from profiles`,
  );
  const [spend] = await executor.query<{ total: number | null }>(
    `select sum(fixed) as total from costs where scope = 'acquisition' and scope_id >= $1 and scope_id <= $2`,
    [since.toISOString().slice(0, 7), new Date(until.getTime() - 1).toISOString().slice(0, 7)],
  );
  const month = `substr(cast(date_trunc('month', o.occurred_at) as varchar), 1, 7)`;
  const monthly = await executor.query<{
    month: string;
    orders: number;
    revenue: number;
    active_customers: number;
    new_customers: number;
  }>(
    `with orders as (${orders}),
     firsts as (select profile_id, min(occurred_at) as first_at from orders group by profile_id)
     select ${month} as month, count(*) as orders, sum(o.revenue) as revenue,
            count(distinct o.profile_id) as active_customers,
            count(distinct case when o.occurred_at = f.first_at then o.profile_id end) as new_customers
       from orders o join firsts f on f.profile_id = o.profile_id
      where o.occurred_at >= $3
      group by ${month} order by month`,
    [options.attribution.conversionEvents, until, new Date(until.getTime() - 365 * DAY_MS)],
  );
  const number = (value: number | null | undefined) => Number(value ?? 0);
  const customers = number(totals?.customers);
  const orderCount = number(totals?.orders);
  const revenueTotal = number(totals?.revenue);
  const activeBefore = number(totals?.active_before);
  const newCustomers = number(totals?.new_customers);
  const acquisitionSpend = number(spend?.total);
  const churnRate = activeBefore > 0 ? number(totals?.churned) / activeBefore : null;
  return {
    period: { since, until },
    profiles: number(totals?.profiles),
    customers,
    newCustomers,
    activeCustomers: number(totals?.active_customers),
    orders: orderCount,
    revenue: revenueTotal,
    averageOrderValue: orderCount > 0 ? revenueTotal / orderCount : null,
    repeatRate: customers > 0 ? number(totals?.repeat_customers) / customers : null,
    churnRate,
    retentionRate: churnRate === null ? null : 1 - churnRate,
    averageClv: clv?.average === null || clv?.average === undefined ? null : Number(clv.average),
    acquisitionSpend,
    cac: newCustomers > 0 && acquisitionSpend > 0 ? acquisitionSpend / newCustomers : null,
    monthly: monthly.map((row) => ({
      month: row.month,
      orders: Number(row.orders),
      revenue: Number(row.revenue),
      activeCustomers: Number(row.active_customers),
      newCustomers: Number(row.new_customers),
    })),
  };
}
