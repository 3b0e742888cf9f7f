/**
 * Dates as whole UTC day numbers (days since 1970-01-01). Purchases are merged per calendar day, so a day number
 * is the unit of identity; the model's time unit (day or week) is applied only when summaries are written.
 */
import { SegmintError } from '../../errors.ts';
import type { DateInput, TimeUnit } from './schemas.ts';

const MILLISECONDS_PER_DAY = 86_400_000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
// A timestamp must say which zone it is in; Date.parse would read one without an offset as local time.
const DATE_TIME_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

export const DAYS_PER_UNIT: Readonly<Record<TimeUnit | 'month', number>> = {
  day: 1,
  week: 7,
  month: 365.25 / 12,
};

function parseMilliseconds(date: DateInput): number {
  if (date instanceof Date) return date.getTime();
  if (typeof date === 'string' && (DATE_ONLY.test(date) || DATE_TIME_WITH_OFFSET.test(date)))
    return Date.parse(date);
  return Number.NaN;
}

/** The UTC calendar day of a date; throws invalid_input (naming `path`) for anything that is not a valid date. */
export function toDayNumber(date: DateInput, path: string): number {
  const milliseconds = parseMilliseconds(date);
  if (!Number.isFinite(milliseconds)) {
    throw new SegmintError(
      'invalid_input',
      `${path}: expected a date (YYYY-MM-DD, an ISO timestamp with offset, or a Date), got ${String(date)}`,
      [{ path, message: 'not a valid date' }],
    );
  }
  return Math.floor(milliseconds / MILLISECONDS_PER_DAY);
}

/** `YYYY-MM-DD` of a day number. */
export function toIsoDate(dayNumber: number): string {
  return new Date(dayNumber * MILLISECONDS_PER_DAY).toISOString().slice(0, 10);
}
