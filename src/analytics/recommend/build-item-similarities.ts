/**
 * Item-to-item co-purchase, as SQL in the store. Each profile's distinct purchased items (its most recent
 * `maxItemsPerProfile`) are joined with themselves to count, for every ordered pair of items, the profiles that
 * bought both; pairs with at least `minCoBuyers` are scored (cosine or lift of the two buyer sets) and the best
 * `neighbours` per item are materialised in `item_similarities`. `item_popularity` ranks items by distinct buyers
 * for the cold-start fallback. Both tables are replaced in one transaction together with a `recommendations`
 * model row holding the options, so readers never see half a build and recommend with the same definitions.
 */
import { parseOrThrow } from '../../schema/parse-or-throw.ts';
import type { SqlExecutor, Store } from '../../store/store.ts';
import { saveModel } from '../predict/model-registry.ts';
import { purchasedItemsSql } from './purchased-items-sql.ts';
import {
  buildRecommendationsOptionsSchema,
  RECOMMENDATIONS_MODEL_NAME,
  type BuildRecommendationsOptions,
  type BuildRecommendationsSettings,
  type Similarity,
} from './recommend-options.ts';

export interface RecommendationsBuild {
  /** Version of the `recommendations` model row written with this build. */
  version: number;
  settings: BuildRecommendationsSettings;
  /** Profiles with at least one purchased item. */
  profiles: number;
  /** Distinct items bought. */
  items: number;
  /** Rows written to item_similarities (ordered pairs kept). */
  pairs: number;
  /** Items with at least one stored neighbour. */
  itemsWithNeighbours: number;
  builtAt: Date;
  elapsedMs: number;
}

function similaritySql(similarity: Similarity): string {
  const coBuyers = 'cast(p.co_buyers as double precision)';
  switch (similarity) {
    case 'cosine':
      return `${coBuyers} / sqrt(cast(x.buyers as double precision) * y.buyers)`;
    case 'lift':
      return `${coBuyers} * c.total / (cast(x.buyers as double precision) * y.buyers)`;
    default: {
      const unexpected: never = similarity;
      throw new Error(`unknown similarity ${String(unexpected)}`);
    }
  }
}

/**
 * Parameters: $1 event, $2 items per profile, $3 minimum co-buyers, $4 neighbours per item. Items and profiles
 * get integer keys first: the pair join and its group-by run 3–5× faster on integers than on text ids (measured
 * on Online Retail, 48M candidate pairs). Each unordered pair is counted once (left < right) and then mirrored.
 * Items with fewer buyers than the minimum support cannot reach it with anyone, so they are left out of the join.
 */
function similaritiesSql(tx: SqlExecutor, settings: BuildRecommendationsSettings): string {
  return `
    insert into item_similarities (item_id, similar_item_id, score, co_buyers)
    with bought as materialized (${purchasedItemsSql(tx, settings)}),
    item_keys as materialized (
      select item_id, row_number() over (order by item_id) as item_key
        from (select distinct item_id from bought) items
    ),
    profile_keys as materialized (
      select profile_id, row_number() over (order by profile_id) as profile_key
        from (select distinct profile_id from bought) profiles
    ),
    capped as materialized (
      select profile_keys.profile_key, item_keys.item_key
        from (select profile_id, item_id,
                     row_number() over (partition by profile_id order by last_at desc, item_id) as recency_rank
                from bought) recent
        join item_keys on item_keys.item_id = recent.item_id
        join profile_keys on profile_keys.profile_id = recent.profile_id
       where recent.recency_rank <= $2
    ),
    buyers as materialized (select item_key, count(*) as buyers from capped group by item_key),
    -- Materialised: PostgreSQL otherwise re-aggregates it for every pair through the cross join (31 s at 10k
    -- customers instead of 0.4 s).
    customers as materialized (select count(distinct profile_key) as total from capped),
    pairable as materialized (
      select capped.profile_key, capped.item_key
        from capped join buyers on buyers.item_key = capped.item_key
       where buyers.buyers >= $3
    ),
    half_pairs as materialized (
      select a.item_key as left_key, b.item_key as right_key, count(*) as co_buyers
        from pairable a join pairable b on b.profile_key = a.profile_key and b.item_key > a.item_key
       group by a.item_key, b.item_key
      having count(*) >= $3
    ),
    pairs as (
      select left_key as item_key, right_key as similar_key, co_buyers from half_pairs
      union all
      select right_key, left_key, co_buyers from half_pairs
    ),
    scored as (
      select p.item_key, p.similar_key, p.co_buyers, ${similaritySql(settings.similarity)} as score
        from pairs p
        join buyers x on x.item_key = p.item_key
        join buyers y on y.item_key = p.similar_key
        cross join customers c
    ),
    ranked as (
      select item_key, similar_key, score, co_buyers,
             row_number() over (partition by item_key order by score desc, co_buyers desc, similar_key) as position
        from scored
    )
    select own.item_id, neighbour.item_id, ranked.score, ranked.co_buyers
      from ranked
      join item_keys own on own.item_key = ranked.item_key
      join item_keys neighbour on neighbour.item_key = ranked.similar_key
     where ranked.position <= $4`;
}

