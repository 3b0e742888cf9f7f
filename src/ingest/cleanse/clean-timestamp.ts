import { accept, refuse, type Cleaned } from './cleaned.ts';
import { ISO_TIMESTAMP_FORMAT, type TimestampFormat } from './timestamp-format.ts';

const ISO =
  /^(?<year>\d{4})-(?<month>\d{2})-(?<day>\d{2})(?:[Tt ](?<hour>\d{2}):(?<minute>\d{2})(?::(?<second>\d{2})(?:[.,](?<fraction>\d{1,9}))?)?\s*(?<zone>[Zz]|[+-]\d{2}(?::?\d{2})?)?)?$/;

interface DateParts {
  year?: string | undefined;
  month?: string | undefined;
  day?: string | undefined;
  hour?: string | undefined;
  minute?: string | undefined;
  second?: string | undefined;
  fraction?: string | undefined;
  meridiem?: string | undefined;
  zone?: string | undefined;
}

/** Parses a timestamp in the given format (ISO 8601 by default); refuses impossible dates such as 2011-02-30. */
export function cleanTimestamp(
  raw: string | number,
  format: TimestampFormat = ISO_TIMESTAMP_FORMAT,
): Cleaned<Date> {
  const text = String(raw).trim();
  const date = parse(text, format);
  return date === undefined ? refuse('invalid date', text, `expected ${format.description}`) : accept(date);
}

function parse(text: string, format: TimestampFormat): Date | undefined {
  switch (format.kind) {
    case 'iso':
      return fromParts(ISO.exec(text)?.groups, false);
    case 'unix': {
      const units = /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
      return Number.isFinite(units) ? validDate(units * format.millisecondsPerUnit) : undefined;
    }
    case 'pattern':
      return fromParts(format.regex.exec(text)?.groups, format.isTwelveHour);
    default: {
      const unreachable: never = format;
      return unreachable;
    }
  }
}

function fromParts(parts: DateParts | undefined, isTwelveHour: boolean): Date | undefined {
  if (parts === undefined) return undefined;
  const year = Number(parts.year);
  const month = Number(parts.month);
  const day = Number(parts.day);
  const hour = hourOf(Number(parts.hour ?? 0), isTwelveHour ? parts.meridiem : undefined);
  const minute = Number(parts.minute ?? 0);
  const second = Number(parts.second ?? 0);
  const millisecond = Math.floor(Number(`0.${parts.fraction ?? '0'}`) * 1000);
  if (hour === undefined || minute > 59 || second > 59) return undefined;
  const time = Date.UTC(year, month - 1, day, hour, minute, second, millisecond);
  const date = new Date(time);
  // Date.UTC rolls 2011-02-30 over into March; a round trip of the calendar fields catches that.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return undefined;
  const offset = zoneOffsetMinutes(parts.zone);
  return offset === undefined ? undefined : validDate(time - offset * 60_000);
}

function hourOf(hour: number, meridiem: string | undefined): number | undefined {
  if (meridiem === undefined) return hour <= 23 ? hour : undefined;
  if (hour < 1 || hour > 12) return undefined;
  const isAfternoon = meridiem.toLowerCase() === 'pm';
  return (hour % 12) + (isAfternoon ? 12 : 0);
}

/** Real UTC offsets run from -12:00 to +14:00. */
function zoneOffsetMinutes(zone: string | undefined): number | undefined {
  if (zone === undefined || zone.toLowerCase() === 'z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2) || 0);
  return hours > 14 || minutes > 59 ? undefined : sign * (hours * 60 + minutes);
}

function validDate(time: number): Date | undefined {
  const date = new Date(time);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
