import { describe, expect, it } from 'vitest';
import type { ContentSchedule } from '../../schema/content.ts';
import { firstRunAtOrAfter, nextRunAfter } from './content-schedule.ts';

const weekly: ContentSchedule = { type: 'every', days: 7, start: new Date('2025-02-03T09:00:00Z') };
const at = (text: string) => new Date(text);

describe('content schedules', () => {
  it('runs an "every N days" item at its start, then on each period boundary', () => {
    expect(firstRunAtOrAfter(weekly, at('2025-01-01T00:00:00Z'))).toEqual(at('2025-02-03T09:00:00Z'));
    expect(firstRunAtOrAfter(weekly, at('2025-02-03T09:00:00Z'))).toEqual(at('2025-02-03T09:00:00Z'));
    expect(firstRunAtOrAfter(weekly, at('2025-02-03T09:00:01Z'))).toEqual(at('2025-02-10T09:00:00Z'));
  });

  it('after a run, schedules the next period; after downtime, skips the missed runs instead of bursting', () => {
    expect(nextRunAfter(weekly, at('2025-02-03T09:00:00Z'), at('2025-02-03T09:00:30Z'))).toEqual(
      at('2025-02-10T09:00:00Z'),
    );
    expect(nextRunAfter(weekly, at('2025-02-03T09:00:00Z'), at('2025-02-26T12:00:00Z'))).toEqual(
      at('2025-03-03T09:00:00Z'),
    );
  });

  it('runs a one-off item once, even when its time has passed', () => {
    const once: ContentSchedule = { type: 'once', at: at('2025-02-01T00:00:00Z') };
    expect(firstRunAtOrAfter(once, at('2025-03-01T00:00:00Z'))).toEqual(at('2025-02-01T00:00:00Z'));
    expect(nextRunAfter(once, at('2025-02-01T00:00:00Z'), at('2025-03-01T00:00:00Z'))).toBeNull();
  });
});