function popularitySql(tx: SqlExecutor, settings: BuildRecommendationsSettings): string {
  return `
    insert into item_popularity (item_id, buyers, popularity_rank)
    with bought as (${purchasedItemsSql(tx, settings)})
    select item_id, count(*) as buyers, row_number() over (order by count(*) desc, item_id) as popularity_rank
      from bought
     group by item_id`;
}

/** Rebuilds item_similarities and item_popularity from the purchases in the store. */
export async function buildItemSimilarities(
  store: Store,
  input: BuildRecommendationsOptions = {},
): Promise<RecommendationsBuild> {
  const settings = parseOrThrow(buildRecommendationsOptionsSchema, input, 'options');
  const started = performance.now();
  const builtAt = new Date();
  return store.transaction(async (tx) => {
    if (tx.dialect.name === 'postgres') {
      // Without statistics on the JSON expressions the planner may expect one purchase row and join the pair sets
      // by nested loops, which is quadratic (measured: 2.8 s for 3,500 purchases instead of 0.1 s). Ruling them
      // out makes the plan's nominal cost huge, which would switch on JIT compilation (1.1 s of compiling for a
      // 0.1 s query), so JIT goes off too. Both settings end with the transaction.
      await tx.execute('set local enable_nestloop = off');
      await tx.execute('set local jit = off');
    }
    await tx.execute('delete from item_similarities');
    await tx.execute('delete from item_popularity');
    await tx.execute(similaritiesSql(tx, settings), [
      settings.event,
      settings.maxItemsPerProfile,
      settings.minCoBuyers,
      settings.neighbours,
    ]);
    await tx.execute(popularitySql(tx, settings), [settings.event]);
    const [counts] = await tx.query<{ items: number; pairs: number; with_neighbours: number }>(
      `select (select count(*) from item_popularity) as items,
              (select count(*) from item_similarities) as pairs,
              (select count(distinct item_id) from item_similarities) as with_neighbours`,
    );
    const [buyers] = await tx.query<{ profiles: number }>(
      `select count(distinct profile_id) as profiles from (${purchasedItemsSql(tx, settings)}) bought`,
      [settings.event],
    );
    const elapsedMs = performance.now() - started;
    const metrics = {
      profiles: Number(buyers?.profiles ?? 0),
      items: Number(counts?.items ?? 0),
      pairs: Number(counts?.pairs ?? 0),
      itemsWithNeighbours: Number(counts?.with_neighbours ?? 0),
      elapsedMs,
    };
    const model = await saveModel(tx, {
      name: RECOMMENDATIONS_MODEL_NAME,
      kind: `item-to-item-${settings.similarity}`,
      params: settings,
      metrics,
      trainedAt: builtAt,
    });
    return { version: model.version, settings, builtAt, ...metrics };
  });
}
