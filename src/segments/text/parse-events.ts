/**
 * Event conditions of the text form: `performed …`, `did not perform …`, `first|last EVENT before|after …` and
 * aggregates `count(…)`, `sum(EVENT.property …)` compared with a number.
 */
import {
  AGGREGATE_FUNCTIONS,
  type Condition,
  type EventRef,
  type EventWindow,
  type PerformedTimes,
  type PropertyFilter,
} from '../../schema/segment.ts';
import {
  acceptComparison,
  parseDate,
  parseDays,
  parseInteger,
  parseNameOrString,
  parseNumber,
  parsePath,
  parsePredicate,
} from './parse-values.ts';
import type { TokenStream } from './token-stream.ts';

const EVENT_EXPECTED = 'an event (a name, a "quoted name", page view or screen view)';

export function isAggregateStart(stream: TokenStream): boolean {
  return AGGREGATE_FUNCTIONS.some((fn) => stream.isWord(fn)) && stream.isSymbol('(', 1);
}

export function parseEventRef(stream: TokenStream): EventRef {
  for (const type of ['page', 'screen'] as const) {
    if (stream.isWord(type) && stream.isWord('view', 1)) {
      stream.next();
      stream.next();
      const name = stream.peek().kind === 'string' ? stream.next().value : null;
      return { type, name };
    }
  }
  return { type: 'track', event: parseNameOrString(stream, EVENT_EXPECTED) };
}

/** `where FILTER` or `where (FILTER and FILTER …)`: parentheses keep the filters apart from the outer `and`. */
export function parseFilters(stream: TokenStream): PropertyFilter[] {
  if (!stream.acceptWord('where')) return [];
  const parseFilter = (): PropertyFilter => ({
    property: parsePath(stream, 'an event property'),
    predicate: parsePredicate(stream),
  });
  if (!stream.acceptSymbol('(')) return [parseFilter()];
  const filters = [parseFilter()];
  while (stream.acceptWord('and')) filters.push(parseFilter());
  stream.expectSymbol(')', "'and' or ')' closing the filters");
  return filters;
}

/**
 * `last N days` or `between DATE and DATE`, after any leading `in`/`within` was read. Inside an aggregate's
 * parentheses the short `90 days` / `90d` is accepted too.
 */
function parseWindowBody(stream: TokenStream, options: { allowBareDays?: boolean } = {}): EventWindow {
  if (stream.acceptWord('between')) {
    const from = parseDate(stream);
    stream.expectWord('and');
    return { type: 'between', from, to: parseDate(stream) };
  }
  stream.acceptWord('the');
  const isBareDays = options.allowBareDays === true && stream.peek().kind === 'number';
  if (stream.acceptWord('last') || isBareDays) return { type: 'last_days', days: parseDays(stream) };
  throw stream.unexpected("'last N days' or 'between DATE and DATE'");
}

function parseOptionalWindow(stream: TokenStream): EventWindow | null {
  if (stream.isWord('between')) return parseWindowBody(stream);
  if (stream.acceptWord('in') || stream.acceptWord('within')) return parseWindowBody(stream);
  return null;
}

function parseTimes(stream: TokenStream): PerformedTimes {
  let op: PerformedTimes['op'];
  if (stream.acceptWord('exactly')) op = 'exactly';
  else if (stream.acceptWord('at')) {
    if (stream.acceptWord('least')) op = 'at_least';
    else if (stream.acceptWord('most')) op = 'at_most';
    else throw stream.unexpected("'least' or 'most'");
  } else return { op: 'at_least', count: 1 };
  const count = parseInteger(stream, 'the number of times', { min: 0, max: 1_000_000 });
  if (!stream.acceptWord('times') && !stream.acceptWord('time')) throw stream.unexpected("'times'");
  return { op, count };
}

/** After `performed`. */
export function parsePerformed(stream: TokenStream): Condition {
  const event = parseEventRef(stream);
  const where = parseFilters(stream);
  const times = parseTimes(stream);
  return { type: 'performed', event, where, times, window: parseOptionalWindow(stream) };
}

/** After `did not perform`: the negation of performing the event at least once. */
export function parseDidNotPerform(stream: TokenStream): Condition {
  const event = parseEventRef(stream);
  const where = parseFilters(stream);
  const window = parseOptionalWindow(stream);
  return {
    type: 'not',
    condition: { type: 'performed', event, where, times: { op: 'at_least', count: 1 }, window },
  };
}

/** After `first` or `last`: `EVENT [where …] (before|after) (DATE | N days ago)`. */
export function parseOccurrence(stream: TokenStream, which: 'first' | 'last'): Condition {
  const event = parseEventRef(stream);
  const where = parseFilters(stream);
  const op = stream.acceptWord('before') ? 'before' : stream.acceptWord('after') ? 'after' : undefined;
  if (!op) throw stream.unexpected("'before' or 'after'");
  if (stream.peek().kind === 'number') {
    const days = parseDays(stream);
    stream.expectWord('ago', "'ago' (as in: 30 days ago)");
    return { type: 'occurrence', which, event, where, op, at: { type: 'days_ago', days } };
  }
  return { type: 'occurrence', which, event, where, op, at: { type: 'date', date: parseDate(stream) } };
}

/** `fn(EVENT[.property] [where …] [, WINDOW]) OP NUMBER`. */
export function parseAggregate(stream: TokenStream): Condition {
  const fn = AGGREGATE_FUNCTIONS.find((name) => stream.isWord(name));
  if (!fn) throw stream.unexpected(`an aggregate (${AGGREGATE_FUNCTIONS.join(', ')})`);
  stream.next();
  stream.expectSymbol('(');
  const event = parseEventRef(stream);
  const propertyToken = stream.peek();
  const property = stream.acceptSymbol('.')
    ? parsePath(stream, 'a property name after the dot', { afterDot: true })
    : null;
  if (fn === 'count' && property !== null) {
    throw stream.invalid(propertyToken, 'count counts events and takes no property: write count(EVENT)');
  }
  if (fn !== 'count' && property === null) {
    throw stream.unexpected(`'.' and the property to ${fn} (as in: ${fn}(purchase.amount))`);
  }
  const where = parseFilters(stream);
  const window = stream.acceptSymbol(',') ? parseOptionalWindowInList(stream) : null;
  stream.expectSymbol(')', window ? "')'" : "',' and a window, or ')'");
  const op = acceptComparison(stream);
  if (!op) throw stream.unexpected('a comparison (=, !=, <, <=, >, >=)');
  return { type: 'aggregate', fn, event, property, where, window, op, value: parseNumber(stream) };
}

export function parseOptionalWindowInList(stream: TokenStream): EventWindow {
  if (!stream.acceptWord('in')) stream.acceptWord('within');
  return parseWindowBody(stream, { allowBareDays: true });
}
