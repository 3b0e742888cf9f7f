/**
 * Business KPIs over a period (default: the 30 days up to now), computed from conversion events:
 * customers (anyone with a conversion so far), new and active customers, orders, revenue, average order value,
 * repeat rate (customers with 2+ orders ÷ customers), churn rate (customers active in the previous period of the
 * same length who bought nothing in this one ÷ those active before), retention (1 − churn), average predicted CLV
 * (profiles.computed.clv, where `segmint clv` has scored), CAC (acquisition spend of the months starting in the
 * period ÷ new customers) — and a monthly series for charts.
 */
import type { SqlExecutor } from '../store/store.ts';
import { businessKpisSql } from './business-kpis-sql.ts';
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
  const { sql, params } = businessKpisSql(executor.dialect, {
    until,
    since,
    previousSince,
    seriesSince: new Date(until.getTime() - 365 * DAY_MS),
    conversionEvents: options.attribution.conversionEvents,
  });
  const rows = await executor.query<Record<string, number | string | null>>(sql, params);
  const totals = rows.find((row) => row.kind === 'total');
  const monthly = rows
    .filter((row) => row.kind === 'month')
    .sort((a, b) => String(a.month).localeCompare(String(b.month)));
  const [clv] = await executor.query<{ average: number | null }>(
    `select avg(${dialect.tryCastDouble(dialect.jsonText('computed', ['clv']))}) as average from profiles`,
  );
  const [spend] = await executor.query<{ total: number | null }>(
    `select sum(fixed) as total from costs where scope = 'acquisition' and scope_id >= $1 and scope_id <= $2`,
    [since.toISOString().slice(0, 7), new Date(until.getTime() - 1).toISOString().slice(0, 7)],
  );
  const number = (value: number | string | null | undefined) => Number(value ?? 0);
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
      month: String(row.month),
      orders: Number(row.orders),
      revenue: Number(row.revenue),
      activeCustomers: Number(row.active_customers),
      newCustomers: Number(row.new_customers),
    })),
  };
}
