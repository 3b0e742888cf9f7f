/**
 * Literals, names and value predicates of the segment text form (shared by traits and event property filters).
 */
import { dateLiteralSchema, type ComparisonOp, type Predicate } from '../../schema/segment.ts';
import { KEYWORDS } from './keywords.ts';
import type { TokenStream } from './token-stream.ts';

export type Scalar = string | number | boolean;

export function parseNumber(stream: TokenStream, expected = 'a number'): number {
  const token = stream.peek();
  if (token.kind !== 'number') throw stream.unexpected(expected);
  stream.next();
  return Number(token.value);
}

export function parseInteger(stream: TokenStream, what: string, range: { min: number; max: number }): number {
  const token = stream.peek();
  const value = parseNumber(stream, what);
  if (!Number.isInteger(value) || value < range.min || value > range.max) {
    throw stream.invalid(token, `${what} must be a whole number from ${range.min} to ${range.max}`);
  }
  return value;
}

export function parseScalar(stream: TokenStream): Scalar {
  const token = stream.peek();
  if (token.kind === 'string') return stream.next().value;
  if (token.kind === 'number') return parseNumber(stream);
  if (stream.acceptWord('true')) return true;
  if (stream.acceptWord('false')) return false;
  throw stream.unexpected('a value (a "string", a number, true or false)');
}

function parseOrdered(stream: TokenStream): string | number {
  const token = stream.peek();
  if (token.kind === 'string') return stream.next().value;
  if (token.kind === 'number') return parseNumber(stream);
  throw stream.unexpected('a "string" or a number');
}

export function parseString(stream: TokenStream, expected = 'a "string"'): string {
  if (stream.peek().kind !== 'string') throw stream.unexpected(expected);
  return stream.next().value;
}

/** A date literal, bare (`2024-05-01`, `2024-05-01T10:00:00Z`) or quoted. */
export function parseDate(stream: TokenStream): string {
  const token = stream.peek();
  if (token.kind !== 'date' && token.kind !== 'string') throw stream.unexpected('a date (YYYY-MM-DD)');
  if (!dateLiteralSchema.safeParse(token.value).success) {
    throw stream.invalid(token, `'${token.value}' is not a date: write YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ`);
  }
  stream.next();
  return token.value;
}

/** A name that may stand where keywords do: a bare non-keyword word or a `backtick` name. */
export function parseName(stream: TokenStream, expected: string): string {
  const token = stream.peek();
  const isKeyword = token.kind === 'word' && KEYWORDS.has(token.value.toLowerCase());
  if (isKeyword && !['and', 'or', 'not'].includes(token.value.toLowerCase())) {
    throw stream.invalid(
      token,
      `expected ${expected}; '${token.value}' is a keyword: write \`${token.value}\` for a name`,
    );
  }
  if (isKeyword || (token.kind !== 'word' && token.kind !== 'name')) throw stream.unexpected(expected);
  return stream.next().value;
}

/** A name or a string (event names, segment names, consent topics). */
export function parseNameOrString(stream: TokenStream, expected: string): string {
  return stream.peek().kind === 'string' ? stream.next().value : parseName(stream, expected);
}

/**
 * `a.b.c`: the first part as in `parseName` (or any word when it follows a dot already read, as in
 * `sum(purchase.amount)`), later parts any word or `backtick` name.
 */
export function parsePath(
  stream: TokenStream,
  expected: string,
  options: { afterDot?: boolean } = {},
): string[] {
  const parts = [options.afterDot ? parseWordAfterDot(stream, expected) : parseName(stream, expected)];
  while (stream.acceptSymbol('.')) parts.push(parseWordAfterDot(stream, 'a name after the dot'));
  return parts;
}

function parseWordAfterDot(stream: TokenStream, expected: string): string {
  const token = stream.peek();
  if (token.kind !== 'word' && token.kind !== 'name') throw stream.unexpected(expected);
  return stream.next().value;
}

