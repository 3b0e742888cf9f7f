/**
 * Message KPIs grouped by any of campaign, journey, journey node, template, A/B variant, channel or day: sent,
 * delivered, bounced, unique (human) opens, unique clicks, unsubscribes, attributed conversions and revenue, cost,
 * and the rates derived from them. One SQL statement over `messages`, the tracking events and the attribution.
 *
 * Definitions (per message, so "unique" means once per message):
 * - sent: accepted by the provider (status `sent`) or bounced after being handed over;
 * - delivered = sent − bounced; opens exclude opens flagged `machine` (image proxies, scanners);
 * - open rate, CTR, conversion rate and revenue per recipient are over delivered; click-to-open over unique opens;
 * - cost = per-message cost (the campaign's or journey's own when set above 0, else the channel's) × sent + fixed costs;
 *   ROI = (revenue − cost) ÷ cost.
 */
import { TRACKING_EVENT_NAMES } from '../schema/tracking.ts';
import type { SqlExecutor, SqlValue } from '../store/store.ts';
import { attributionSql } from './attribution-sql.ts';
import { fixedCostOf } from './costs.ts';
import type { ReportOptions } from './report-options.ts';

export const KPI_DIMENSIONS = [
  'campaign_id',
  'journey_id',
  'node_id',
  'template_id',
  'variant',
  'channel',
  'day',
] as const;
export type KpiDimension = (typeof KPI_DIMENSIONS)[number];

export interface MessageKpis {
  sent: number;
  delivered: number;
  bounced: number;
  suppressed: number;
  recipients: number;
  uniqueOpens: number;
  machineOpens: number;
  uniqueClicks: number;
  unsubscribes: number;
  conversions: number;
  revenue: number;
  cost: number;
  openRate: number | null;
  clickRate: number | null;
  clickToOpenRate: number | null;
  unsubscribeRate: number | null;
  conversionRate: number | null;
  revenuePerRecipient: number | null;
  roi: number | null;
}

export interface MessageKpiRow extends MessageKpis {
  key: Partial<Record<KpiDimension, string | null>>;
}

export interface MessageFilter {
  campaignId?: string;
  journeyId?: string;
  templateId?: string;
  /** Messages to the current members of this segment (by id). */
  segmentId?: string;
}

const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : null);

/** The rates of a set of counts (also used to total rows). */
export function withRates(
  counts: Omit<MessageKpis, `${string}Rate` | 'revenuePerRecipient' | 'roi'>,
): MessageKpis {
  return {
    ...counts,
    openRate: ratio(counts.uniqueOpens, counts.delivered),
    clickRate: ratio(counts.uniqueClicks, counts.delivered),
    clickToOpenRate: ratio(counts.uniqueClicks, counts.uniqueOpens),
    unsubscribeRate: ratio(counts.unsubscribes, counts.delivered),
    conversionRate: ratio(counts.conversions, counts.delivered),
    revenuePerRecipient: ratio(counts.revenue, counts.delivered),
    roi: counts.cost > 0 ? (counts.revenue - counts.cost) / counts.cost : null,
  };
}

export async function messageKpis(
  executor: SqlExecutor,
  options: ReportOptions & { groupBy: readonly KpiDimension[]; filter?: MessageFilter },
): Promise<MessageKpiRow[]> {
  const [rows] = await messageKpiSets(executor, { ...options, sets: [options.groupBy] });
  return rows ?? [];
}

const dimensionSql = (dimension: KpiDimension) =>
  dimension === 'day' ? 'cast(cast(m.created_at as date) as varchar)' : `m.${dimension}`;

/**
 * Several groupings of the same messages in one pass (SQL grouping sets): one list of rows per set, each exact
 * (distinct recipients included). The overview uses it to get totals, by channel, by day, by campaign and by journey
 * for the price of one scan of the events.
 */
