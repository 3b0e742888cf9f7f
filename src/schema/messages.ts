import { z } from 'zod';
import { jsonObjectSchema } from './json.ts';
import { isStorableText, UNSTORABLE_TEXT_MESSAGE } from './storable-text.ts';

/**
 * Segment-spec messages (https://segment.com/docs/connections/spec/). One schema per message type, shared by the
 * HTTP API, the importers, the generator and the store. Unknown top-level fields are kept out (`strip`), free-form
 * data lives in `properties`, `traits` and `context`.
 */

export const MESSAGE_TYPES = ['identify', 'track', 'page', 'screen', 'group', 'alias'] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];

/** Segment limits: 32 KB per message, 500 KB per batch. */
export const MAX_MESSAGE_BYTES = 32 * 1024;
export const MAX_BATCH_BYTES = 500 * 1024;

/** Names and ids are stored in text columns: see storable-text.ts for what cannot be. */
const textSchema = z.string().refine(isStorableText, UNSTORABLE_TEXT_MESSAGE);

/**
 * Page and screen names are trimmed like event names. Besides, a leading U+FEFF (which trim removes) would not
 * survive DuckDB: @duckdb/node-api decodes VARCHARs with a default TextDecoder, which drops a leading BOM.
 */
const pageNameSchema = textSchema.trim().max(256);

const idSchema = z
  .union([z.string(), z.number()], { error: 'must be a string or a number' })
  .transform((value) => String(value).trim())
  .pipe(textSchema.min(1, 'must not be empty').max(512, 'must be at most 512 characters'));

/**
 * Event times both engines can store: JavaScript dates reach ±275,760 years, PostgreSQL timestamps start at
 * 4713 BC (a year -271821 date failed with a 500). Four-digit years are what ISO-8601 promises anyway.
 */
export const EARLIEST_TIMESTAMP = new Date('0001-01-01T00:00:00.000Z');
export const LATEST_TIMESTAMP = new Date('9999-12-31T23:59:59.999Z');

export function isStorableTimestamp(date: Date): boolean {
  return date >= EARLIEST_TIMESTAMP && date <= LATEST_TIMESTAMP;
}

const isoDateSchema = z
  .union([z.string(), z.date()], { error: 'must be an ISO-8601 date-time string' })
  .transform((value, ctx) => {
    const date = value instanceof Date ? value : new Date(value);
    if (Number.isNaN(date.getTime())) {
      ctx.addIssue({ code: 'custom', message: 'must be an ISO-8601 date-time' });
      return z.NEVER;
    }
    if (!isStorableTimestamp(date)) {
      ctx.addIssue({ code: 'custom', message: 'must be a date-time between the years 0001 and 9999' });
      return z.NEVER;
    }
    return date;
  });

const commonFields = {
  messageId: idSchema.optional(),
  userId: idSchema.nullish(),
  anonymousId: idSchema.nullish(),
  timestamp: isoDateSchema.optional(),
  sentAt: isoDateSchema.optional(),
  originalTimestamp: isoDateSchema.optional(),
  context: jsonObjectSchema.optional(),
  integrations: jsonObjectSchema.optional(),
};

export const identifyMessageSchema = z.object({
  type: z.literal('identify'),
  ...commonFields,
  traits: jsonObjectSchema.optional(),
});

export const trackMessageSchema = z.object({
  type: z.literal('track'),
  ...commonFields,
  event: textSchema.trim().min(1, 'must name the event').max(256),
  properties: jsonObjectSchema.optional(),
});

export const pageMessageSchema = z.object({
  type: z.literal('page'),
  ...commonFields,
  name: pageNameSchema.optional(),
  category: pageNameSchema.optional(),
  properties: jsonObjectSchema.optional(),
});

export const screenMessageSchema = z.object({
  type: z.literal('screen'),
  ...commonFields,
  name: pageNameSchema.optional(),
  category: pageNameSchema.optional(),
  properties: jsonObjectSchema.optional(),
});

export const groupMessageSchema = z.object({
  type: z.literal('group'),
  ...commonFields,
  groupId: idSchema,
  traits: jsonObjectSchema.optional(),
});

export const aliasMessageSchema = z.object({
  type: z.literal('alias'),
  ...commonFields,
  previousId: idSchema,
});

export const messageSchema = z
  .discriminatedUnion('type', [
    identifyMessageSchema,
    trackMessageSchema,
    pageMessageSchema,
    screenMessageSchema,
    groupMessageSchema,
    aliasMessageSchema,
  ])
  .superRefine((message, ctx) => {
    if (!message.userId && !message.anonymousId) {
      ctx.addIssue({ code: 'custom', message: 'needs a userId or an anonymousId', path: ['userId'] });
    }
  });

export type Message = z.infer<typeof messageSchema>;
export type MessageInput = z.input<typeof messageSchema>;

export const batchSchema = z.object({
  batch: z.array(z.unknown()).min(1, 'must hold at least one message'),
  context: jsonObjectSchema.optional(),
  sentAt: isoDateSchema.optional(),
  writeKey: z.string().optional(),
});

/**
 * A message after validation, clock-skew correction and message-id assignment: what the store commits.
 * `timestamp` is the corrected event time; `receivedAt` the server's clock when the request arrived.
 */
export interface NormalizedMessage {
  messageId: string;
  type: MessageType;
  userId: string | null;
  anonymousId: string | null;
  event: string | null;
  name: string | null;
  category: string | null;
  groupId: string | null;
  previousId: string | null;
  timestamp: Date;
  originalTimestamp: Date | null;
  sentAt: Date | null;
  receivedAt: Date;
  properties: Record<string, unknown> | null;
  traits: Record<string, unknown> | null;
  context: Record<string, unknown> | null;
  sourceId: string | null;
}
