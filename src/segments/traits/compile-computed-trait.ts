/**
 * A computed trait as SQL: one row `(profile_id, value)` per profile with matching events. Values are bound as
 * parameters through the segment compiler's event filter (the same `where` and window semantics as segment
 * aggregates), so a trait and a segment condition over the same events always agree.
 */
import type { ComputedTraitExpression } from '../../schema/computed-trait.ts';
import type { Dialect } from '../../store/dialect.ts';
import type { SqlValue } from '../../store/store.ts';
import type { CompileContext } from '../compile/compile-context.ts';
import { compileEventFilter } from '../compile/compile-events.ts';
import { SqlParameters } from '../compile/sql-parameters.ts';

export interface CompiledComputedTrait {
  /** Selects `profile_id` and `value` (a number, text, or ISO-8601 text for times). */
  sql: string;
  params: SqlValue[];
  /** The value a profile without matching events has: 0 for counts and sums, else none (the key is removed). */
  emptyValue: 0 | null;
}

/** ISO-8601 UTC text with milliseconds, identical on both engines (`2024-05-01T10:30:00.000Z`). */
function isoText(dialect: Dialect, expression: string): string {
  return dialect.name === 'duckdb'
    ? `strftime(${expression}, '%Y-%m-%dT%H:%M:%S.%gZ')`
    : `to_char(${expression} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

export function compileComputedTrait(
  expression: ComputedTraitExpression,
  options: { dialect: Dialect; now: Date; profileIds?: readonly string[] | undefined },
): CompiledComputedTrait {
  const { dialect } = options;
  const params = new SqlParameters(dialect);
  const context: CompileContext = {
    dialect,
    params,
    now: options.now,
    eventsRelation: () => 'events',
    resolveSegmentId: (nameOrId) => nameOrId,
  };
  let filter = compileEventFilter(context, expression, 'expression');
  if (options.profileIds) {
    filter += ` and e.profile_id in (select unnest(${params.add(options.profileIds, 'profileIds')}::varchar[]))`;
  }
  const text = expression.property ? dialect.jsonText('e.properties', expression.property) : 'null';
  const number = dialect.tryCastDouble(text);
  const source = `from events e where ${filter}`;
  const grouped = (value: string) => `select e.profile_id, ${value} as value ${source} group by e.profile_id`;
  // The property at the earliest / latest event that has it; ties in time are broken by message id.
  const atEdge = (direction: 'asc' | 'desc') =>
    grouped(
      `(array_agg(${text} order by e.occurred_at ${direction}, e.message_id ${direction}) filter (where ${text} is not null))[1]`,
    );
  const sql = {
    count: () => grouped('count(*)'),
    count_distinct: () => grouped(`count(distinct ${text})`),
    sum: () => grouped(`coalesce(sum(${number}), 0)`),
    avg: () => grouped(`avg(${number})`),
    min: () => grouped(`min(${number})`),
    max: () => grouped(`max(${number})`),
    first: () => atEdge('asc'),
    last: () => atEdge('desc'),
    first_at: () => grouped(isoText(dialect, 'min(e.occurred_at)')),
    last_at: () => grouped(isoText(dialect, 'max(e.occurred_at)')),
    // Written out rather than the engines' mode(): their tie-breaking differs, this one takes the smallest value.
    mode: () =>
      `select profile_id, value from (
         select e.profile_id, ${text} as value,
                row_number() over (partition by e.profile_id order by count(*) desc, ${text}) as value_rank
         ${source} and ${text} is not null group by e.profile_id, ${text}
       ) ranked where value_rank = 1`,
  }[expression.fn]();
  const emptyValue = ['count', 'count_distinct', 'sum'].includes(expression.fn) ? 0 : null;
  return { sql, params: params.values, emptyValue };
}
