/**
 * How saved segments read their text form: the computed traits defined in this store are written without the
 * `computed.` prefix (`orders_90d >= 3`), like the built-in analytics traits.
 */
import { BUILT_IN_COMPUTED_TRAITS } from '../../schema/segment.ts';
import type { SqlExecutor } from '../../store/store.ts';
import type { SegmentTextOptions } from '../text/parse-segment.ts';

export async function segmentTextOptions(executor: SqlExecutor): Promise<SegmentTextOptions> {
  const rows = await executor.query<{ name: string }>('select name from computed_traits order by name');
  return { computedTraitNames: [...BUILT_IN_COMPUTED_TRAITS, ...rows.map((row) => row.name)] };
}