/** `N days` (also `day`, `d`), the unit of every relative time. */
export function parseDays(stream: TokenStream): number {
  const days = parseInteger(stream, 'the number of days', { min: 0, max: 36_500 });
  if (!stream.acceptWord('days') && !stream.acceptWord('day') && !stream.acceptWord('d')) {
    throw stream.unexpected("'days'");
  }
  return days;
}

/** `(in|within) [the] (last|next) N days` after the `in`/`within` was seen; returns which way. */
function parseRelativeDays(stream: TokenStream, anniversary: boolean): Predicate {
  stream.acceptWord('the');
  if (stream.acceptWord('last')) return { op: 'within_last', days: parseDays(stream), anniversary };
  if (stream.acceptWord('next')) return { op: 'in_next', days: parseDays(stream), anniversary };
  throw stream.unexpected("'last' or 'next'");
}

export function parseValueList(stream: TokenStream): Scalar[] {
  stream.expectSymbol('(', "'(' starting a list of values");
  const values = [parseScalar(stream)];
  while (stream.acceptSymbol(',')) values.push(parseScalar(stream));
  stream.expectSymbol(')', "',' or ')' closing the list");
  return values;
}

const COMPARISONS: Readonly<Record<string, ComparisonOp>> = {
  '=': 'eq',
  '!=': 'neq',
  '<>': 'neq',
  '<': 'lt',
  '<=': 'lte',
  '>': 'gt',
  '>=': 'gte',
};

/** Reads `=`, `!=` / `<>`, `<`, `<=`, `>`, `>=` if the next token is one. */
export function acceptComparison(stream: TokenStream): ComparisonOp | undefined {
  const token = stream.peek();
  const op =
    token.kind === 'symbol' && Object.hasOwn(COMPARISONS, token.value) ? COMPARISONS[token.value] : undefined;
  if (op) stream.next();
  return op;
}

const PREDICATE_EXPECTED =
  'an operator (=, !=, <, <=, >, >=, between, in, not in, contains, starts with, exists, is empty, before, after, within last, in next)';

export function parsePredicate(stream: TokenStream): Predicate {
  const comparison = acceptComparison(stream);
  if (comparison) {
    if (comparison === 'eq' || comparison === 'neq') return { op: comparison, value: parseScalar(stream) };
    return { op: comparison, value: parseOrdered(stream) };
  }
  if (stream.acceptWord('between')) {
    const low = parseOrdered(stream);
    stream.expectWord('and');
    const highToken = stream.peek();
    const high = parseOrdered(stream);
    if (typeof low !== typeof high)
      throw stream.invalid(highToken, `expected a ${typeof low} like the lower bound`);
    return { op: 'between', low, high };
  }
  if (stream.isWord('in') && stream.isSymbol('(', 1)) {
    stream.next();
    return { op: 'in', values: parseValueList(stream) };
  }
  if (stream.acceptWord('not')) {
    stream.expectWord('in', "'in' (as in: not in (…))");
    return { op: 'not_in', values: parseValueList(stream) };
  }
  if (stream.acceptWord('contains')) return { op: 'contains', value: parseString(stream) };
  if (stream.acceptWord('starts')) {
    stream.expectWord('with', '\'with\' (as in: starts with "…")');
    return { op: 'starts_with', value: parseString(stream) };
  }
  if (stream.acceptWord('exists')) return { op: 'exists' };
  if (stream.acceptWord('is')) {
    stream.expectWord('empty', "'empty'");
    return { op: 'is_empty' };
  }
  if (stream.acceptWord('before')) return { op: 'before', date: parseDate(stream) };
  if (stream.acceptWord('after')) return { op: 'after', date: parseDate(stream) };
  const anniversary = stream.acceptWord('anniversary');
  if (stream.acceptWord('in') || stream.acceptWord('within')) return parseRelativeDays(stream, anniversary);
  throw stream.unexpected(anniversary ? "'in next' or 'within last'" : PREDICATE_EXPECTED);
}
