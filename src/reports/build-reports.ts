/**
 * The reports behind `segmint report …`, `/api/reports/…` and the dashboard: campaign (KPIs, A/B variants with
 * significance, the automatic winner decision), journey (KPIs, per node, lift against the holdout group),
 * template, segment (size, entered/exited per day, KPIs of messages to its members) and overview (business KPIs,
 * message KPIs by channel and by day).
 */
import { compareProportions, type ProportionComparison } from '../analytics/experiments/index.ts';
import type { SqlExecutor } from '../store/store.ts';
import { businessKpis, type BusinessKpis } from './business-kpis.ts';
import { findReportSubject } from './find-report-subject.ts';
import { journeyHoldoutLift, type HoldoutLift } from './holdout-lift.ts';
import { messageKpis, messageKpiSets, type MessageKpiRow, type MessageKpis } from './message-kpis.ts';
import type { ReportOptions } from './report-options.ts';

const EMPTY_KPIS: MessageKpis = {
  sent: 0,
  delivered: 0,
  bounced: 0,
  suppressed: 0,
  recipients: 0,
  uniqueOpens: 0,
  machineOpens: 0,
  uniqueClicks: 0,
  unsubscribes: 0,
  conversions: 0,
  revenue: 0,
  cost: 0,
  openRate: null,
  clickRate: null,
  clickToOpenRate: null,
  unsubscribeRate: null,
  conversionRate: null,
  revenuePerRecipient: null,
  roi: null,
};

function only(rows: readonly MessageKpiRow[]): MessageKpis {
  const [row] = rows;
  if (!row) return EMPTY_KPIS;
  const { key: _key, ...kpis } = row;
  return kpis;
}

export interface VariantResult {
  variant: string;
  kpis: MessageKpis;
  /** Against the control variant (the first by name); null for the control itself. */
  versusControl: {
    openRate: ProportionComparison;
    clickRate: ProportionComparison;
    conversionRate: ProportionComparison;
  } | null;
}

export interface CampaignReport {
  campaign: { id: string; name: string; status: string | null };
  kpis: MessageKpis;
  variants: VariantResult[];
  /** The automatic winner decision of an A/B campaign, as recorded when it was made. */
  decision: unknown;
}

function variantResults(rows: readonly MessageKpiRow[]): VariantResult[] {
  const named = rows.filter((row) => row.key.variant !== null && row.key.variant !== undefined);
  const [control] = named;
  return named.map((row) => {
    const { key, ...kpis } = row;
    const compare = (successes: (k: MessageKpis) => number) =>
      control
        ? compareProportions(
            { conversions: successes(control), trials: control.delivered },
            { conversions: successes(kpis), trials: kpis.delivered },
          )
        : compareProportions({ conversions: 0, trials: 0 }, { conversions: 0, trials: 0 });
    return {
      variant: String(key.variant),
      kpis,
      versusControl:
        row === control
          ? null
          : {
              openRate: compare((k) => k.uniqueOpens),
              clickRate: compare((k) => k.uniqueClicks),
              conversionRate: compare((k) => Math.min(k.delivered, Math.round(k.conversions))),
            },
    };
  });
}

export async function campaignReport(
  executor: SqlExecutor,
  idOrName: string,
  options: ReportOptions,
): Promise<CampaignReport> {
  const campaign = await findReportSubject(executor, 'campaign', idOrName);
  const [row] = await executor.query<{ status: string | null; decision: unknown }>(
    'select status, decision from campaigns where id = $1',
    [campaign.id],
  );
  const filter = { campaignId: campaign.id };
  const decision = typeof row?.decision === 'string' ? JSON.parse(row.decision) : (row?.decision ?? null);
  // The total and the variants in one pass over the campaign's messages.
  const [total = [], variants = []] = await messageKpiSets(executor, {
    ...options,
    sets: [[], ['variant']],
    filter,
    order: 'sql',
  });
  return {
    campaign: { ...campaign, status: row?.status ?? null },
    kpis: only(total),
    variants: variantResults(variants),
    decision,
  };
}

export interface JourneyReport {
  journey: { id: string; name: string };
  kpis: MessageKpis;
  nodes: { nodeId: string; kpis: MessageKpis }[];
  runs: { status: string; runs: number }[];
  holdout: HoldoutLift;
}

