/**
 * The options every report shares: the period, how conversions are attributed to messages, and what counts as a
 * conversion. One schema for the CLI flags, the API query and the dashboard.
 */
import { z } from 'zod';
import { parseOrThrow } from '../schema/parse-or-throw.ts';

export const ATTRIBUTION_MODELS = ['last_touch', 'first_touch', 'linear'] as const;
export const ATTRIBUTION_TOUCHES = ['click', 'open', 'send'] as const;

export const reportOptionsSchema = z.object({
  /** Messages created (and conversions made) from this time on; default: all time. */
  since: z.coerce.date().optional(),
  until: z.coerce.date().optional(),
  attribution: z
    .object({
      model: z.enum(ATTRIBUTION_MODELS).default('last_touch'),
      /** What makes a message a touch: a click on it (default), an open of it, or having been sent. */
      touch: z.enum(ATTRIBUTION_TOUCHES).default('click'),
      /** A conversion counts for touches at most this many days before it. */
      windowDays: z.number().int().min(1).max(365).default(7),
      /** Events that are conversions; revenue is read from properties.revenue, else amount, else total. */
      conversionEvents: z.array(z.string().min(1)).min(1).max(20).default(['Order Completed', 'purchase']),
    })
    .prefault({}),
});

export type ReportOptions = z.output<typeof reportOptionsSchema>;
export type AttributionOptions = ReportOptions['attribution'];

/** The options as flat text fields (CLI flags, URL query), checked into ReportOptions; `where` names the source. */
export function readReportOptions(
  flat: {
    since?: string | undefined;
    until?: string | undefined;
    model?: string | undefined;
    touch?: string | undefined;
    windowDays?: string | number | undefined;
    conversionEvents?: readonly string[] | undefined;
  },
  where: string,
): ReportOptions {
  return parseOrThrow(
    reportOptionsSchema,
    {
      since: flat.since,
      until: flat.until,
      attribution: {
        ...(flat.model ? { model: flat.model } : {}),
        ...(flat.touch ? { touch: flat.touch } : {}),
        ...(flat.windowDays === undefined || flat.windowDays === ''
          ? {}
          : { windowDays: Number(flat.windowDays) }),
        ...(flat.conversionEvents ? { conversionEvents: [...flat.conversionEvents] } : {}),
      },
    },
    where,
  );
}
