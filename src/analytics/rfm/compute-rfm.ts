/**
 * RFM as SQL in the store: one pass over the conversion events computes recency, frequency and monetary value per
 * profile as of a snapshot date, quintile scores (1–5, 5 best) with ntile over a deterministic order, and the named
 * segment. Results are written to `profiles.computed.rfm` so segments can use `rfm.segment = "At risk"` or
 * `rfm.r >= 4`.
 *
 * Conventions (the usual ones, e.g. for UCI Online Retail): recency = days from the last purchase's date to the
 * snapshot date; frequency = distinct orders (the `orderProperty`, else each event is an order); monetary = sum of
 * the amount property; the default snapshot is the day after the last purchase in the data. Events with a
 * non-numeric amount count as 0; only events strictly before the snapshot count.
 */
import { z } from 'zod';
import { parseOrThrow } from '../../schema/parse-or-throw.ts';
import type { SqlExecutor, Store } from '../../store/store.ts';
import { rfmSegmentSql, type RfmSegment } from './rfm-segments.ts';

export const rfmOptionsSchema = z.object({
  event: z.string().trim().min(1).default('purchase'),
  amountProperty: z.string().trim().min(1).default('amount'),
  orderProperty: z.string().trim().min(1).optional(),
  asOf: z.coerce.date().optional(),
  /** The usual cleaning for retail data: returns, cancellations and free lines (amount ≤ 0) do not count. */
  positiveAmountsOnly: z.boolean().default(false),
});
export type RfmOptions = z.input<typeof rfmOptionsSchema>;

export interface RfmRow {
  profileId: string;
  recencyDays: number;
  frequency: number;
  monetary: number;
  r: number;
  f: number;
  m: number;
  segment: RfmSegment;
}

/** The scoring query (params: $1 event name, $2 snapshot); exported for the benchmark. */
export function scoredRfmSql(executor: SqlExecutor, options: z.output<typeof rfmOptionsSchema>): string {
  const { dialect } = executor;
  const amount = `coalesce(${dialect.tryCastDouble(dialect.jsonText('properties', [options.amountProperty]))}, 0)`;
  const order = options.orderProperty
    ? `coalesce(${dialect.jsonText('properties', [options.orderProperty])}, message_id)`
    : 'message_id';
  return `
    with per_profile as (
      select profile_id,
             max(occurred_at) as last_at,
             count(distinct ${order}) as frequency,
             sum(${amount}) as monetary
        from events
       where type = 'track' and event = $1 and occurred_at < $2${options.positiveAmountsOnly ? ` and ${amount} > 0` : ''}
       group by profile_id
    ), scored as (
      select profile_id, frequency, monetary,
             cast(cast($2 as ${dialect.timestampType}) as date) - cast(last_at as date) as recency_days,
             ntile(5) over (order by last_at, profile_id) as r,
             ntile(5) over (order by frequency, profile_id) as f,
             ntile(5) over (order by monetary, profile_id) as m
        from per_profile
    )
    select profile_id, recency_days, frequency, monetary, r, f, m, ${rfmSegmentSql('r', 'f')} as segment
      from scored`;
}

/** The snapshot: the given date, else UTC midnight after the last conversion event. */
async function resolveAsOf(store: Store, options: z.output<typeof rfmOptionsSchema>): Promise<Date | null> {
  if (options.asOf) return options.asOf;
  const { dialect } = store;
  const amount = `coalesce(${dialect.tryCastDouble(dialect.jsonText('properties', [options.amountProperty]))}, 0)`;
  const [row] = await store.query<{ last_at: Date | null }>(
    `select max(occurred_at) as last_at from events
      where type = 'track' and event = $1${options.positiveAmountsOnly ? ` and ${amount} > 0` : ''}`,
    [options.event],
  );
  if (!row?.last_at) return null;
  const next = new Date(row.last_at);
  next.setUTCHours(0, 0, 0, 0);
  next.setUTCDate(next.getUTCDate() + 1);
  return next;
}

export interface RfmResult {
  asOf: Date | null;
  options: z.output<typeof rfmOptionsSchema>;
  rows: RfmRow[];
}

/** Computes RFM and stores it on every profile (profiles without a conversion lose any earlier `rfm`). */
export async function computeRfm(store: Store, input: RfmOptions = {}): Promise<RfmResult> {
  const options = parseOrThrow(rfmOptionsSchema, input, 'options');
  const asOf = await resolveAsOf(store, options);
  if (!asOf) return { asOf: null, options, rows: [] };
  const rows = await store.transaction(async (tx) => {
    const { dialect } = tx;
    const params = [options.event, asOf];
    await tx.execute(`update profiles set computed = ${dialect.jsonWithoutKey('computed', 'rfm')}`);
    const value = dialect.jsonObject([
      ['r', 's.r'],
      ['f', 's.f'],
      ['m', 's.m'],
      ['recency_days', 's.recency_days'],
      ['frequency', 's.frequency'],
      ['monetary', 's.monetary'],
      ['segment', 's.segment'],
      ['as_of', 'cast($3 as varchar)'],
    ]);
    await tx.execute(
      `update profiles set computed = ${dialect.jsonWithKey('computed', 'rfm', value)}
         from (${scoredRfmSql(tx, options)}) s where profiles.id = s.profile_id`,
      [...params, asOf.toISOString().slice(0, 10)],
    );
    return tx.query<{
      profile_id: string;
      recency_days: number;
      frequency: number;
      monetary: number;
      r: number;
      f: number;
      m: number;
      segment: RfmSegment;
    }>(`${scoredRfmSql(tx, options)} order by profile_id`, params);
  });
  return {
    asOf,
    options,
    rows: rows.map((row) => ({
      profileId: row.profile_id,
      recencyDays: Number(row.recency_days),
      frequency: Number(row.frequency),
      monetary: Number(row.monetary),
      r: Number(row.r),
      f: Number(row.f),
      m: Number(row.m),
      segment: row.segment,
    })),
  };
}

export interface RfmSegmentSummary {
  segment: RfmSegment;
  customers: number;
  share: number;
  meanRecencyDays: number;
  meanFrequency: number;
  meanMonetary: number;
}

/** Counts and mean R/F/M per named segment, largest first. */
export function summarizeRfm(rows: readonly RfmRow[]): RfmSegmentSummary[] {
  const groups = new Map<RfmSegment, RfmRow[]>();
  for (const row of rows) {
    const members = groups.get(row.segment);
    if (members) members.push(row);
    else groups.set(row.segment, [row]);
  }
  const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  return [...groups.entries()]
    .map(([segment, members]) => ({
      segment,
      customers: members.length,
      share: members.length / rows.length,
      meanRecencyDays: mean(members.map((row) => row.recencyDays)),
      meanFrequency: mean(members.map((row) => row.frequency)),
      meanMonetary: mean(members.map((row) => row.monetary)),
    }))
    .sort((a, b) => b.customers - a.customers);
}
