/**
 * When a `wait_until` node lets a run go on: the next time a profile's local clock shows a time of day (its
 * `timezone` trait, an IANA zone such as "Europe/Berlin"), or a date trait plus an offset.
 */
import { parseDurationMs } from '../../schema/journey.ts';

const formatters = new Map<string, Intl.DateTimeFormat | null>();

/** A formatter for a zone, or null when the zone is not a valid IANA name. */
function formatterFor(timeZone: string): Intl.DateTimeFormat | null {
  if (!formatters.has(timeZone)) {
    let formatter: Intl.DateTimeFormat | null = null;
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch (error) {
      // An unknown zone is a RangeError: the profile's trait is unusable and the default zone applies.
      if (!(error instanceof RangeError)) throw error;
    }
    formatters.set(timeZone, formatter);
  }
  return formatters.get(timeZone) ?? null;
}

export function isValidTimeZone(timeZone: unknown): timeZone is string {
  return typeof timeZone === 'string' && timeZone.length > 0 && formatterFor(timeZone) !== null;
}

/** The local wall-clock time at `instant` as if it were UTC (epoch ms). */
function wallClockMs(formatter: Intl.DateTimeFormat, instant: number): number {
  const parts = Object.fromEntries(
    formatter.formatToParts(new Date(instant)).map((part) => [part.type, Number(part.value)]),
  );
  return Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
}

/** The instant at which the zone's clock shows `wall` (epoch ms of the wall-clock time read as UTC). */
function instantOfWallClock(formatter: Intl.DateTimeFormat, wall: number): number {
  // Two passes settle the offset, also across a daylight-saving change.
  let guess = wall - (wallClockMs(formatter, wall) - wall);
  guess = wall - (wallClockMs(formatter, guess) - guess);
  return guess;
}

/** The first instant after `now` at which the clock in `timeZone` shows `time` ("HH:MM"). */
export function nextTimeOfDay(now: Date, time: string, timeZone: string): Date {
  const formatter = formatterFor(timeZone) ?? formatterFor('UTC');
  if (!formatter) throw new Error('the UTC time zone is not available');
  const [hours, minutes] = time.split(':').map(Number);
  const localNow = new Date(wallClockMs(formatter, now.getTime()));
  for (let dayOffset = 0; dayOffset <= 2; dayOffset++) {
    const wall = Date.UTC(
      localNow.getUTCFullYear(),
      localNow.getUTCMonth(),
      localNow.getUTCDate() + dayOffset,
      hours ?? 0,
      minutes ?? 0,
    );
    const instant = instantOfWallClock(formatter, wall);
    if (instant > now.getTime()) return new Date(instant);
  }
  throw new Error(`no next ${time} in ${timeZone} after ${now.toISOString()}`);
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
