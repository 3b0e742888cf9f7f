/**
 * Local-time delivery: "9:00 on 1 March" means 9:00 in each profile's own time zone (its `timezone` trait, an IANA
 * name). The conversion is the shared one in src/time/zoned-time.ts (Intl's zone database, so daylight-saving rules
 * are the real ones; a repeated time takes its first occurrence, a skipped time the moment the clock jumps past it —
 * the same rules as quiet hours and journey waits).
 */
import { instantOfWallClock, isKnownTimeZone } from '../time/zoned-time.ts';

/** Zones range from UTC−12 to UTC+14: a local-time campaign fires when the first zone reaches the time. */
const EARLIEST_ZONE_OFFSET_MS = 14 * 60 * 60 * 1000;

/** `2025-03-01T09:00` read as a wall-clock time, in epoch ms as if it were UTC. */
function wallMillis(localTime: string): number {
  // Date.parse alone is lenient (it reads "15 July:00Z"); the shape is checked first.
  const millis = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(localTime)
    ? Date.parse(`${localTime}:00Z`)
    : Number.NaN;
  if (Number.isNaN(millis)) throw new RangeError(`"${localTime}" is not a local time like 2025-03-01T09:00`);
  return millis;
}

/** The UTC instant of wall-clock `localTime` (`2025-03-01T09:00`) in `timeZone`. */
export function localTimeToUtc(localTime: string, timeZone: string): Date {
  if (!isKnownTimeZone(timeZone)) throw new RangeError(`Unknown time zone "${timeZone}"`);
  const wall = new Date(wallMillis(localTime));
  return instantOfWallClock(
    {
      year: wall.getUTCFullYear(),
      month: wall.getUTCMonth() + 1,
      day: wall.getUTCDate(),
      hour: wall.getUTCHours(),
      minute: wall.getUTCMinutes(),
    },
    timeZone,
  );
}

/** When a local-time campaign must fire: the moment UTC+14 reaches the wall-clock time. */
export function earliestLocalFireTime(localTime: string): Date {
  return new Date(wallMillis(localTime) - EARLIEST_ZONE_OFFSET_MS);
}

/** The profile's zone when Intl knows it, else the fallback. */
export function resolveTimeZone(profileZone: string | null | undefined, fallback: string): string {
  return profileZone && isKnownTimeZone(profileZone) ? profileZone : fallback;
}
