/**
 * The one statement that loads a website/app visitor for the content endpoint: their identity keys → profile →
 * (optionally) saved-segment memberships. One statement instead of three: identity, profile and memberships come
 * from one snapshot (a merge between two look-ups cannot send a visitor to the default), PostgreSQL needs one round
 * trip instead of three, and DuckDB one set of node-API thread-pool hops (extract, prepare, execute, fetch) instead
 * of three. On DuckDB the CPU per request is about the same (planning the joins costs what the two saved statements
 * did; see BENCHMARKS.md); a statement cache in the store would make it cheaper (reported to the lead).
 *
 * Shapes, checked with EXPLAIN ANALYZE on 1M profiles (bench/content.bench.ts asserts the plan before timing):
 * - DuckDB uses an ART index only when the indexed column is the sole filter of a scan, so each identities branch
 *   filters on `value` alone (identities_value_idx, migration 009) and the caller checks `kind`. The joins are hash
 *   joins whose tiny build side (≤ 2 identity rows) becomes a dynamic filter on `profiles.id` and
 *   `segment_members.profile_id`, which DuckDB 1.5 answers from the primary key and segment_members_profile_idx.
 * - PostgreSQL: each branch filters on the (kind, value) primary key; profiles and segment_members have indexes on
 *   the join columns.
 */
import type { Dialect } from '../../store/dialect.ts';
import type { SqlValue } from '../../store/store.ts';

export type VisitorKeyKind = 'user_id' | 'anonymous_id';

export interface VisitorKey {
  kind: VisitorKeyKind;
  value: string;
}

export type VisitorProfileRow = {
  kind: string;
  value: string;
  id: string;
  user_id: string | null;
  traits: unknown;
  computed: unknown;
  /** Present when memberships were asked for; null for a profile in no saved segment. */
  segment_id?: string | null;
};

export function visitorProfileQuery(options: {
  dialect: Dialect;
  keys: readonly VisitorKey[];
  withSegments: boolean;
}): { sql: string; params: SqlValue[] } {
  if (options.keys.length === 0) throw new Error('visitorProfileQuery needs at least one visitor key');
  const params: SqlValue[] = [];
  const branches = options.keys.map((key) => {
    if (options.dialect.name === 'duckdb') {
      params.push(key.value);
      return `select kind, value, profile_id from identities where value = $${params.length}`;
    }
    params.push(key.kind, key.value);
    return `select kind, value, profile_id from identities where kind = $${params.length - 1} and value = $${params.length}`;
  });
  const sql = [
    `with visitor_keys as (${branches.join(' union all ')})`,
    `select k.kind, k.value, p.id, p.user_id, p.traits, p.computed${options.withSegments ? ', m.segment_id' : ''}`,
    '  from visitor_keys k join profiles p on p.id = k.profile_id',
    options.withSegments ? '  left join segment_members m on m.profile_id = p.id' : '',
  ]
    .filter((line) => line !== '')
    .join('\n');
  return { sql, params };
}
