import { WORD_PATTERN } from './tokenize.ts';

/**
 * Words with a meaning in the text form (matched ignoring case). A field, property, event or topic named like one
 * of them is written in backticks (`` `count` ``) or, for events and topics, as a string. Names after a dot are
 * never keywords (`rfm.segment`).
 */
export const KEYWORDS: ReadonlySet<string> = new Set([
  'after', 'ago', 'and', 'anniversary', 'at', 'avg', 'before', 'between', 'computed', 'consented', 'contains',
  'count', 'count_distinct', 'day', 'days', 'did', 'empty', 'exactly', 'exists', 'false', 'first', 'in', 'is',
  'km', 'last', 'least', 'max', 'min', 'most', 'next', 'not', 'of', 'or', 'page', 'perform', 'performed',
  'screen', 'segment', 'starts', 'subscribed', 'sum', 'the', 'time', 'times', 'to', 'traits', 'true', 'view',
  'where', 'with', 'within',
]); // prettier-ignore

/** Whether `name` can be written bare where a keyword could also stand (the start of a field or an event name). */
export function isBareName(name: string): boolean {
  return WORD_PATTERN.test(name) && !KEYWORDS.has(name.toLowerCase());
}

/** Whether `name` can be written bare after a dot. */
export function isBareNameAfterDot(name: string): boolean {
  return WORD_PATTERN.test(name);
}
