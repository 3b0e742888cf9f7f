/**
 * The read queries behind the dashboard's own endpoints: overview KPIs, the RFM R×F grid, prediction
 * distributions, cluster personas, and a profile's memberships and timeline. Portable SQL with dialect hooks; every
 * query aggregates in the store, so the browser receives a few hundred numbers whatever the number of profiles.
 */
import {
  CONVERSION_EVENTS,
  type ClusterPersona,
  type Histogram,
  type Overview,
  type ProfileMemberships,
  type ProfileTimeline,
  type RfmGrid,
} from '../../schema/dashboard.ts';
import { readProfileEvents } from '../../profiles/profile-queries.ts';
import type { Store } from '../../store/store.ts';

const ACTIVE_DAYS = 30;
const KPI_MONTHS = 24;

function revenueSql(store: Store): string {
  const { dialect } = store;
  const revenue = dialect.tryCastDouble(dialect.jsonText('properties', ['revenue']));
  const amount = dialect.tryCastDouble(dialect.jsonText('properties', ['amount']));
  return `coalesce(${revenue}, ${amount}, 0)`;
}

const conversionFilter = `type = 'track' and event in (select unnest($1::varchar[]))`;

export async function readOverview(store: Store): Promise<Overview> {
  const [latest] = await store.query<{ as_of: Date | null }>('select max(occurred_at) as as_of from events');
  const asOf = latest?.as_of ?? null;
  const [totals] = await store.query<{ profiles: number }>('select count(*) as profiles from profiles');
  const [conversions] = await store.query<{ customers: number; orders: number; revenue: number | null }>(
    `select count(distinct profile_id) as customers, count(*) as orders, sum(${revenueSql(store)}) as revenue
       from events where ${conversionFilter}`,
    [CONVERSION_EVENTS],
  );
  const [active] = await store.query<{ active: number }>(
    `select count(distinct profile_id) as active from events
      where occurred_at > cast($1 as ${store.dialect.timestampType}) - ${store.dialect.daysInterval('$2')}`,
    [asOf ?? new Date(0), ACTIVE_DAYS],
  );
  return {
    asOf,
    profiles: Number(totals?.profiles ?? 0),
    customers: Number(conversions?.customers ?? 0),
    active30d: asOf ? Number(active?.active ?? 0) : 0,
    orders: Number(conversions?.orders ?? 0),
    revenue: Number(conversions?.revenue ?? 0),
    months: await readKpiMonths(store, asOf),
  };
}

/** The first day (UTC) of the month `months` before the month of `date`. */
function monthsBefore(date: Date, months: number): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() - months, 1));
}

/**
 * KPIs per calendar month (UTC) for the 24 months up to `asOf`. Only those months' events are read, and active
 * profiles are counted from distinct (month, profile) pairs, which DuckDB computes about twice as fast as
 * `count(distinct profile_id)` per group.
 */
async function readKpiMonths(store: Store, asOf: Date | null): Promise<Overview['months']> {
  if (!asOf) return [];
  const rows = await store.query<{
    month: Date;
    active_profiles: number;
    orders: number | null;
    revenue: number | null;
    new_customers: number | null;
  }>(
    `with active as (
       select month, count(*) as active_profiles
         from (select distinct date_trunc('month', occurred_at) as month, profile_id from events
                where occurred_at >= $2) pairs
        group by month
     ), conversions as (
       select date_trunc('month', occurred_at) as month, profile_id, ${revenueSql(store)} as revenue
         from events where ${conversionFilter}
     ), orders as (
       select month, count(*) as orders, sum(revenue) as revenue from conversions group by month
     ), first_counts as (
       select month, count(*) as new_customers
         from (select min(month) as month from conversions group by profile_id) firsts
        group by month
     )
     select a.month, a.active_profiles, o.orders, o.revenue, f.new_customers
       from active a left join orders o on o.month = a.month left join first_counts f on f.month = a.month
      order by a.month`,
    [CONVERSION_EVENTS, monthsBefore(asOf, KPI_MONTHS - 1)],
  );
  return rows.map((row) => ({
    month: row.month.toISOString().slice(0, 7),
    activeProfiles: Number(row.active_profiles),
    orders: Number(row.orders ?? 0),
    revenue: Number(row.revenue ?? 0),
    newCustomers: Number(row.new_customers ?? 0),
  }));
}

