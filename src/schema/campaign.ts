import { z } from 'zod';
import { jsonObjectSchema } from './json.ts';
import { printableNameSchema } from './printable-name.ts';

/**
 * A campaign (broadcast) as data: one template sent to the members of one saved segment, now, at a time, or at a
 * wall-clock time in each profile's own time zone, optionally with an A/B test of subject/template on a sample
 * whose winner goes to the rest. The engine is in `src/campaigns/` (see its README).
 */

export const CAMPAIGN_SCHEMA_VERSION = 1;

export const CAMPAIGN_STATUSES = ['draft', 'scheduled', 'sending', 'sent', 'cancelled'] as const;
export const campaignStatusSchema = z.enum(CAMPAIGN_STATUSES);
export type CampaignStatus = z.infer<typeof campaignStatusSchema>;

const nameSchema = printableNameSchema(200);

/** `2025-03-01T09:00`: a wall-clock time without a zone, read in each profile's `timezone` trait. */
const localDateTimeSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'must be a local date and time like 2025-03-01T09:00 (no zone)')
  .refine((text) => {
    const parsed = new Date(`${text}:00Z`);
    return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(text);
  }, 'is not a real date and time');

const timeZoneSchema = z.string().refine((zone) => {
  // Intl is the IANA database Node ships; it throws a RangeError for unknown zones.
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch (error) {
    if (error instanceof RangeError) return false;
    throw error;
  }
}, 'is not an IANA time zone (e.g. Europe/Berlin)');

export const campaignScheduleSchema = z.discriminatedUnion('type', [
  /** As soon as the campaign is scheduled (or sent with `send`). */
  z.object({ type: z.literal('now') }),
  /** One instant for everybody. */
  z.object({ type: z.literal('at'), at: z.iso.datetime({ offset: true }) }),
  /** The same wall-clock time in each profile's `timezone` trait (`fallbackTimeZone` when missing or unknown). */
  z.object({
    type: z.literal('local_time'),
    localTime: localDateTimeSchema,
    fallbackTimeZone: timeZoneSchema.default('UTC'),
  }),
]);
export type CampaignSchedule = z.infer<typeof campaignScheduleSchema>;

export const variantNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,40}$/, 'must be 1–40 letters, digits, "_" or "-" (e.g. "A", "short-subject")');

export const abVariantSchema = z.object({
  name: variantNameSchema,
  /** Replaces the template's subject for this variant (sent to the dispatcher as `data.subject`). */
  subject: z.string().min(1).max(998).optional(),
  /** Another template (by name) for this variant; default: the campaign's template. */
  template: nameSchema.optional(),
});
export type AbVariant = z.infer<typeof abVariantSchema>;

export const abTestSchema = z
  .object({
    variants: z.array(abVariantSchema).min(2, 'an A/B test needs at least two variants').max(26),
    /** Share of the audience (percent) in the test; the winner goes to the rest. 100: no remainder. */
    samplePercent: z.number().gt(0).max(100),
    metric: z.enum(['open_rate', 'click_rate']),
    /** Hours between enqueuing the sample and choosing the winner. */
    decideAfterHours: z
      .number()
      .gt(0)
      .max(24 * 30),
  })
  .refine((test) => new Set(test.variants.map((variant) => variant.name)).size === test.variants.length, {
    message: 'variant names must be distinct',
    path: ['variants'],
  });
export type AbTest = z.infer<typeof abTestSchema>;

export const campaignDefinitionSchema = z.object({
  schemaVersion: z.literal(CAMPAIGN_SCHEMA_VERSION).default(CAMPAIGN_SCHEMA_VERSION),
  name: nameSchema,
  /** Template name (templates table); its channel is the campaign's channel. */
  template: nameSchema,
  /** Saved segment name or id; its members are resolved when the campaign fires. */
  segment: nameSchema,
  /** Replaces the template's subject for everybody (a variant's subject wins over it). */
  subject: z.string().min(1).max(998).optional(),
  schedule: campaignScheduleSchema.default({ type: 'now' }),
  abTest: abTestSchema.optional(),
  /** Extra template variables, handed to the dispatcher in each message's `data`. */
  data: jsonObjectSchema.optional(),
});
export type CampaignDefinition = z.infer<typeof campaignDefinitionSchema>;
export type CampaignDefinitionInput = z.input<typeof campaignDefinitionSchema>;

export const variantResultSchema = z.object({
  name: z.string(),
  /** Sample messages the dispatcher delivered (status sent): the denominator of both rates. */
  delivered: z.number(),
  uniqueOpens: z.number(),
  uniqueClicks: z.number(),
  openRate: z.number(),
  clickRate: z.number(),
});
export type VariantResult = z.infer<typeof variantResultSchema>;

export const abDecisionSchema = z.object({
  winner: z.string(),
  metric: z.enum(['open_rate', 'click_rate']),
  decidedAt: z.coerce.date(),
  variants: z.array(variantResultSchema),
});
export type AbDecision = z.infer<typeof abDecisionSchema>;
