/**
 * How dates in a definition become instants. Shared by the SQL compiler (which binds the results as parameters,
 * so "now" is always a parameter) and the reference evaluator, and unit-tested on its own.
 *
 * A day literal (`2024-05-01`) stands for the whole UTC day; an instant (`2024-05-01T10:00:00Z`) for itself. So
 * `before 2024-05-01` is before that day began, `after 2024-05-01` is from the next day on, and a window
 * `between 2024-05-01 and 2024-05-31` includes all of May 31.
 */

const DAY_MS = 86_400_000;

export interface Bound {
  at: Date;
  /** Whether a value equal to `at` is inside. */
  inclusive: boolean;
}

export function isDayLiteral(literal: string): boolean {
  return literal.length === 10;
}

/** The instant a literal starts at (midnight UTC for a day). */
export function startOf(literal: string): Date {
  return new Date(literal);
}

/** `after LITERAL`: from the next day on for a day, strictly after an instant. */
export function boundAfter(literal: string): Bound {
  const start = startOf(literal);
  return isDayLiteral(literal)
    ? { at: new Date(start.getTime() + DAY_MS), inclusive: true }
    : { at: start, inclusive: false };
}

/** The end of `between … and LITERAL`: through the whole day, or up to and including an instant. */
export function boundThrough(literal: string): Bound {
  const start = startOf(literal);
  return isDayLiteral(literal)
    ? { at: new Date(start.getTime() + DAY_MS), inclusive: false }
    : { at: start, inclusive: true };
}

export function daysBefore(now: Date, days: number): Date {
  return new Date(now.getTime() - days * DAY_MS);
}

export function daysAfter(now: Date, days: number): Date {
  return new Date(now.getTime() + days * DAY_MS);
}

/** Month and day as one number, `mmdd` (Feb 29 → 229), the key anniversaries compare. */
export function monthDayOf(date: Date): number {
  return (date.getUTCMonth() + 1) * 100 + date.getUTCDate();
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Every `mmdd` of a leap year in calendar order. */
const ALL_MONTH_DAYS: readonly number[] = Array.from({ length: 366 }, (_, index) =>
  monthDayOf(new Date(Date.UTC(2000, 0, 1 + index))),
);

export type MonthDayRange = readonly [low: number, high: number];

/**
 * The `mmdd` ranges an anniversary may fall on to be within `days` days of today (UTC) — forward for `in_next`,
 * backward for `within_last`, today included. In common years a Feb 29 anniversary falls on Feb 28. Returns
 * 'all' when every day of the year is covered.
 */
export function anniversaryMonthDays(options: {
  now: Date;
  days: number;
  direction: 'in_next' | 'within_last';
}): MonthDayRange[] | 'all' {
  const today = Date.UTC(options.now.getUTCFullYear(), options.now.getUTCMonth(), options.now.getUTCDate());
  const covered = new Set<number>();
  const sign = options.direction === 'in_next' ? 1 : -1;
  for (let offset = 0; offset <= Math.min(options.days, 366); offset++) {
    const date = new Date(today + sign * offset * DAY_MS);
    covered.add(monthDayOf(date));
    const isCommonYearFeb28 = monthDayOf(date) === 228 && !isLeapYear(date.getUTCFullYear());
    if (isCommonYearFeb28) covered.add(229);
  }
  if (covered.size === ALL_MONTH_DAYS.length) return 'all';
  const ranges: [number, number][] = [];
  let previousIndex = -2;
  ALL_MONTH_DAYS.forEach((monthDay, index) => {
    if (!covered.has(monthDay)) return;
    const last = ranges[ranges.length - 1];
    if (last && previousIndex === index - 1) last[1] = monthDay;
    else ranges.push([monthDay, monthDay]);
    previousIndex = index;
  });
  return ranges;
}
