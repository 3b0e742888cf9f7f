/**
 * A value predicate (trait, computed trait or event property) as a SQL condition (semantics in ../README.md).
 */
import type { Predicate } from '../../schema/segment.ts';
import { anniversaryMonthDays, boundAfter, daysAfter, daysBefore, startOf } from '../time-bounds.ts';
import type { CompileContext, JsonTarget } from './compile-context.ts';
import { combine, definite, negate, nullable, type SqlCondition } from './sql-condition.ts';

const COMPARISON_SQL = { eq: '=', lt: '<', lte: '<=', gt: '>', gte: '>=' } as const;

export function compilePredicate(
  context: CompileContext,
  target: JsonTarget,
  predicate: Predicate,
  where: string,
): SqlCondition {
  const { dialect, params } = context;
  const text = dialect.jsonText(target.column, target.path);
  const timestamp = dialect.tryCastTimestamp(text);
  /** Numbers compare as numbers, strings as text, booleans as the text 'true' / 'false'. */
  const operand = (value: string | number | boolean, at: string): { left: string; right: string } =>
    typeof value === 'number'
      ? { left: dialect.tryCastDouble(text), right: params.add(value, at) }
      : { left: text, right: params.add(String(value), at) };

  switch (predicate.op) {
    case 'eq':
    case 'lt':
    case 'lte':
    case 'gt':
    case 'gte': {
      const { left, right } = operand(predicate.value, `${where}.value`);
      return nullable(`${left} ${COMPARISON_SQL[predicate.op]} ${right}`);
    }
    case 'neq':
      return negate(compilePredicate(context, target, { op: 'eq', value: predicate.value }, where));
    case 'between': {
      const low = operand(predicate.low, `${where}.low`);
      const high = operand(predicate.high, `${where}.high`);
      return nullable(`${low.left} between ${low.right} and ${high.right}`);
    }
    case 'in':
      return compileInList(predicate.values, operand, where);
    case 'not_in':
      return negate(compileInList(predicate.values, operand, where));
    case 'contains': {
      const value = params.add(predicate.value, `${where}.value`);
      const isArray = dialect.jsonIsArray(target.column, target.path);
      const hasElement = dialect.jsonArrayHasText(target.column, target.path, value);
      return nullable(`case when ${isArray} then ${hasElement} else strpos(${text}, ${value}) > 0 end`);
    }
    case 'starts_with':
      return nullable(`starts_with(${text}, ${params.add(predicate.value, `${where}.value`)})`);
    case 'exists':
      return definite(`${text} is not null`);
    case 'is_empty':
      return definite(`(${text} is null or ${text} in ('', '[]', '{}'))`);
    case 'before':
      return nullable(`${timestamp} < ${params.add(startOf(predicate.date), `${where}.date`)}`);
    case 'after': {
      const bound = boundAfter(predicate.date);
      return nullable(
        `${timestamp} ${bound.inclusive ? '>=' : '>'} ${params.add(bound.at, `${where}.date`)}`,
      );
    }
    case 'within_last':
    case 'in_next': {
      if (predicate.anniversary) return compileAnniversary(context, timestamp, predicate, where);
      const from = predicate.op === 'within_last' ? daysBefore(context.now, predicate.days) : context.now;
      const to = predicate.op === 'within_last' ? context.now : daysAfter(context.now, predicate.days);
      const [fromParam, toParam] = [params.add(from, `${where}.days`), params.add(to, `${where}.days`)];
      return nullable(`${timestamp} between ${fromParam} and ${toParam}`);
    }
    default: {
      const unknown: never = predicate;
      throw new Error(`unknown predicate ${JSON.stringify(unknown)}`);
    }
  }
}

function compileInList(
  values: readonly (string | number | boolean)[],
  operand: (value: string | number | boolean, at: string) => { left: string; right: string },
  where: string,
): SqlCondition {
  const byLeft = new Map<string, string[]>();
  values.forEach((value, index) => {
    const { left, right } = operand(value, `${where}.values[${index}]`);
    byLeft.set(left, [...(byLeft.get(left) ?? []), right]);
  });
  return combine(
    'or',
    [...byLeft].map(([left, rights]) => nullable(`${left} in (${rights.join(', ')})`)),
  );
}

/** Month and day against the ranges the window covers this year (see `anniversaryMonthDays`). */
function compileAnniversary(
  context: CompileContext,
  timestamp: string,
  predicate: { op: 'within_last' | 'in_next'; days: number },
  where: string,
): SqlCondition {
  const ranges = anniversaryMonthDays({ now: context.now, days: predicate.days, direction: predicate.op });
  if (ranges === 'all') return definite(`${timestamp} is not null`);
  const monthDay = `(extract(month from ${timestamp}) * 100 + extract(day from ${timestamp}))`;
  const tests = ranges.map(([low, high]) => {
    const lowParam = context.params.add(low, `${where}.days`);
    return nullable(
      low === high
        ? `${monthDay} = ${lowParam}`
        : `${monthDay} between ${lowParam} and ${context.params.add(high, `${where}.days`)}`,
    );
  });
  return combine('or', tests);
}