export async function journeyReport(
  executor: SqlExecutor,
  idOrName: string,
  options: ReportOptions,
): Promise<JourneyReport> {
  const journey = await findReportSubject(executor, 'journey', idOrName);
  const filter = { journeyId: journey.id };
  // The total and the nodes in one pass over the journey's messages.
  const [total = [], nodes = []] = await messageKpiSets(executor, {
    ...options,
    sets: [[], ['node_id']],
    filter,
    order: 'sql',
  });
  const runs = await executor.query<{ status: string; runs: number }>(
    'select status, count(*) as runs from journey_runs where journey_id = $1 group by status order by status',
    [journey.id],
  );
  return {
    journey,
    kpis: only(total),
    nodes: nodes.map(({ key, ...kpis }) => ({ nodeId: String(key.node_id), kpis })),
    runs: runs.map((row) => ({ status: row.status, runs: Number(row.runs) })),
    holdout: await journeyHoldoutLift(executor, journey.id, options.attribution),
  };
}

export async function templateReport(
  executor: SqlExecutor,
  idOrName: string,
  options: ReportOptions,
): Promise<{ template: { id: string; name: string }; kpis: MessageKpis; byDay: MessageKpiRow[] }> {
  const template = await findReportSubject(executor, 'template', idOrName);
  const filter = { templateId: template.id };
  return {
    template,
    kpis: only(await messageKpis(executor, { ...options, groupBy: [], filter })),
    byDay: await messageKpis(executor, { ...options, groupBy: ['day'], filter }),
  };
}

export interface SegmentReport {
  segment: { id: string; name: string };
  members: number;
  /** Entered and exited per day within the period. */
  transitions: { day: string; entered: number; exited: number }[];
  /** Messages sent to the segment's current members. */
  kpis: MessageKpis;
}

export async function segmentReport(
  executor: SqlExecutor,
  idOrName: string,
  options: ReportOptions,
): Promise<SegmentReport> {
  const segment = await findReportSubject(executor, 'segment', idOrName);
  const [members] = await executor.query<{ n: number }>(
    'select count(*) as n from segment_members where segment_id = $1',
    [segment.id],
  );
  const day = 'cast(cast(occurred_at as date) as varchar)';
  const transitions = await executor.query<{ day: string; entered: number; exited: number }>(
    `select ${day} as day, sum(case when kind = 'entered' then 1 else 0 end) as entered,
            sum(case when kind = 'exited' then 1 else 0 end) as exited
       from segment_transitions where segment_id = $1 and occurred_at >= $2
      group by ${day} order by day`,
    [segment.id, options.since ?? new Date(0)],
  );
  return {
    segment,
    members: Number(members?.n ?? 0),
    transitions: transitions.map((row) => ({
      day: row.day,
      entered: Number(row.entered),
      exited: Number(row.exited),
    })),
    kpis: only(await messageKpis(executor, { ...options, groupBy: [], filter: { segmentId: segment.id } })),
  };
}

export interface OverviewReport {
  business: BusinessKpis;
  messages: MessageKpis;
  byChannel: MessageKpiRow[];
  byDay: MessageKpiRow[];
  campaigns: MessageKpiRow[];
  journeys: MessageKpiRow[];
}

export async function overviewReport(
  executor: SqlExecutor,
  options: ReportOptions & { now?: Date },
): Promise<OverviewReport> {
  const business = await businessKpis(executor, options);
  const period = { ...options, since: business.period.since, until: business.period.until };
  const named = (rows: MessageKpiRow[], dimension: 'campaign_id' | 'journey_id') =>
    rows
      .filter((row) => row.key[dimension] !== null)
      .sort((a, b) => b.revenue - a.revenue || b.sent - a.sent)
      .slice(0, 10);
  // One pass over the period's messages for all five views.
  const [total = [], byChannel = [], byDay = [], campaigns = [], journeys = []] = await messageKpiSets(
    executor,
    {
      ...period,
      sets: [[], ['channel'], ['day'], ['campaign_id'], ['journey_id']],
    },
  );
  return {
    business,
    messages: only(total),
    byChannel,
    byDay,
    campaigns: named(campaigns, 'campaign_id'),
    journeys: named(journeys, 'journey_id'),
  };
}
