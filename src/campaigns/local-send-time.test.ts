import { describe, expect, it } from 'vitest';
import { isKnownTimeZone } from '../time/zoned-time.ts';
import { earliestLocalFireTime, localTimeToUtc, resolveTimeZone } from './local-send-time.ts';

describe('local send times', () => {
  it.each([
    ['2025-01-15T09:00', 'Europe/Berlin', '2025-01-15T08:00:00.000Z'], // CET, UTC+1
    ['2025-07-15T09:00', 'Europe/Berlin', '2025-07-15T07:00:00.000Z'], // CEST, UTC+2
    ['2025-07-15T09:00', 'America/New_York', '2025-07-15T13:00:00.000Z'], // EDT, UTC−4
    ['2025-07-15T09:00', 'Asia/Kolkata', '2025-07-15T03:30:00.000Z'], // UTC+5:30
    ['2025-07-15T09:00', 'Pacific/Kiritimati', '2025-07-14T19:00:00.000Z'], // UTC+14, the earliest zone
    ['2025-07-15T09:00', 'UTC', '2025-07-15T09:00:00.000Z'],
    // The day clocks go forward in Berlin (02:00 → 03:00) and back (03:00 → 02:00).
    ['2025-03-30T09:00', 'Europe/Berlin', '2025-03-30T07:00:00.000Z'],
    ['2025-10-26T09:00', 'Europe/Berlin', '2025-10-26T08:00:00.000Z'],
  ])('reads %s in %s as %s', (local, zone, utc) => {
    expect(localTimeToUtc(local, zone).toISOString()).toBe(utc);
  });

  it('maps a wall time inside a daylight-saving gap to the moment the clock jumps past it', () => {
    // 02:30 does not exist in Berlin on 2025-03-30: clocks go from 02:00 CET to 03:00 CEST at 01:00 UTC.
    expect(localTimeToUtc('2025-03-30T02:30', 'Europe/Berlin').toISOString()).toBe(
      '2025-03-30T01:00:00.000Z',
    );
  });

  it('maps a repeated wall time to its first occurrence', () => {
    // 02:30 happens twice in Berlin on 2025-10-26: first at 00:30 UTC (CEST), again at 01:30 UTC (CET).
    expect(localTimeToUtc('2025-10-26T02:30', 'Europe/Berlin').toISOString()).toBe(
      '2025-10-26T00:30:00.000Z',
    );
  });

  it('refuses an unknown zone and a malformed local time', () => {
    expect(() => localTimeToUtc('2025-07-15T09:00', 'Mars/Olympus_Mons')).toThrow(/Unknown time zone/);
    expect(() => localTimeToUtc('15 July', 'UTC')).toThrow(/not a local time/);
  });

  it('fires a local-time campaign when UTC+14 reaches the time', () => {
    expect(earliestLocalFireTime('2025-07-15T09:00').toISOString()).toBe('2025-07-14T19:00:00.000Z');
  });

  it('falls back to the campaign zone for a missing or unknown profile zone', () => {
    expect(isKnownTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(resolveTimeZone('Mars/Olympus_Mons', 'Europe/Paris')).toBe('Europe/Paris');
    expect(resolveTimeZone(null, 'Europe/Paris')).toBe('Europe/Paris');
    expect(resolveTimeZone('Asia/Tokyo', 'Europe/Paris')).toBe('Asia/Tokyo');
  });
});
