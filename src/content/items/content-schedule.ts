/** When a content item runs: pure functions of its schedule, so the publisher and its tests agree on every date. */
import type { ContentSchedule } from '../../schema/content.ts';

const DAY_MS = 86_400_000;

/** The first run at or after `from` (a one-off item: its time, even when past). */
export function firstRunAtOrAfter(schedule: ContentSchedule, from: Date): Date {
  switch (schedule.type) {
    // A one-off time in the past still runs once (at the next publisher cycle): it was asked for.
    case 'once':
      return schedule.at;
    case 'every': {
      const period = schedule.days * DAY_MS;
      const start = schedule.start.getTime();
      if (from.getTime() <= start) return schedule.start;
      const periods = Math.ceil((from.getTime() - start) / period);
      return new Date(start + periods * period);
    }
    default: {
      const unknown: never = schedule;
      throw new Error(`unknown schedule ${JSON.stringify(unknown)}`);
    }
  }
}

/**
 * The run after the one due at `dueAt`, judged at `now`: a publisher that was down skips the runs it missed
 * (one catch-up run, not a burst of stale posts). Null: no further run.
 */
export function nextRunAfter(schedule: ContentSchedule, dueAt: Date, now: Date): Date | null {
  switch (schedule.type) {
    case 'once':
      return null;
    case 'every': {
      const after = new Date(Math.max(dueAt.getTime(), now.getTime()) + 1);
      return firstRunAtOrAfter(schedule, after);
    }
    default: {
      const unknown: never = schedule;
      throw new Error(`unknown schedule ${JSON.stringify(unknown)}`);
    }
  }
}
