import { z } from 'zod';

/**
 * Lead scoring as data: points per matching event (`+10` per pricing page view, `+20` per demo request), an
 * optional cap per rule, and optional exponential decay (an event's points halve every `halfLifeDays`). Scores are
 * computed in SQL over the events (`src/scoring/`) into `profiles.computed.lead_score`, which segments read as
 * `lead_score >= 50`.
 */

export const LEAD_SCORE_SCHEMA_VERSION = 1;

/** The computed-trait name scores are written under. */
export const LEAD_SCORE_TRAIT = 'lead_score';

const propertyValueSchema = z.union([z.string().max(1000), z.number().finite(), z.boolean()]);

export const leadScoreRuleSchema = z
  .object({
    /** A label for `scoring show` (default: the event and filters). */
    name: z.string().trim().min(1).max(200).optional(),
    /** `track` events by name, or `page`/`screen` views (by page name when `event` is given). */
    type: z.enum(['track', 'page', 'screen']).default('track'),
    event: z.string().min(1).max(200).optional(),
    /** Properties that must all equal these values (`{ "path": "/pricing" }`). */
    where: z
      .record(z.string().min(1).max(200), propertyValueSchema)
      .refine((where) => Object.keys(where).length <= 20, 'at most 20 property filters')
      .default({}),
    /** Points per matching event; negative points lower the score (e.g. an unsubscribe). */
    points: z
      .number()
      .finite()
      .refine((points) => points !== 0, 'must not be 0'),
    /** The most this rule adds (or, for negative points, takes away) in total, after decay. */
    maxPoints: z.number().finite().positive().optional(),
  })
  .refine((rule) => rule.type !== 'track' || rule.event !== undefined, {
    message: 'a track rule needs the event name (e.g. "Demo Requested")',
    path: ['event'],
  });
export type LeadScoreRule = z.infer<typeof leadScoreRuleSchema>;

export const leadScoringSchema = z.object({
  schemaVersion: z.literal(LEAD_SCORE_SCHEMA_VERSION).default(LEAD_SCORE_SCHEMA_VERSION),
  rules: z.array(leadScoreRuleSchema).min(1, 'give at least one rule').max(100),
  /** Each event's points halve every this many days; omitted: points never decay. */
  halfLifeDays: z.number().finite().positive().optional(),
  /** How often `segmint serve` recomputes every score (decay moves scores even without new events). */
  recomputeEveryMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
});
export type LeadScoring = z.infer<typeof leadScoringSchema>;
export type LeadScoringInput = z.input<typeof leadScoringSchema>;
