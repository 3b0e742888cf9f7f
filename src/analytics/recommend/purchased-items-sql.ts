/**
 * The one definition of "profile P bought item I" shared by the build and by recommending: track events named
 * `event` with the item in `itemProperty`, except refunds and cancellations (an amount that is a negative
 * number). Events without an amount still count: a catalogue without prices can be recommended from too.
 */
import type { SqlExecutor } from '../../store/store.ts';
import type { BuildRecommendationsSettings } from './recommend-options.ts';

type PurchaseDefinition = Pick<BuildRecommendationsSettings, 'itemProperty' | 'amountProperty'>;

/**
 * `select profile_id, item_id, last_at` with one row per profile and distinct item. `$1` must be the event name;
 * `scope` is extra SQL ANDed to the event filter (for example `and profile_id in (…)`).
 */
export function purchasedItemsSql(executor: SqlExecutor, definition: PurchaseDefinition, scope = ''): string {
  const { dialect } = executor;
  const item = dialect.jsonText('properties', [definition.itemProperty]);
  const amount = dialect.tryCastDouble(dialect.jsonText('properties', [definition.amountProperty]));
  return `
    select profile_id, item_id, max(occurred_at) as last_at
      from (select profile_id, occurred_at, ${item} as item_id
              from events
             where type = 'track' and event = $1 and coalesce(${amount}, 0) >= 0 ${scope}) purchase
     where item_id is not null and item_id <> ''
     group by profile_id, item_id`;
}
