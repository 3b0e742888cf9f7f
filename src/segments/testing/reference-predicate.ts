/**
 * Value predicates in the reference evaluator: the plain-language semantics of ../README.md, in TypeScript.
 */
import type { JsonValue } from '../../schema/json.ts';
import type { Predicate } from '../../schema/segment.ts';
import { boundAfter, daysAfter, daysBefore, monthDayOf, startOf } from '../time-bounds.ts';
import { compareText, numberOf, textOf, timeOf } from './reference-values.ts';

type Scalar = string | number | boolean;

function compare(text: string | undefined, value: Scalar): number | undefined {
  if (text === undefined) return undefined;
  if (typeof value === 'number') {
    const number = numberOf(text);
    return number === undefined ? undefined : number - value;
  }
  return compareText(text, String(value));
}

function isEqual(text: string | undefined, value: Scalar): boolean {
  return compare(text, value) === 0;
}

/** Whether an anniversary of `time` falls within `days` days of today (UTC), stepping one day at a time. */
function isAnniversaryWithin(
  time: number,
  now: Date,
  days: number,
  direction: 'in_next' | 'within_last',
): boolean {
  const target = monthDayOf(new Date(time));
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  for (let offset = 0; offset <= days; offset++) {
    const day = new Date(today + (direction === 'in_next' ? offset : -offset) * 86_400_000);
    if (monthDayOf(day) === target) return true;
    const year = day.getUTCFullYear();
    const isLeap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    if (target === 229 && !isLeap && monthDayOf(day) === 228) return true;
    if (offset > 366) break;
  }
  return false;
}

export function holdsFor(value: JsonValue | undefined, predicate: Predicate, now: Date): boolean {
  const text = textOf(value);
  switch (predicate.op) {
    case 'eq':
      return isEqual(text, predicate.value);
    case 'neq':
      return !isEqual(text, predicate.value);
    case 'lt':
    case 'lte':
    case 'gt':
    case 'gte': {
      const difference = compare(text, predicate.value);
      if (difference === undefined) return false;
      return { lt: difference < 0, lte: difference <= 0, gt: difference > 0, gte: difference >= 0 }[
        predicate.op
      ];
    }
    case 'between': {
      const low = compare(text, predicate.low);
      const high = compare(text, predicate.high);
      return low !== undefined && high !== undefined && low >= 0 && high <= 0;
    }
    case 'in':
      return predicate.values.some((candidate) => isEqual(text, candidate));
    case 'not_in':
      return !predicate.values.some((candidate) => isEqual(text, candidate));
    case 'contains':
      if (Array.isArray(value)) return value.some((element) => textOf(element) === predicate.value);
      return text !== undefined && text.includes(predicate.value);
    case 'starts_with':
      return text !== undefined && text.startsWith(predicate.value);
    case 'exists':
      return text !== undefined;
    case 'is_empty':
      return text === undefined || text === '' || text === '[]' || text === '{}';
    case 'before': {
      const time = timeOf(text);
      return time !== undefined && time < startOf(predicate.date).getTime();
    }
    case 'after': {
      const time = timeOf(text);
      const bound = boundAfter(predicate.date);
      return time !== undefined && (bound.inclusive ? time >= bound.at.getTime() : time > bound.at.getTime());
    }
    case 'within_last':
    case 'in_next': {
      const time = timeOf(text);
      if (time === undefined) return false;
      if (predicate.anniversary) return isAnniversaryWithin(time, now, predicate.days, predicate.op);
      const [from, to] =
        predicate.op === 'within_last'
          ? [daysBefore(now, predicate.days), now]
          : [now, daysAfter(now, predicate.days)];
      return time >= from.getTime() && time <= to.getTime();
    }
    default: {
      const unknown: never = predicate;
      throw new Error(`unknown predicate ${JSON.stringify(unknown)}`);
    }
  }
}
