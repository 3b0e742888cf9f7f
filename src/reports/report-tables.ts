/**
 * Reports as tables: the rows the CLI prints (table or CSV) and the CSV the API serves. One table per report: the
 * total first, then its breakdown (variants, nodes, days, transitions).
 */
import type { CampaignReport, JourneyReport, OverviewReport, SegmentReport } from './build-reports.ts';
import type { MessageKpiRow, MessageKpis } from './message-kpis.ts';

export type TableRow = Record<string, string | number | null>;

const percent = (value: number | null) => (value === null ? null : Math.round(value * 10_000) / 100);
const money = (value: number) => Math.round(value * 100) / 100;

export function kpiColumns(label: string, kpis: MessageKpis): TableRow {
  return {
    row: label,
    sent: kpis.sent,
    delivered: kpis.delivered,
    bounced: kpis.bounced,
    unique_opens: kpis.uniqueOpens,
    open_rate_pct: percent(kpis.openRate),
    unique_clicks: kpis.uniqueClicks,
    ctr_pct: percent(kpis.clickRate),
    ctor_pct: percent(kpis.clickToOpenRate),
    unsubscribes: kpis.unsubscribes,
    conversions: Math.round(kpis.conversions * 100) / 100,
    conversion_rate_pct: percent(kpis.conversionRate),
    revenue: money(kpis.revenue),
    revenue_per_recipient: kpis.revenuePerRecipient === null ? null : money(kpis.revenuePerRecipient),
    cost: money(kpis.cost),
    roi_pct: percent(kpis.roi),
  };
}

const keyed = (rows: readonly MessageKpiRow[], label: (row: MessageKpiRow) => string) =>
  rows.map((row) => kpiColumns(label(row), row));

export function campaignTable(report: CampaignReport): TableRow[] {
  return [
    kpiColumns(`campaign ${report.campaign.name}`, report.kpis),
    ...report.variants.map((variant) => ({
      ...kpiColumns(`variant ${variant.variant}`, variant.kpis),
      p_value_clicks: variant.versusControl
        ? Math.round(variant.versusControl.clickRate.pValue * 10_000) / 10_000
        : null,
      p_beats_control_clicks: variant.versusControl
        ? Math.round(variant.versusControl.clickRate.probabilityToBeatControl * 1000) / 1000
        : null,
    })),
  ];
}

export function journeyTable(report: JourneyReport): TableRow[] {
  return [
    kpiColumns(`journey ${report.journey.name}`, report.kpis),
    ...report.nodes.map((node) => kpiColumns(`node ${node.nodeId}`, node.kpis)),
  ];
}

export function segmentTable(report: SegmentReport): TableRow[] {
  return report.transitions.map((day) => ({ row: day.day, entered: day.entered, exited: day.exited }));
}

export function overviewTable(report: OverviewReport): TableRow[] {
  return [kpiColumns('all messages', report.messages), ...keyed(report.byDay, (row) => String(row.key.day))];
}

function csvField(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(rows: readonly TableRow[]): string {
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const lines = [
    columns.join(','),
    ...rows.map((row) => columns.map((column) => csvField(row[column] ?? null)).join(',')),
  ];
  return `${lines.join('\n')}\n`;
}
