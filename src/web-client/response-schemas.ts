import { z } from 'zod';
import { abDecisionSchema, campaignStatusSchema } from '../schema/campaign.ts';
import { consentChangeSchema } from '../schema/consent.ts';
import { capturedEmailSchema } from '../schema/email.ts';
import { journeyDefinitionSchema } from '../schema/journey.ts';
import { templateChannelSchema, templateFormatSchema } from '../schema/template.ts';

/**
 * Shapes of the existing management API's responses, as the dashboard reads them. The server side returns plain
 * objects built in TypeScript (profile-queries.ts, segments/saved/), so these schemas are the one place the JSON is
 * checked on the way in; dates are ISO text in JSON.
 */

const jsonObjectSchema = z.record(z.string(), z.unknown());

export const profileSummarySchema = z.object({
  id: z.string(),
  userId: z.string().nullable(),
  email: z.string().nullable(),
  traits: jsonObjectSchema,
  computed: jsonObjectSchema,
  firstSeenAt: z.coerce.date(),
  lastSeenAt: z.coerce.date(),
});
export type ProfileSummary = z.infer<typeof profileSummarySchema>;

export const profileListSchema = z.object({ total: z.number(), profiles: z.array(profileSummarySchema) });
export type ProfileList = z.infer<typeof profileListSchema>;

export const profileDetailSchema = profileSummarySchema.extend({
  identities: z.array(z.object({ kind: z.string(), value: z.string() })),
});
export type ProfileDetail = z.infer<typeof profileDetailSchema>;

export const segmentSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  text: z.string(),
  realtime: z.boolean(),
  version: z.number(),
  members: z.number(),
  createdAt: z.coerce.date(),
  updatedAt: z.coerce.date(),
});
export type SegmentSummary = z.infer<typeof segmentSummarySchema>;

export const segmentPreviewSchema = z.object({ count: z.number(), sample: z.array(z.string()) });
export type SegmentPreview = z.infer<typeof segmentPreviewSchema>;

export const segmentTransitionSchema = z.object({
  profileId: z.string(),
  kind: z.enum(['entered', 'exited']),
  occurredAt: z.coerce.date(),
});
export type SegmentTransition = z.infer<typeof segmentTransitionSchema>;

export const cohortSchema = z.object({
  cohort: z.string(),
  size: z.number(),
  active: z.array(z.number()),
  retention: z.array(z.number()),
});
export type Cohort = z.infer<typeof cohortSchema>;

/** The error body every endpoint answers with (src/errors.ts `toJSON`). */
export const errorBodySchema = z.object({
  error: z.string(),
  message: z.string(),
  details: z.array(z.object({ path: z.string(), message: z.string() })).default([]),
});

export const templateSchema = z.object({
  id: z.string(),
  name: z.string(),
  channel: templateChannelSchema,
  currentVersion: z.number(),
  createdAt: z.coerce.date(),
  updatedAt: z.coerce.date(),
  archivedAt: z.coerce.date().nullable(),
});
export type TemplateSummary = z.infer<typeof templateSchema>;

export const templateWithVersionSchema = templateSchema.extend({
  content: z.object({
    version: z.number(),
    subject: z.string().nullable(),
    body: z.string(),
    format: templateFormatSchema,
    textBody: z.string().nullable(),
  }),
});
export type TemplateWithContent = z.infer<typeof templateWithVersionSchema>;

export const renderedPartsSchema = z.object({
  subject: z.string().optional(),
  html: z.string().optional(),
  text: z.string(),
  body: z.unknown().optional(),
});
export type RenderedPreview = z.infer<typeof renderedPartsSchema>;

/** A captured email as listed (the raw MIME source and headers are left out of the viewer's list). */
export const capturedEmailSummarySchema = capturedEmailSchema
  .pick({
    messageId: true,
    profileId: true,
    recipient: true,
    sender: true,
    subject: true,
    html: true,
    text: true,
  })
  .extend({ capturedAt: z.coerce.date() });
export type CapturedEmailSummary = z.infer<typeof capturedEmailSummarySchema>;

export const journeySummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  status: z.enum(['active', 'paused', 'archived']),
  currentVersion: z.number(),
  createdAt: z.coerce.date(),
  updatedAt: z.coerce.date(),
});
export type JourneySummary = z.infer<typeof journeySummarySchema>;

const nodeCountsSchema = z.object({
  nodeId: z.string(),
  type: z.string(),
  entered: z.number(),
  waiting: z.number(),
  exited: z.number(),
  converted: z.number(),
});

export const journeyReportSchema = z.object({
  journey: journeySummarySchema,
  definition: journeyDefinitionSchema,
  runs: z.object({
    total: z.number(),
    live: z.number(),
    completed: z.number(),
    exited: z.number(),
    converted: z.number(),
    cancelled: z.number(),
    holdout: z.number(),
  }),
  nodes: z.array(nodeCountsSchema),
});
export type JourneyReportView = z.infer<typeof journeyReportSchema>;

export const savedJourneySchema = z.object({
  journey: journeySummarySchema,
  version: z.number(),
  created: z.boolean(),
});

export const journeyValidationSchema = z.union([
  z.object({ ok: z.literal(true) }),
  z.object({ ok: z.literal(false), problems: z.array(z.object({ path: z.string(), message: z.string() })) }),
]);
export type JourneyValidationView = z.infer<typeof journeyValidationSchema>;

export const profileConsentSchema = z.object({
  profileId: z.string(),
  current: z.array(consentChangeSchema.extend({ source: z.string(), recordedAt: z.coerce.date() })),
  subscriptions: z.array(
    z.object({ topicName: z.string(), channel: z.string(), status: z.string(), updatedAt: z.coerce.date() }),
  ),
});
export type ProfileConsentView = z.infer<typeof profileConsentSchema>;

export const campaignSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  status: campaignStatusSchema,
  fireAt: z.coerce.date().nullable(),
  completedAt: z.coerce.date().nullable(),
  createdAt: z.coerce.date(),
});
export type CampaignSummary = z.infer<typeof campaignSummarySchema>;

export const campaignReportSchema = z.object({
  campaign: campaignSummarySchema,
  recipients: z.number(),
  byStatus: z.record(z.string(), z.number()),
  variants: z.array(z.object({ variant: z.string().nullable(), recipients: z.number(), sent: z.number() })),
  abTest: z
    .discriminatedUnion('state', [
      z.object({ state: z.literal('not_started') }),
      z.object({ state: z.literal('testing'), decideAt: z.coerce.date() }),
      z.object({ state: z.literal('decided'), decision: abDecisionSchema }),
    ])
    .nullable(),
});
export type CampaignReportView = z.infer<typeof campaignReportSchema>;
