/**
 * Wall-clock time in an IANA time zone, with Intl only (no Temporal in Node 20). Converting a local time back to an
 * instant: a time that occurs twice (autumn fall-back) takes the earlier instant, as Temporal's 'compatible' does;
 * a time that does not exist (spring-forward gap) takes the moment the clock jumps past it, the first instant at
 * which the clock shows that time or later (what "until 02:30" means on a night without 02:30).
 */

export interface WallClock {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
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
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Whether `timeZone` is an IANA zone name this runtime knows (e.g. 'Europe/Berlin', 'UTC'). */
export function isKnownTimeZone(timeZone: string): boolean {
  if (timeZone.length === 0 || timeZone.length > 100) return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch (error) {
    if (error instanceof RangeError) return false;
    throw error;
  }
}

/** The wall clock in `timeZone` at `instant` (seconds dropped). */
export function wallClockAt(instant: Date, timeZone: string): WallClock {
  const parts = formatterFor(timeZone).formatToParts(instant);
  const field = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((part) => part.type === type)?.value ?? Number.NaN);
  return {
    year: field('year'),
    month: field('month'),
    day: field('day'),
    hour: field('hour'),
    minute: field('minute'),
  };
}

/** The wall clock read as if it were UTC, in epoch milliseconds (the arithmetic base of zone offsets). */
function wallAsUtcMillis(wall: WallClock): number {
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
}

/** How far `timeZone` is ahead of UTC at `epochMillis`, in milliseconds (whole minutes). */
function offsetMillisAt(epochMillis: number, timeZone: string): number {
  const instant = new Date(epochMillis - (epochMillis % 60_000));
  return wallAsUtcMillis(wallClockAt(instant, timeZone)) - instant.getTime();
}

const DAY_MILLIS = 86_400_000;

/** The instant the wall clock shows `wall` in `timeZone` (repeated and skipped times: see above). */
export function instantOfWallClock(wall: WallClock, timeZone: string): Date {
  const local = wallAsUtcMillis(wall);
  // Zone transitions are at least days apart, so the offsets a day either side are the ones that can apply.
  const offsetBefore = offsetMillisAt(local - DAY_MILLIS, timeZone);
  const offsetAfter = offsetMillisAt(local + DAY_MILLIS, timeZone);
  const candidates = [local - offsetBefore, local - offsetAfter].filter(
    (candidate) => offsetMillisAt(candidate, timeZone) === local - candidate,
  );
  // Two candidates: the time repeats (take the earlier).
  if (candidates.length > 0) return new Date(Math.min(...candidates));
  // None: the time falls in a gap. The jump lies between the instant that shows it with the later offset (still
  // before the jump) and the one that shows it with the earlier offset (after it); find it to the minute.
  let before = local - offsetAfter;
  let after = local - offsetBefore;
  while (after - before > 60_000) {
    const middle = before + Math.floor((after - before) / 120_000) * 60_000;
    if (offsetMillisAt(middle, timeZone) === offsetAfter) after = middle;
    else before = middle;
  }
  return new Date(after);
}

/** The calendar date `days` after the date of `wall` (time of day kept). */
export function addCalendarDays(wall: WallClock, days: number): WallClock {
  const date = new Date(Date.UTC(wall.year, wall.month - 1, wall.day + days));
  return {
    ...wall,
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
  };
}
