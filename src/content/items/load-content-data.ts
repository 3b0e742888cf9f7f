/**
 * The data an item's templates see, read from the store when it is rendered: `topProducts` from item_popularity,
 * each with the name, category and price the shop's events give it (Segment e-commerce properties).
 */
import type { ContentItemDefinition } from '../../schema/content.ts';
import type { SqlExecutor } from '../../store/store.ts';

export interface TopProduct {
  id: string;
  rank: number;
  buyers: number;
  name: string | null;
  category: string | null;
  price: number | null;
}

async function loadTopProducts(executor: SqlExecutor, limit: number): Promise<TopProduct[]> {
  const popular = await executor.query<{ item_id: string; buyers: number; popularity_rank: number }>(
    'select item_id, buyers, popularity_rank from item_popularity order by popularity_rank limit $1',
    [limit],
  );
  if (popular.length === 0) return [];
  const dialect = executor.dialect;
  const productId = dialect.jsonText('properties', ['product_id']);
  const details = await executor.query<{
    id: string;
    name: string | null;
    category: string | null;
    price: number | null;
  }>(
    `select ${productId} as id, max(${dialect.jsonText('properties', ['name'])}) as name,
            max(${dialect.jsonText('properties', ['category'])}) as category,
            max(${dialect.tryCastDouble(dialect.jsonText('properties', ['price']))}) as price
       from events where type = 'track' and ${productId} in (select unnest($1::varchar[]))
      group by ${productId}`,
    [popular.map((row) => row.item_id)],
  );
  const byId = new Map(details.map((row) => [row.id, row]));
  return popular.map((row) => ({
    id: row.item_id,
    rank: row.popularity_rank,
    buyers: row.buyers,
    name: byId.get(row.item_id)?.name ?? null,
    category: byId.get(row.item_id)?.category ?? null,
    price: byId.get(row.item_id)?.price ?? null,
  }));
}

export async function loadContentData(
  executor: SqlExecutor,
  item: ContentItemDefinition,
  now: Date,
): Promise<Record<string, unknown>> {
  return {
    now: now.toISOString(),
    item: { name: item.name },
    topProducts: item.data.topProducts ? await loadTopProducts(executor, item.data.topProducts.limit) : [],
  };
}
