/**
 * Top-N recommendations per profile from the materialised tables, in one SQL statement for any number of
 * profiles (a template rendering one email, or a campaign rendering thousands).
 *
 * A candidate's score is the sum of its similarities to the items the profile bought (item-based kNN). Items
 * the profile already bought are never recommended. When fewer than N candidates remain (a new customer, or one
 * whose items have no neighbours), the most popular items it has not bought fill the list, in popularity order.
 * Purchases are read with the event and properties of the latest build, so purchases made since the build count
 * as owned at once, while the similarities themselves are as fresh as the build.
 */
import { SegmintError } from '../../errors.ts';
import { parseOrThrow } from '../../schema/parse-or-throw.ts';
import type { SqlExecutor } from '../../store/store.ts';
import { loadModelParams } from '../predict/model-registry.ts';
import { purchasedItemsSql } from './purchased-items-sql.ts';
import {
  buildRecommendationsOptionsSchema,
  RECOMMENDATIONS_MODEL_NAME,
  recommendForProfileOptionsSchema,
  recommendForProfilesOptionsSchema,
  type BuildRecommendationsSettings,
  type RecommendForProfileOptions,
  type RecommendForProfilesOptions,
} from './recommend-options.ts';

export interface Recommendation {
  itemId: string;
  /** 1 = best. */
  position: number;
  /** `similar`: scored by co-purchase; `popular`: the fallback. */
  reason: 'similar' | 'popular';
  /** Sum of similarities to the profile's items (`similar`); the number of distinct buyers (`popular`). */
  score: number;
}

/**
 * $1 event, $2 profile ids, $3 n. `method = popular` leaves out the similar candidates, which gives the
 * popularity baseline through the same code path.
 */
function recommendationsSql(
  executor: SqlExecutor,
  settings: BuildRecommendationsSettings,
  withSimilar: boolean,
): string {
  const owned = purchasedItemsSql(executor, settings, 'and profile_id in (select profile_id from targets)');
  return `
    with targets as (select distinct unnest($2::varchar[]) as profile_id),
    owned as materialized (select profile_id, item_id from (${owned}) bought),
    owned_counts as (select profile_id, count(*) as items from owned group by profile_id),
    similar_items as (
      select o.profile_id, s.similar_item_id as item_id, sum(s.score) as score
        from owned o join item_similarities s on s.item_id = o.item_id
       where ${withSimilar ? 'true' : 'false'}
         and not exists (select 1 from owned mine where mine.profile_id = o.profile_id and mine.item_id = s.similar_item_id)
       group by o.profile_id, s.similar_item_id
    ),
    popular as (
      select t.profile_id, p.item_id, p.buyers, p.popularity_rank
        from targets t
        left join owned_counts c on c.profile_id = t.profile_id
        join item_popularity p on p.popularity_rank <= $3 + coalesce(c.items, 0)
       where not exists (select 1 from owned mine where mine.profile_id = t.profile_id and mine.item_id = p.item_id)
         and not exists (select 1 from similar_items s where s.profile_id = t.profile_id and s.item_id = p.item_id)
    ),
    candidates as (
      select profile_id, item_id, 'similar' as reason, 0 as tier, score, 0 as popularity_rank from similar_items
      union all
      select profile_id, item_id, 'popular', 1, buyers, popularity_rank from popular
    ),
    ranked as (
      select profile_id, item_id, reason, score,
             row_number() over (partition by profile_id order by tier, score desc, popularity_rank, item_id) as position
        from candidates
    )
    select profile_id, item_id, reason, score, position from ranked where position <= $3
     order by profile_id, position`;
}

async function loadBuildSettings(executor: SqlExecutor): Promise<BuildRecommendationsSettings> {
  const { params } = await loadModelParams({
    executor,
    name: RECOMMENDATIONS_MODEL_NAME,
    schema: buildRecommendationsOptionsSchema,
    hint: 'Build the item similarities first: `segmint recommend build`.',
  });
  return params;
}

/** Recommendations for many profiles at once; a profile id without a profile gets the popular items. */
export async function recommendForProfiles(
  executor: SqlExecutor,
  input: RecommendForProfilesOptions,
): Promise<Map<string, Recommendation[]>> {
  const options = parseOrThrow(recommendForProfilesOptionsSchema, input, 'options');
  const result = new Map<string, Recommendation[]>(options.profileIds.map((id) => [id, []]));
  if (options.profileIds.length === 0) return result;
  const settings = await loadBuildSettings(executor);
  const rows = await executor.query<{
    profile_id: string;
    item_id: string;
    reason: 'similar' | 'popular';
    score: number;
    position: number;
  }>(recommendationsSql(executor, settings, options.method === 'similar'), [
    settings.event,
    options.profileIds,
    options.n,
  ]);
  for (const row of rows) {
    result.get(row.profile_id)?.push({
      itemId: row.item_id,
      position: Number(row.position),
      reason: row.reason,
      score: Number(row.score),
    });
  }
  return result;
}

/**
 * The top N items for one profile, for templates (`{% for item in recommendations %}`) and the API. Throws
 * not_found for an unknown profile id, and not_found with what to run when nothing was built yet.
 */
export async function recommendForProfile(
  executor: SqlExecutor,
  input: RecommendForProfileOptions,
): Promise<Recommendation[]> {
  const options = parseOrThrow(recommendForProfileOptionsSchema, input, 'options');
  const [profile] = await executor.query<{ id: string }>('select id from profiles where id = $1', [
    options.profileId,
  ]);
  if (!profile) throw new SegmintError('not_found', `No profile with id '${options.profileId}'.`);
  const byProfile = await recommendForProfiles(executor, {
    profileIds: [profile.id],
    n: options.n,
    method: options.method,
  });
  return byProfile.get(profile.id) ?? [];
}