/** Customers per (R, F) score pair from the stored `computed.rfm` (written by `segmint rfm` / POST …/rfm). */
export async function readRfmGrid(store: Store): Promise<RfmGrid> {
  const { dialect } = store;
  const r = dialect.tryCastDouble(dialect.jsonText('computed', ['rfm', 'r']));
  const f = dialect.tryCastDouble(dialect.jsonText('computed', ['rfm', 'f']));
  const rows = await store.query<{ r: number; f: number; customers: number }>(
    `select ${r} as r, ${f} as f, count(*) as customers from profiles
      where ${r} is not null and ${f} is not null group by 1, 2 order by 1, 2`,
  );
  const cells = rows.map((row) => ({ r: Number(row.r), f: Number(row.f), customers: Number(row.customers) }));
  return { cells, scored: cells.reduce((sum, cell) => sum + cell.customers, 0) };
}

/**
 * A histogram of a numeric computed trait. `range: 'unit'` bins [0, 1] (probabilities); `range: 'p99'` bins from
 * the minimum to the 99th percentile with the top bin holding the long tail, so one whale does not squash the rest.
 */
export async function readHistogram(
  store: Store,
  options: { key: string; bins: number; range: 'unit' | 'p99' },
): Promise<Histogram> {
  const { dialect } = store;
  const value = dialect.tryCastDouble(dialect.jsonText('computed', [options.key]));
  const [stats] = await store.query<{
    n: number;
    mean: number | null;
    low: number | null;
    high: number | null;
  }>(
    `select count(v) as n, avg(v) as mean, min(v) as low,
            percentile_cont(0.99) within group (order by v) as high
       from (select ${value} as v from profiles) values_ where v is not null`,
  );
  const count = Number(stats?.n ?? 0);
  if (count === 0 || stats?.low == null || stats.high == null) return { count, mean: null, bins: [] };
  const low = options.range === 'unit' ? 0 : Number(stats.low);
  const high = options.range === 'unit' ? 1 : Math.max(Number(stats.high), low + 1e-9);
  const width = (high - low) / options.bins;
  const rows = await store.query<{ bin: number; n: number }>(
    `select least(greatest(cast(floor((v - $1) / $2) as integer), 0), $3) as bin, count(*) as n
       from (select ${value} as v from profiles) values_ where v is not null group by 1`,
    [low, width, options.bins - 1],
  );
  const counts = new Map(rows.map((row) => [Number(row.bin), Number(row.n)]));
  const bins = Array.from({ length: options.bins }, (_, index) => ({
    from: low + index * width,
    to: low + (index + 1) * width,
    count: counts.get(index) ?? 0,
  }));
  return { count, mean: stats.mean === null ? null : Number(stats.mean), bins };
}

/** Cluster sizes and their descriptions from `computed.cluster` / `computed.cluster_description`. */
export async function readClusterPersonas(store: Store): Promise<ClusterPersona[]> {
  const { dialect } = store;
  const cluster = dialect.tryCastDouble(dialect.jsonText('computed', ['cluster']));
  const description = dialect.jsonText('computed', ['cluster_description']);
  const rows = await store.query<{ cluster: number; description: string | null; profiles: number }>(
    `select ${cluster} as cluster, max(${description}) as description, count(*) as profiles
       from profiles where ${cluster} is not null group by 1 order by 1`,
  );
  return rows.map((row) => ({
    cluster: Number(row.cluster),
    description: row.description,
    profiles: Number(row.profiles),
  }));
}

export async function readProfileMemberships(store: Store, profileId: string): Promise<ProfileMemberships> {
  const rows = await store.query<{ name: string; entered_at: Date }>(
    `select s.name, m.entered_at from segment_members m join segments s on s.id = m.segment_id
      where m.profile_id = $1 order by s.name`,
    [profileId],
  );
  return { memberships: rows.map((row) => ({ segment: row.name, enteredAt: row.entered_at })) };
}

/** A page of the profile's events, newest first. */
export async function readProfileTimeline(
  store: Store,
  options: { profileId: string; offset: number; limit: number },
): Promise<ProfileTimeline> {
  // One more than asked tells whether there is a next page without a count over every event.
  const rows = await readProfileEvents(store, options.profileId, {
    limit: options.limit + 1,
    offset: options.offset,
  });
  const events = rows.slice(0, options.limit);
  return { events, nextOffset: rows.length > options.limit ? options.offset + options.limit : null };
}
