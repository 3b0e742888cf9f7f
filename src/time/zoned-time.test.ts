import { describe, expect, it } from 'vitest';
import { addCalendarDays, instantOfWallClock, isKnownTimeZone, wallClockAt } from './zoned-time.ts';

const wall = (year: number, month: number, day: number, hour: number, minute: number) => ({
  year,
  month,
  day,
  hour,
  minute,
});

describe('zoned time', () => {
  it('reads the wall clock of an instant in a zone', () => {
    expect(wallClockAt(new Date('2026-07-01T22:15:00Z'), 'Europe/Berlin')).toEqual(wall(2026, 7, 2, 0, 15));
    expect(wallClockAt(new Date('2026-07-01T00:00:00Z'), 'America/Los_Angeles')).toEqual(
      wall(2026, 6, 30, 17, 0),
    );
  });

  it('finds the instant of a wall-clock time, across both DST offsets', () => {
    expect(instantOfWallClock(wall(2026, 1, 15, 9, 0), 'Europe/Berlin').toISOString()).toBe(
      '2026-01-15T08:00:00.000Z',
    );
    expect(instantOfWallClock(wall(2026, 7, 15, 9, 0), 'Europe/Berlin').toISOString()).toBe(
      '2026-07-15T07:00:00.000Z',
    );
  });

  it('resolves a skipped time to the moment the clock jumps past it, a repeated time to the earlier instant', () => {
    // Berlin jumps from 02:00 CET to 03:00 CEST at 01:00 UTC on 29 March 2026: 02:30 never shows.
    expect(instantOfWallClock(wall(2026, 3, 29, 2, 30), 'Europe/Berlin').toISOString()).toBe(
      '2026-03-29T01:00:00.000Z',
    );
    // Lord Howe Island moves by half an hour (02:00 → 02:30 on 4 October 2026).
    expect(instantOfWallClock(wall(2026, 10, 4, 2, 15), 'Australia/Lord_Howe').toISOString()).toBe(
      '2026-10-03T15:30:00.000Z',
    );
    expect(instantOfWallClock(wall(2026, 10, 25, 2, 30), 'Europe/Berlin').toISOString()).toBe(
      '2026-10-25T00:30:00.000Z',
    );
  });

  it('adds calendar days across month and leap-year ends', () => {
    expect(addCalendarDays(wall(2028, 2, 28, 8, 0), 1)).toEqual(wall(2028, 2, 29, 8, 0));
    expect(addCalendarDays(wall(2026, 12, 31, 8, 0), 1)).toEqual(wall(2027, 1, 1, 8, 0));
  });

  it('knows IANA zone names and rejects others', () => {
    expect(isKnownTimeZone('Europe/Berlin')).toBe(true);
    expect(isKnownTimeZone('UTC')).toBe(true);
    expect(isKnownTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isKnownTimeZone('')).toBe(false);
  });
});
