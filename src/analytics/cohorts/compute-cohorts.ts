/**
 * Cohort retention as SQL in the store: customers grouped by the month of their first purchase (or the month
 * they were first seen), and for each later month the share of the cohort active in it.
 */
import { z } from 'zod';
import { parseOrThrow } from '../../schema/parse-or-throw.ts';
import type { Store } from '../../store/store.ts';

export const cohortOptionsSchema = z.object({
  /** Which event counts as activity (and, with `by: first-purchase`, defines the cohort). */
  event: z.string().trim().min(1).default('purchase'),
  by: z.enum(['first-purchase', 'first-seen']).default('first-purchase'),
  /** Only cohorts starting on or after this date. */
  since: z.coerce.date().optional(),
  maxPeriods: z.coerce.number().int().min(1).max(120).default(24),
});
export type CohortOptions = z.input<typeof cohortOptionsSchema>;

export interface Cohort {
  /** `YYYY-MM` of the cohort's first month. */
  cohort: string;
  size: number;
  /** Active customers in month 0, 1, 2 … after the cohort month. */
  active: number[];
  /** `active[k] / size`. */
  retention: number[];
}

export async function computeCohorts(store: Store, input: CohortOptions = {}): Promise<Cohort[]> {
  const options = parseOrThrow(cohortOptionsSchema, input, 'options');
  const cohortSource =
    options.by === 'first-purchase'
      ? 'select profile_id, min(month) as cohort from activity group by profile_id'
      : `select id as profile_id, date_trunc('month', first_seen_at) as cohort from profiles`;
  const rows = await store.query<{ cohort: Date; period: number; customers: number }>(
    `with activity as (
       select profile_id, date_trunc('month', occurred_at) as month
         from events where type = 'track' and event = $1
        group by profile_id, date_trunc('month', occurred_at)
     ), cohorts as (${cohortSource})
     select c.cohort,
            cast((extract(year from a.month) - extract(year from c.cohort)) * 12
                 + extract(month from a.month) - extract(month from c.cohort) as integer) as period,
            count(distinct a.profile_id) as customers
       from activity a join cohorts c on c.profile_id = a.profile_id
      where a.month >= c.cohort and ($2::varchar is null or c.cohort >= cast($2 as ${store.dialect.timestampType}))
      group by c.cohort, a.month
      order by c.cohort, period`,
    [options.event, options.since ? options.since.toISOString() : null],
  );
  const sizes = await store.query<{ cohort: Date; size: number }>(
    `with activity as (
       select profile_id, date_trunc('month', occurred_at) as month
         from events where type = 'track' and event = $1
        group by profile_id, date_trunc('month', occurred_at)
     ), cohorts as (${cohortSource})
     select cohort, count(*) as size from cohorts group by cohort`,
    [options.event],
  );
  const sizeByCohort = new Map(sizes.map((row) => [row.cohort.toISOString().slice(0, 7), Number(row.size)]));
  const cohorts = new Map<string, Cohort>();
  for (const row of rows) {
    const key = row.cohort.toISOString().slice(0, 7);
    const period = Number(row.period);
    if (period >= options.maxPeriods) continue;
    let cohort = cohorts.get(key);
    if (!cohort) {
      cohort = { cohort: key, size: sizeByCohort.get(key) ?? 0, active: [], retention: [] };
      cohorts.set(key, cohort);
    }
    cohort.active[period] = Number(row.customers);
  }
  for (const cohort of cohorts.values()) {
    for (let period = 0; period < cohort.active.length; period++) cohort.active[period] ??= 0;
    cohort.retention = cohort.active.map((active) => (cohort.size > 0 ? active / cohort.size : 0));
  }
  return [...cohorts.values()];
}
