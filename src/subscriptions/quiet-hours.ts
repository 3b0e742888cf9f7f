/**
 * Quiet hours: a daily window of local wall-clock time in which a profile is not messaged, e.g. 21:00–08:00 (a
 * window whose start is after its end spans midnight). Pure functions over instants and a time zone.
 */
import { addCalendarDays, instantOfWallClock, wallClockAt } from '../time/zoned-time.ts';

export interface QuietHours {
  /** 'HH:MM' local time the window opens. */
  start: string;
  /** 'HH:MM' local time it closes (exclusive). */
  end: string;
}

function minutesOfDay(clock: string): number {
  const [hours, minutes] = clock.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}

/**
 * When the quiet hours that hold at `now` end, or undefined when `now` is outside them. The end is the next
 * instant the local clock shows `end`; if DST skips that time, the moment the clock jumps past it.
 */
export function quietHoursEnd(now: Date, quiet: QuietHours, timeZone: string): Date | undefined {
  const start = minutesOfDay(quiet.start);
  const end = minutesOfDay(quiet.end);
  const wall = wallClockAt(now, timeZone);
  const minute = wall.hour * 60 + wall.minute;
  const spansMidnight = start > end;
  const isQuiet = spansMidnight ? minute >= start || minute < end : minute >= start && minute < end;
  if (!isQuiet) return undefined;
  // In the evening part of a window that spans midnight the end is tomorrow; otherwise it is today.
  const endDate = spansMidnight && minute >= start ? addCalendarDays(wall, 1) : wall;
  return instantOfWallClock({ ...endDate, hour: Math.floor(end / 60), minute: end % 60 }, timeZone);
}
