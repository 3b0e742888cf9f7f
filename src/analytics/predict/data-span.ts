/** The time span of the data in the store, for defaults such as "as of the day after the last purchase". */
import type { SqlExecutor } from '../../store/store.ts';

export const DAY_MS = 86_400_000;

/** UTC midnight at the start of the day of `date`. */
export function startOfUtcDay(date: Date): Date {
  return new Date(Math.floor(date.getTime() / DAY_MS) * DAY_MS);
}

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS);
}

/** `YYYY-MM-DD` of a date's UTC day. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The time of the last track event named `event` (any event when omitted), or undefined on an empty store. */
export async function lastEventTime(executor: SqlExecutor, event?: string): Promise<Date | undefined> {
  const [row] = await executor.query<{ last_at: Date | null }>(
    event === undefined
      ? 'select max(occurred_at) as last_at from events'
      : `select max(occurred_at) as last_at from events where type = 'track' and event = $1`,
    event === undefined ? [] : [event],
  );
  return row?.last_at ?? undefined;
}
