/**
 * The one statement behind the business KPIs: conversion events are read once, each customer is grouped once, and
 * both the period's totals (kind 'total') and the monthly series (kind 'month') come out of those two relations.
 *
 * Why it is shaped like this (1M profiles / 10M events): grouping 10M orders by customer is the one unavoidable
 * cost, so everything per customer — first order, order counts now and before, and the months the customer bought
 * in (a bit per month, at most 13 months in a 365-day series) — is gathered in that single grouping. Counting
 * active customers per month with count(distinct) or a (month, customer) grouping would cost as much again;
 * revenue JSON is parsed only for orders a total or the series uses, and months are formatted after grouping.
 */
import type { Dialect } from '../store/dialect.ts';
import type { SqlValue } from '../store/store.ts';

/** A 365-day series touches at most 13 calendar months. */
const SERIES_MONTHS = 13;

export interface BusinessKpiPeriod {
  until: Date;
  since: Date;
  previousSince: Date;
  /** Start of the monthly series. */
  seriesSince: Date;
  conversionEvents: readonly string[];
}

const monthNumber = (column: string) =>
  `(cast(extract(year from ${column}) as integer) * 12 + cast(extract(month from ${column}) as integer))`;

export function businessKpisSql(
  dialect: Dialect,
  period: BusinessKpiPeriod,
): { sql: string; params: SqlValue[] } {
  const params: SqlValue[] = [period.until, period.since, period.previousSince, period.seriesSince];
  const add = (value: SqlValue) => {
    params.push(value);
    return `$${params.length}`;
  };
  const revenue = ['revenue', 'amount', 'total']
    .map((key) => dialect.tryCastDouble(dialect.jsonText('e.properties', [key])))
    .join(', ');
  const revenueFrom = new Date(Math.min(period.since.getTime(), period.seriesSince.getTime()));
  // Counted from the series' first month as the database reads the parameter (the same reading as `>= $4`).
  const monthIndex = (column: string) => `(${monthNumber(column)} - ${monthNumber('cast($4 as timestamp)')})`;
  const bits = Array.from({ length: SERIES_MONTHS }, (_, index) => index);
  const activeIn = bits
    .map((bit) => `sum(case when (months_mask >> ${bit}) & 1 = 1 then 1 else 0 end) as active_${bit}`)
    .join(', ');
  const activeOf = `case m.month_index ${bits.map((bit) => `when ${bit} then a.active_${bit}`).join(' ')} end`;
  const sql = `
    with orders as materialized (
      select e.profile_id, e.occurred_at,
             case when e.occurred_at >= ${add(revenueFrom)} then coalesce(${revenue}, 0) end as revenue
        from events e
       where e.type = 'track' and e.event in (${period.conversionEvents.map(add).join(', ')}) and e.occurred_at < $1),
    per_customer as materialized (
      select profile_id, min(occurred_at) as first_at, count(*) as orders,
             sum(case when occurred_at >= $2 then 1 else 0 end) as orders_now,
             sum(case when occurred_at >= $3 and occurred_at < $2 then 1 else 0 end) as orders_before,
             bit_or(case when occurred_at >= $4 then cast(1 as bigint) << ${monthIndex('occurred_at')} end) as months_mask
        from orders group by profile_id),
    months as (
      select date_trunc('month', occurred_at) as month, count(*) as orders, sum(revenue) as revenue
        from orders where occurred_at >= $4 group by date_trunc('month', occurred_at)),
    indexed_months as (select month, orders, revenue, ${monthIndex('month')} as month_index from months),
    first_months as (
      select date_trunc('month', first_at) as month, count(*) as new_customers
        from per_customer where first_at >= $4 group by date_trunc('month', first_at)),
    active as (select ${activeIn} from per_customer where months_mask is not null)
    select 'month' as kind, substr(cast(m.month as varchar), 1, 7) as month, m.orders, m.revenue,
           ${activeOf} as active_customers, coalesce(f.new_customers, 0) as new_customers,
           null as profiles, null as customers, null as repeat_customers, null as active_before, null as churned
      from indexed_months m cross join active a left join first_months f on f.month = m.month
    union all
    select 'total' as kind, null as month,
           (select count(*) from orders where occurred_at >= $2) as orders,
           (select coalesce(sum(revenue), 0) from orders where occurred_at >= $2) as revenue,
           sum(case when orders_now > 0 then 1 else 0 end) as active_customers,
           sum(case when first_at >= $2 then 1 else 0 end) as new_customers,
           (select count(*) from profiles) as profiles,
           count(*) as customers,
           sum(case when orders >= 2 then 1 else 0 end) as repeat_customers,
           sum(case when orders_before > 0 then 1 else 0 end) as active_before,
           sum(case when orders_before > 0 and orders_now = 0 then 1 else 0 end) as churned
      from per_customer`;
  return { sql, params };
}
