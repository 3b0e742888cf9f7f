import { z } from 'zod';

/**
 * Content: dynamic content slots for websites and apps (the block shown depends on the visitor's segments), and
 * content items published on a schedule to feeds, webhooks and social accounts. Templates are Liquid; see
 * src/content/README.md.
 */

/** Slot, item and feed names appear in URLs (`/v1/content/:slot`, `/feeds/:feed.atom`) and CLI arguments. */
export const contentNameSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(100, 'must be at most 100 characters')
  .regex(
    /^[A-Za-z0-9][\w-]*$/,
    'use letters, digits, dashes and underscores (starting with a letter or digit)',
  );

const templateSchema = z.string().max(100_000, 'must be at most 100,000 characters');

/** A block is shown when its rule holds for the profile: a saved segment's membership, or segment rule text. */
export const contentBlockSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('segment'), segment: z.string().trim().min(1), content: templateSchema }),
  z.object({ type: z.literal('rule'), rule: z.string().trim().min(1).max(10_000), content: templateSchema }),
]);
export type ContentBlock = z.infer<typeof contentBlockSchema>;

export const contentSlotInputSchema = z.object({
  name: contentNameSchema,
  /** Tried in order; the first whose rule matches is shown. */
  blocks: z.array(contentBlockSchema).max(50, 'at most 50 blocks per slot').default([]),
  /** Shown when no block matches, and to visitors without a profile. */
  default: templateSchema,
});
export type ContentSlotInput = z.input<typeof contentSlotInputSchema>;
export type ContentSlotDefinition = z.infer<typeof contentSlotInputSchema>;

export const contentScheduleSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('once'), at: z.coerce.date() }),
  /** Every N days from `start` (weekly: 7). */
  z.object({
    type: z.literal('every'),
    days: z.number().int().min(1).max(366),
    start: z.coerce.date(),
  }),
]);
export type ContentSchedule = z.infer<typeof contentScheduleSchema>;

export const contentTargetSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('feed'), feed: contentNameSchema }),
  z.object({
    type: z.literal('webhook'),
    url: z.url({ protocol: /^https?$/ }),
    secret: z.string().optional(),
  }),
  z.object({ type: z.literal('social'), account: contentNameSchema }),
]);
export type ContentTarget = z.infer<typeof contentTargetSchema>;

/** Data put in scope of an item's templates, read from the store when it is rendered. */
export const contentDataSchema = z.object({
  /** `topProducts`: the most bought items (item_popularity, built by `segmint recommend build`) with name and price. */
  topProducts: z.object({ limit: z.number().int().min(1).max(100).default(5) }).optional(),
});

export const contentItemInputSchema = z.object({
  name: contentNameSchema,
  /** Liquid templates; `now`, `topProducts`, `item` in scope. */
  title: templateSchema.min(1),
  body: templateSchema,
  data: contentDataSchema.default({}),
  targets: z.array(contentTargetSchema).min(1, 'an item needs at least one target').max(20),
  schedule: contentScheduleSchema,
});
export type ContentItemInput = z.input<typeof contentItemInputSchema>;
export type ContentItemDefinition = z.infer<typeof contentItemInputSchema>;
