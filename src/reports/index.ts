/** Measurement: message KPIs, attribution, A/B results, holdout lift, business KPIs and the reports built on them. */
export {
  campaignReport,
  journeyReport,
  overviewReport,
  segmentReport,
  templateReport,
  type CampaignReport,
  type JourneyReport,
  type OverviewReport,
  type SegmentReport,
  type VariantResult,
} from './build-reports.ts';
export { businessKpis, type BusinessKpis } from './business-kpis.ts';
export { COST_SCOPES, costInputSchema, listCosts, setCost, type Cost, type CostInput } from './costs.ts';
export { journeyHoldoutLift, type HoldoutLift } from './holdout-lift.ts';
export {
  KPI_DIMENSIONS,
  messageKpis,
  type KpiDimension,
  type MessageKpiRow,
  type MessageKpis,
} from './message-kpis.ts';
export { readReportOptions, reportOptionsSchema, type ReportOptions } from './report-options.ts';
