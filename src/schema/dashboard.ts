import { z } from 'zod';

/**
 * Responses of the dashboard's read endpoints (`/api/dashboard/*`). The server builds them and the web client
 * parses them with the same schemas, so a change on one side fails type checking on the other. Dates travel as
 * ISO text in JSON, hence `z.coerce.date()`.
 */

/** The events that count as a conversion (the shop's `Order Completed`, or the generator's `purchase`). */
export const CONVERSION_EVENTS = ['Order Completed', 'purchase'] as const;

export const kpiMonthSchema = z.object({
  /** `YYYY-MM`. */
  month: z.string(),
  activeProfiles: z.number(),
  orders: z.number(),
  revenue: z.number(),
  newCustomers: z.number(),
});
export type KpiMonth = z.infer<typeof kpiMonthSchema>;

export const overviewSchema = z.object({
  /** The latest event's time: "active" is measured back from it, so a historic data set still reads sensibly. */
  asOf: z.coerce.date().nullable(),
  profiles: z.number(),
  /** Profiles with at least one conversion. */
  customers: z.number(),
  /** Profiles with any event in the 30 days up to `asOf`. */
  active30d: z.number(),
  orders: z.number(),
  revenue: z.number(),
  months: z.array(kpiMonthSchema),
});
export type Overview = z.infer<typeof overviewSchema>;

export const rfmCellSchema = z.object({ r: z.number(), f: z.number(), customers: z.number() });
export const rfmGridSchema = z.object({ cells: z.array(rfmCellSchema), scored: z.number() });
export type RfmGrid = z.infer<typeof rfmGridSchema>;

export const histogramBinSchema = z.object({ from: z.number(), to: z.number(), count: z.number() });
export type HistogramBin = z.infer<typeof histogramBinSchema>;
export const histogramSchema = z.object({
  /** Profiles with a value. */
  count: z.number(),
  mean: z.number().nullable(),
  bins: z.array(histogramBinSchema),
});
export type Histogram = z.infer<typeof histogramSchema>;

export const clusterPersonaSchema = z.object({
  cluster: z.number(),
  description: z.string().nullable(),
  profiles: z.number(),
});
export type ClusterPersona = z.infer<typeof clusterPersonaSchema>;

export const predictionsSchema = z.object({
  clv: histogramSchema,
  churnRisk: histogramSchema,
  clusters: z.array(clusterPersonaSchema),
});
export type Predictions = z.infer<typeof predictionsSchema>;

export const segmentMembershipSchema = z.object({
  segment: z.string(),
  enteredAt: z.coerce.date(),
});
export const profileMembershipsSchema = z.object({ memberships: z.array(segmentMembershipSchema) });
export type ProfileMemberships = z.infer<typeof profileMembershipsSchema>;

export const timelineEventSchema = z.object({
  messageId: z.string(),
  type: z.string(),
  event: z.string().nullable(),
  name: z.string().nullable(),
  occurredAt: z.coerce.date(),
  properties: z.record(z.string(), z.unknown()).nullable(),
});
export type TimelineEvent = z.infer<typeof timelineEventSchema>;
export const profileTimelineSchema = z.object({
  events: z.array(timelineEventSchema),
  /** Pass as `offset` for the next (older) page; null at the end. */
  nextOffset: z.number().nullable(),
});
export type ProfileTimeline = z.infer<typeof profileTimelineSchema>;

export const timelineQuerySchema = z.object({
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const histogramQuerySchema = z.object({ bins: z.coerce.number().int().min(2).max(100).default(20) });
