/**
 * When a `wait_until` node lets a run go on: the next time a profile's local clock shows a time of day (its
 * `timezone` trait, an IANA zone such as "Europe/Berlin"), or a date trait plus an offset.
 */
import { parseDurationMs } from '../../schema/journey.ts';
import { addCalendarDays, instantOfWallClock, isKnownTimeZone, wallClockAt } from '../../time/zoned-time.ts';

export function isValidTimeZone(timeZone: unknown): timeZone is string {
  return typeof timeZone === 'string' && isKnownTimeZone(timeZone);
}

/**
 * The first instant after `now` at which the clock in `timeZone` shows `time` ("HH:MM"). Zone rules are the shared
 * ones (src/time/zoned-time.ts): on a night without that time (spring forward) it is the moment the clock jumps past
 * it; on a night with it twice (fall back), the first.
 */
export function nextTimeOfDay(now: Date, time: string, timeZone: string): Date {
  const zone = isKnownTimeZone(timeZone) ? timeZone : 'UTC';
  const [hour, minute] = time.split(':').map(Number);
  const today = { ...wallClockAt(now, zone), hour: hour ?? 0, minute: minute ?? 0 };
  // Tomorrow's time is always after now; the day after covers a zone whose today is still yesterday's date.
  for (let days = 0; days <= 2; days++) {
    const instant = instantOfWallClock(addCalendarDays(today, days), zone);
    if (instant.getTime() > now.getTime()) return instant;
  }
  throw new Error(`no next ${time} in ${zone} after ${now.toISOString()}`);
}

/** A date trait plus an offset ("-1d"), or undefined when the trait holds no date. */
export function dateTraitPlusOffset(value: unknown, offset: string): Date | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return undefined;
  return new Date(date.getTime() + (parseDurationMs(offset) ?? 0));
}

/** The value at a dotted path (`address.city`) inside a traits object. */
export function traitAt(traits: unknown, path: string): unknown {
  let value: unknown = traits;
  for (const key of path.split('.')) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    value = Object.hasOwn(value, key) ? Reflect.get(value, key) : undefined;
  }
  return value;
}
