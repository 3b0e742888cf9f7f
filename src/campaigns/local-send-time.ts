/**
 * Local-time delivery: "9:00 on 1 March" means 9:00 in each profile's own time zone (its `timezone` trait, an IANA
 * name). Conversions use the zone database Node ships (Intl), so daylight-saving rules are the real ones.
 */

/** Zones range from UTC−12 to UTC+14: a local-time campaign fires when the first zone reaches the time. */
const EARLIEST_ZONE_OFFSET_MS = 14 * 60 * 60 * 1000;

const formatters = new Map<string, Intl.DateTimeFormat | null>();

/** A formatter for `timeZone`, or null when Intl does not know the zone. */
function formatterFor(timeZone: string): Intl.DateTimeFormat | null {
  const cached = formatters.get(timeZone);
  if (cached !== undefined) return cached;
  let formatter: Intl.DateTimeFormat | null;
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
    // Intl reports an unknown zone as a RangeError; the caller falls back to the campaign's zone.
    if (!(error instanceof RangeError)) throw error;
    formatter = null;
  }
  formatters.set(timeZone, formatter);
  return formatter;
}

export function isKnownTimeZone(timeZone: string): boolean {
  return timeZone.length > 0 && timeZone.length <= 100 && formatterFor(timeZone) !== null;
}

/** The zone's offset from UTC at `instant`, in milliseconds (east positive). */
function zoneOffsetMs(instant: number, formatter: Intl.DateTimeFormat): number {
  const parts: Record<string, number> = {};
  for (const part of formatter.formatToParts(new Date(instant))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const asIfUtc = Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  return asIfUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * The UTC instant of wall-clock `localTime` (`2025-03-01T09:00`) in `timeZone`. A time skipped by a
 * daylight-saving jump maps to the same wall time under the earlier offset (09:30 in a 09:00→10:00 gap is 10:30).
 */
export function localTimeToUtc(localTime: string, timeZone: string): Date {
  const formatter = formatterFor(timeZone);
  if (!formatter) throw new RangeError(`Unknown time zone "${timeZone}"`);
  const wall = Date.parse(`${localTime}:00Z`);
  const first = wall - zoneOffsetMs(wall, formatter);
  // The offset at the first guess may differ from the offset at the answer when a transition lies between them.
  return new Date(wall - zoneOffsetMs(first, formatter));
}

/** When a local-time campaign must fire: the moment UTC+14 reaches the wall-clock time. */
export function earliestLocalFireTime(localTime: string): Date {
  return new Date(Date.parse(`${localTime}:00Z`) - EARLIEST_ZONE_OFFSET_MS);
}

/** The profile's zone when Intl knows it, else the fallback. */
export function resolveTimeZone(profileZone: string | null | undefined, fallback: string): string {
  return profileZone && isKnownTimeZone(profileZone) ? profileZone : fallback;
}
