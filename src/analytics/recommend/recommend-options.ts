/**
 * Options of the recommender, validated at the boundary (CLI flags, API query, template calls). The build options
 * are stored with each build (models table, name `recommendations`) so that recommending reads purchases exactly
 * as the build did.
 */
import { z } from 'zod';

export const RECOMMENDATIONS_MODEL_NAME = 'recommendations';

export const similaritySchema = z.enum(['cosine', 'lift']);
export type Similarity = z.infer<typeof similaritySchema>;

export const buildRecommendationsOptionsSchema = z.object({
  /** The purchase event. */
  event: z.string().trim().min(1).default('purchase'),
  /** The event property naming the item bought (`product_id`; Online Retail imports: `StockCode`). */
  itemProperty: z.string().trim().min(1).default('product_id'),
  /** Events whose amount is a negative number are refunds or cancellations, not purchases. */
  amountProperty: z.string().trim().min(1).default('amount'),
  /**
   * cosine = co-buyers / √(buyers of A · buyers of B): favours pairs bought together by the same people, without
   * letting bestsellers dominate. lift = co-buyers · customers / (buyers of A · buyers of B): how much more often
   * than chance; it over-rates rare items, so pair it with a higher `minCoBuyers`.
   */
  similarity: similaritySchema.default('cosine'),
  /** Pairs bought by fewer profiles than this are noise and are not stored (minimum support). */
  minCoBuyers: z.coerce.number().int().min(1).default(2),
  /** Neighbours kept per item, most similar first. */
  neighbours: z.coerce.number().int().min(1).max(1000).default(50),
  /**
   * Pairs grow with the square of a profile's distinct items, so a few wholesale buyers with thousands of items
   * would dominate both the build time and the co-occurrence counts; only each profile's most recent items count.
   */
  maxItemsPerProfile: z.coerce.number().int().min(2).max(100_000).default(500),
});
export type BuildRecommendationsOptions = z.input<typeof buildRecommendationsOptionsSchema>;
export type BuildRecommendationsSettings = z.output<typeof buildRecommendationsOptionsSchema>;

/** `similar`: item-to-item with the popularity fallback; `popular`: the fallback alone (a baseline). */
export const recommendationMethodSchema = z.enum(['similar', 'popular']);
export type RecommendationMethod = z.infer<typeof recommendationMethodSchema>;

export const recommendCountSchema = z.coerce.number().int().min(1).max(100).default(5);

// Ids come from URLs and flags; PostgreSQL text cannot hold U+0000, so such an id is invalid input, not a 500.
const profileIdSchema = z
  .string()
  .trim()
  .min(1)
  .max(512)
  .refine((id) => !id.includes('\u0000'), 'must not contain the NUL character');

export const recommendForProfilesOptionsSchema = z.object({
  profileIds: z.array(profileIdSchema).max(100_000),
  n: recommendCountSchema,
  method: recommendationMethodSchema.default('similar'),
});
export type RecommendForProfilesOptions = z.input<typeof recommendForProfilesOptionsSchema>;

export const recommendForProfileOptionsSchema = z.object({
  profileId: profileIdSchema,
  n: recommendCountSchema,
  method: recommendationMethodSchema.default('similar'),
});
export type RecommendForProfileOptions = z.input<typeof recommendForProfileOptionsSchema>;
