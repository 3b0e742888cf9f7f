/**
 * Value semantics of the reference evaluator, written independently of the SQL: how a JSON value reads as text,
 * as a number and as a time. They mirror what `->>`, `tryCastDouble` and `tryCastTimestamp` do on both engines
 * for the values the tests generate (ISO dates, plain decimal numbers).
 */
import type { JsonValue } from '../../schema/json.ts';

/** The value at `path`, following object keys only; null counts as absent. */
export function valueAt(root: JsonValue | undefined, path: readonly string[]): JsonValue | undefined {
  let current: JsonValue | undefined = root;
  for (const key of path) {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) return undefined;
    current = Object.hasOwn(current, key) ? current[key] : undefined;
  }
  return current === null ? undefined : current;
}

/** What `->>` returns: strings as they are, everything else as JSON text. */
export function textOf(value: JsonValue | undefined): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

const DECIMAL = /^\s*[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?\s*$/;

export function numberOf(text: string | undefined): number | undefined {
  return text !== undefined && DECIMAL.test(text) ? Number(text.trim()) : undefined;
}

const TIMESTAMP =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?(Z|([+-])(\d{2}):?(\d{2}))?$/;

/** Milliseconds since the epoch for an ISO date or date-time (no zone: UTC); undefined for anything else. */
export function timeOf(text: string | undefined): number | undefined {
  const match = text === undefined ? null : TIMESTAMP.exec(text);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((index) =>
    Number(match[index] ?? 0),
  );
  const millis = Number((match[7] ?? '').padEnd(3, '0'));
  const utc = Date.UTC(year ?? 0, (month ?? 1) - 1, day, hour, minute, second, millis);
  const check = new Date(utc);
  const isCalendar = check.getUTCDate() === day && check.getUTCMonth() === (month ?? 1) - 1;
  if (!isCalendar || (hour ?? 0) > 23 || (minute ?? 0) > 59 || (second ?? 0) > 59) return undefined;
  const offsetMinutes = match[9]
    ? (match[9] === '-' ? -1 : 1) * (Number(match[10]) * 60 + Number(match[11]))
    : 0;
  return utc - offsetMinutes * 60_000;
}

/** Orders strings by code point, as both engines do with a byte-wise (C) collation. */
export function compareText(left: string, right: string): number {
  const a = [...left];
  const b = [...right];
  for (let index = 0; index < Math.min(a.length, b.length); index++) {
    const difference = (a[index]?.codePointAt(0) ?? 0) - (b[index]?.codePointAt(0) ?? 0);
    if (difference !== 0) return difference;
  }
  return a.length - b.length;
}
