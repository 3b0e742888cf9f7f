/**
 * Event conditions as semi-joins on `events`: `p.id in (select e.profile_id from events e where … [group by …
 * having …])`, a form both engines plan as one hash join over the matching events. A condition that also holds for
 * profiles without any matching event (`count < 3`, `at most 2 times`, `sum = 0`) is written as the complement:
 * `p.id not in (… having not …)`.
 */
import type { Condition, EventScope, EventWindow } from '../../schema/segment.ts';
import { boundAfter, boundThrough, daysBefore, startOf } from '../time-bounds.ts';
import type { CompileContext } from './compile-context.ts';
import { compilePredicate } from './compile-predicate.ts';
import { definite, type SqlCondition } from './sql-condition.ts';

type PerformedCondition = Extract<Condition, { type: 'performed' }>;
type AggregateCondition = Extract<Condition, { type: 'aggregate' }>;
type OccurrenceCondition = Extract<Condition, { type: 'occurrence' }>;

const COMPARISON_SQL = { eq: '=', neq: '<>', lt: '<', lte: '<=', gt: '>', gte: '>=' } as const;
type Comparison = keyof typeof COMPARISON_SQL;

/** How an aggregate compares with the value; used to decide what profiles without events get. */
export function compareNumbers(left: number, op: Comparison, right: number): boolean {
  switch (op) {
    case 'eq':
      return left === right;
    case 'neq':
      return left !== right;
    case 'lt':
      return left < right;
    case 'lte':
      return left <= right;
    case 'gt':
      return left > right;
    case 'gte':
      return left >= right;
    default: {
      const unknown: never = op;
      throw new Error(`unknown comparison ${String(unknown)}`);
    }
  }
}

// Fixed SQL for the closed set of message types (not a user value, so a literal helps the planner).
const EVENT_TYPE_SQL = { track: "'track'", page: "'page'", screen: "'screen'" } as const;

/** The WHERE of the matching events. A filter that is NULL drops the event just as FALSE does. */
export function compileEventFilter(
  context: CompileContext,
  scope: EventScope & { window: EventWindow | null },
  where: string,
): string {
  const { params } = context;
  const tests = [`e.type = ${EVENT_TYPE_SQL[scope.event.type]}`];
  if (scope.event.type === 'track') {
    tests.push(`e.event = ${params.add(scope.event.event, `${where}.event.event`)}`);
  } else if (scope.event.name !== null) {
    tests.push(`e.name = ${params.add(scope.event.name, `${where}.event.name`)}`);
  }
  scope.where.forEach((filter, index) => {
    const target = { column: 'e.properties', path: filter.property };
    tests.push(compilePredicate(context, target, filter.predicate, `${where}.where[${index}]`).sql);
  });
  if (scope.window?.type === 'last_days') {
    const since = params.add(daysBefore(context.now, scope.window.days), `${where}.window`);
    const until = params.add(context.now, `${where}.window`);
    tests.push(`e.occurred_at >= ${since}`, `e.occurred_at <= ${until}`);
  } else if (scope.window?.type === 'between') {
    const through = boundThrough(scope.window.to);
    const from = params.add(startOf(scope.window.from), `${where}.window.from`);
    const to = params.add(through.at, `${where}.window.to`);
    tests.push(`e.occurred_at >= ${from}`, `e.occurred_at ${through.inclusive ? '<=' : '<'} ${to}`);
  }
  return tests.join(' and ');
}

/** `p.id [not] in` the profiles with matching events: never NULL, as `profile_id` never is. */
function eventSemiJoin(
  context: CompileContext,
  test: { negated?: boolean; filter: string; having?: string },
): SqlCondition {
  const grouping = test.having === undefined ? '' : ` group by e.profile_id having ${test.having}`;
  const subquery = `(select e.profile_id from ${context.eventsRelation()} e where ${test.filter}${grouping})`;
  return definite(`p.id ${test.negated ? 'not in' : 'in'} ${subquery}`);
}

export function compilePerformed(
  context: CompileContext,
  condition: PerformedCondition,
  where: string,
): SqlCondition {
  const op = { at_least: 'gte', at_most: 'lte', exactly: 'eq' } as const;
  if (condition.times.op === 'at_least' && condition.times.count === 1) {
    return eventSemiJoin(context, { filter: compileEventFilter(context, condition, where) });
  }
  return compileAggregate(
    context,
    {
      ...condition,
      type: 'aggregate',
      fn: 'count',
      property: null,
      op: op[condition.times.op],
      value: condition.times.count,
    },
    where,
  );
}

export function compileAggregate(
  context: CompileContext,
  condition: AggregateCondition,
  where: string,
): SqlCondition {
  const { dialect } = context;
  const filter = compileEventFilter(context, condition, where);
  const propertyText = condition.property ? dialect.jsonText('e.properties', condition.property) : 'null';
  const propertyNumber = dialect.tryCastDouble(propertyText);
  const aggregate = {
    count: 'count(*)',
    count_distinct: `count(distinct ${propertyText})`,
    sum: `coalesce(sum(${propertyNumber}), 0)`,
    avg: `avg(${propertyNumber})`,
    min: `min(${propertyNumber})`,
    max: `max(${propertyNumber})`,
  }[condition.fn];
  const value = context.params.add(condition.value, `${where}.value`);
  const comparison = `${aggregate} ${COMPARISON_SQL[condition.op]} cast(${value} as double precision)`;
  // Count, distinct count and sum are 0 for a profile without matching events; avg, min and max are undefined.
  const hasZeroWhenEmpty =
    condition.fn === 'count' || condition.fn === 'count_distinct' || condition.fn === 'sum';
  if (hasZeroWhenEmpty && compareNumbers(0, condition.op, condition.value)) {
    return eventSemiJoin(context, { negated: true, filter, having: `not (${comparison})` });
  }
  return eventSemiJoin(context, { filter, having: comparison });
}

export function compileOccurrence(
  context: CompileContext,
  condition: OccurrenceCondition,
  where: string,
): SqlCondition {
  const filter = compileEventFilter(context, { ...condition, window: null }, where);
  const time = `${condition.which === 'first' ? 'min' : 'max'}(e.occurred_at)`;
  const at = `${where}.at`;
  let test: string;
  if (condition.at.type === 'days_ago') {
    const instant = context.params.add(daysBefore(context.now, condition.at.days), at);
    test = `${time} ${condition.op === 'before' ? '<' : '>'} ${instant}`;
  } else if (condition.op === 'before') {
    test = `${time} < ${context.params.add(startOf(condition.at.date), at)}`;
  } else {
    const bound = boundAfter(condition.at.date);
    test = `${time} ${bound.inclusive ? '>=' : '>'} ${context.params.add(bound.at, at)}`;
  }
  return eventSemiJoin(context, { filter, having: test });
}
