/**
 * Literals, names and value predicates in their canonical text form (the inverse of parse-values.ts).
 */
import type { EventRef, EventWindow, Predicate, PropertyFilter } from '../../schema/segment.ts';
import { isBareName, isBareNameAfterDot } from './keywords.ts';

function escapeQuoted(text: string, quote: '"' | '`'): string {
  let escaped = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (char === quote || char === '\\') escaped += `\\${char}`;
    else if (char === '\n') escaped += '\\n';
    else if (char === '\r') escaped += '\\r';
    else if (char === '\t') escaped += '\\t';
    else if (code < 0x20 || code === 0x7f) escaped += `\\u${code.toString(16).padStart(4, '0')}`;
    else escaped += char;
  }
  return `${quote}${escaped}${quote}`;
}

export function printString(text: string): string {
  return escapeQuoted(text, '"');
}

export function printNumber(value: number): string {
  return Object.is(value, -0) ? '-0' : String(value);
}

export function printScalar(value: string | number | boolean): string {
  if (typeof value === 'string') return printString(value);
  if (typeof value === 'number') return printNumber(value);
  return value ? 'true' : 'false';
}

/** A name where a keyword could stand: bare when possible, else in backticks. */
export function printName(name: string): string {
  return isBareName(name) ? name : escapeQuoted(name, '`');
}

/** An event name, segment name or topic: bare when possible, else a string. */
export function printNameOrString(name: string): string {
  return isBareName(name) ? name : printString(name);
}

export function printPathAfterDot(parts: readonly string[]): string {
  return parts.map((part) => (isBareNameAfterDot(part) ? part : escapeQuoted(part, '`'))).join('.');
}

export function printPath(parts: readonly string[]): string {
  const [first, ...rest] = parts;
  return [printName(first ?? ''), ...(rest.length > 0 ? [printPathAfterDot(rest)] : [])].join('.');
}

const COMPARISON_SYMBOLS = { eq: '=', neq: '!=', lt: '<', lte: '<=', gt: '>', gte: '>=' } as const;
export type ComparisonName = keyof typeof COMPARISON_SYMBOLS;

export function printComparison(op: ComparisonName): string {
  return COMPARISON_SYMBOLS[op];
}

export function printPredicate(predicate: Predicate): string {
  switch (predicate.op) {
    case 'eq':
    case 'neq':
    case 'lt':
    case 'lte':
    case 'gt':
    case 'gte':
      return `${COMPARISON_SYMBOLS[predicate.op]} ${printScalar(predicate.value)}`;
    case 'between':
      return `between ${printScalar(predicate.low)} and ${printScalar(predicate.high)}`;
    case 'in':
    case 'not_in':
      return `${predicate.op === 'in' ? 'in' : 'not in'} (${predicate.values.map(printScalar).join(', ')})`;
    case 'contains':
      return `contains ${printString(predicate.value)}`;
    case 'starts_with':
      return `starts with ${printString(predicate.value)}`;
    case 'exists':
      return 'exists';
    case 'is_empty':
      return 'is empty';
    case 'before':
    case 'after':
      return `${predicate.op} ${predicate.date}`;
    case 'within_last':
    case 'in_next': {
      const anniversary = predicate.anniversary ? 'anniversary ' : '';
      const direction = predicate.op === 'within_last' ? 'within last' : 'in next';
      return `${anniversary}${direction} ${printDays(predicate.days)}`;
    }
    default: {
      const unknown: never = predicate;
      throw new Error(`unknown predicate ${JSON.stringify(unknown)}`);
    }
  }
}

export function printDays(days: number): string {
  return `${days} ${days === 1 ? 'day' : 'days'}`;
}

export function printEventRef(event: EventRef): string {
  if (event.type === 'track') return printNameOrString(event.event);
  return `${event.type} view${event.name === null ? '' : ` ${printString(event.name)}`}`;
}

export function printFilters(filters: readonly PropertyFilter[]): string {
  const printed = filters.map(
    (filter) => `${printPath(filter.property)} ${printPredicate(filter.predicate)}`,
  );
  if (printed.length === 0) return '';
  return printed.length === 1 ? ` where ${printed[0]}` : ` where (${printed.join(' and ')})`;
}

/** The window without a leading `in`: `last 90 days`, `between 2024-01-01 and 2024-02-01`. */
export function printWindow(window: EventWindow): string {
  return window.type === 'last_days'
    ? `last ${printDays(window.days)}`
    : `between ${window.from} and ${window.to}`;
}