export async function messageKpiSets(
  executor: SqlExecutor,
  options: ReportOptions & {
    sets: readonly (readonly KpiDimension[])[];
    filter?: MessageFilter;
    /**
     * 'sql': each set's rows in the order `messageKpis` gives them alone (by key, as the database sorts; a report
     * that splits one pass into its parts keeps the order it had). Default 'key': sorted here by the key's text.
     */
    order?: 'sql' | 'key';
  },
): Promise<MessageKpiRow[][]> {
  const { dialect } = executor;
  const dimensions = [...new Set(options.sets.flat())];
  const single = options.sets.length === 1;
  const params: SqlValue[] = [];
  const add = (value: SqlValue) => {
    params.push(value);
    return `$${params.length}`;
  };
  const names = Object.values(TRACKING_EVENT_NAMES);
  const machine = dialect.jsonText('e.properties', ['machine']);
  const flag = (test: string) => `max(case when ${test} then 1 else 0 end)`;
  const columns = [
    ...dimensions.map((dimension) => `${dimensionSql(dimension)} as ${dimension}`),
    // Which dimensions a row is grouped by (0) or rolled up over (1), to sort rows back into their sets.
    ...(single
      ? []
      : dimensions.map((dimension) => `grouping(${dimensionSql(dimension)}) as g_${dimension}`)),
  ];
  const groupColumns = (options.sets[0] ?? []).map(dimensionSql);
  const grouping = single
    ? groupColumns.length > 0
      ? `group by ${groupColumns.join(', ')} order by ${groupColumns.join(', ')}`
      : ''
    : `group by grouping sets (${options.sets.map((set) => `(${set.map(dimensionSql).join(', ')})`).join(', ')})` +
      (options.order === 'sql' && dimensions.length > 0
        ? ` order by ${dimensions.map(dimensionSql).join(', ')}`
        : '');
  // The messages in scope come first: tracking events, touches and conversions are read only for them.
  const where = ['1 = 1'];
  if (options.since) where.push(`m.created_at >= ${add(options.since)}`);
  if (options.until) where.push(`m.created_at < ${add(options.until)}`);
  if (options.filter?.campaignId) where.push(`m.campaign_id = ${add(options.filter.campaignId)}`);
  if (options.filter?.journeyId) where.push(`m.journey_id = ${add(options.filter.journeyId)}`);
  if (options.filter?.templateId) where.push(`m.template_id = ${add(options.filter.templateId)}`);
  if (options.filter?.segmentId) {
    const segment = add(options.filter.segmentId);
    where.push(`m.profile_id in (select profile_id from segment_members where segment_id = ${segment})`);
  }
  const attributed = attributionSql(dialect, options.attribution, params, 'scoped');
  const isSent = `(m.status = 'sent' or f.bounced = 1)`;
  const sql = `
    with scoped as materialized (select m.* from messages m where ${where.join(' and ')}),
    facts as (
      select ${dialect.jsonText('e.properties', ['messageId'])} as message_id,
             ${flag(`e.event = '${TRACKING_EVENT_NAMES.bounced}'`)} as bounced,
             ${flag(`e.event = '${TRACKING_EVENT_NAMES.opened}' and coalesce(${machine}, 'false') <> 'true'`)} as opened,
             ${flag(`e.event = '${TRACKING_EVENT_NAMES.opened}' and ${machine} = 'true'`)} as machine_opened,
             ${flag(`e.event = '${TRACKING_EVENT_NAMES.clicked}'`)} as clicked,
             ${flag(`e.event = '${TRACKING_EVENT_NAMES.unsubscribed}'`)} as unsubscribed
        from events e
       where e.type = 'track' and e.event in (select unnest(${add(names)}::varchar[]))
         and ${dialect.jsonText('e.properties', ['messageId'])} in (select id from scoped)
       group by ${dialect.jsonText('e.properties', ['messageId'])}
    ),
    attributed as (${attributed}),
    priced as (
      select m.*, coalesce(nullif(own.per_message, 0), nullif(journey_cost.per_message, 0), channel_cost.per_message, 0) as per_message
        from scoped m
        left join costs own on own.scope = 'campaign' and own.scope_id = m.campaign_id
        left join costs journey_cost on journey_cost.scope = 'journey' and journey_cost.scope_id = m.journey_id
        left join costs channel_cost on channel_cost.scope = 'channel' and channel_cost.scope_id = m.channel
    )
    select ${[...columns, ''].join(', ')}
           sum(case when ${isSent} then 1 else 0 end) as sent,
           sum(coalesce(f.bounced, 0)) as bounced,
           sum(case when m.status = 'suppressed' then 1 else 0 end) as suppressed,
           count(distinct case when ${isSent} then m.profile_id end) as recipients,
           sum(coalesce(f.opened, 0)) as unique_opens,
           sum(case when coalesce(f.opened, 0) = 0 then coalesce(f.machine_opened, 0) else 0 end) as machine_opens,
           sum(coalesce(f.clicked, 0)) as unique_clicks,
           sum(coalesce(f.unsubscribed, 0)) as unsubscribes,
           coalesce(sum(a.conversions), 0) as conversions,
           coalesce(sum(a.revenue), 0) as revenue,
           sum(case when ${isSent} then m.per_message else 0 end) as variable_cost
      from priced m
      left join facts f on f.message_id = m.id
      left join attributed a on a.message_id = m.id
     ${grouping}`;
  const rows = await executor.query(sql, params);
  const fixedCosts = await fixedCostOf(executor);
  const setOf = (row: Record<string, unknown>): number =>
    single
      ? 0
      : options.sets.findIndex((set) =>
          dimensions.every((dimension) => (Number(row[`g_${dimension}`]) === 0) === set.includes(dimension)),
        );
  const result: MessageKpiRow[][] = options.sets.map(() => []);
  for (const row of rows) {
    const index = setOf(row);
    const set = options.sets[index];
    if (!set) continue;
    const key: Partial<Record<KpiDimension, string | null>> = {};
    for (const dimension of set) key[dimension] = (row[dimension] as string | null) ?? null;
    const sent = Number(row.sent);
    const bounced = Number(row.bounced);
    // Fixed costs belong to a whole campaign or journey: added where the row is exactly one of them.
    const fixed =
      (key.campaign_id ? (fixedCosts.get(`campaign:${key.campaign_id}`) ?? 0) : 0) +
      (key.journey_id && !set.includes('node_id') ? (fixedCosts.get(`journey:${key.journey_id}`) ?? 0) : 0);
    result[index]?.push({
      key,
      ...withRates({
        sent,
        delivered: sent - bounced,
        bounced,
        suppressed: Number(row.suppressed),
        recipients: Number(row.recipients),
        uniqueOpens: Number(row.unique_opens),
        machineOpens: Number(row.machine_opens),
        uniqueClicks: Number(row.unique_clicks),
        unsubscribes: Number(row.unsubscribes),
        conversions: Number(row.conversions),
        revenue: Number(row.revenue),
        cost: Number(row.variable_cost) + fixed,
      }),
    });
  }
  // Grouping sets come back in no particular order: sort each set by its key for stable output.
  const text = (row: MessageKpiRow) => JSON.stringify(Object.values(row.key).map((value) => value ?? ''));
  const sortHere = !single && options.order !== 'sql';
  return result.map((set) => (sortHere ? [...set].sort((a, b) => text(a).localeCompare(text(b))) : set));
}
