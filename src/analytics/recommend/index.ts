/** Item-to-item recommendations from co-purchases: see README.md for the design and the measured results. */
export { buildItemSimilarities } from './build-item-similarities.ts';
export type { RecommendationsBuild } from './build-item-similarities.ts';
export { recommendForProfile, recommendForProfiles } from './recommend-for-profiles.ts';
export type { Recommendation } from './recommend-for-profiles.ts';
export {
  buildRecommendationsOptionsSchema,
  recommendForProfileOptionsSchema,
  recommendForProfilesOptionsSchema,
  recommendationMethodSchema,
  similaritySchema,
  RECOMMENDATIONS_MODEL_NAME,
} from './recommend-options.ts';
export type {
  BuildRecommendationsOptions,
  RecommendationMethod,
  RecommendForProfileOptions,
  RecommendForProfilesOptions,
  Similarity,
} from './recommend-options.ts';
