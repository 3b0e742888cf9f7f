import { describe, expect, it } from 'vitest';
import { isValidTimeZone, nextTimeOfDay } from './wait-times.ts';

const at = (iso: string) => new Date(iso);

describe('nextTimeOfDay', () => {
  it.each([
    // Later today in Berlin (CET, UTC+1), already past today, and in a zone whose date is behind UTC's.
    ['2025-01-15T06:00:00Z', '09:00', 'Europe/Berlin', '2025-01-15T08:00:00.000Z'],
    ['2025-01-15T09:00:00Z', '09:00', 'Europe/Berlin', '2025-01-16T08:00:00.000Z'],
    ['2025-07-15T02:00:00Z', '20:00', 'America/Los_Angeles', '2025-07-15T03:00:00.000Z'],
    // Exactly at the time: the next day's (strictly after now).
    ['2025-01-15T08:00:00Z', '09:00', 'Europe/Berlin', '2025-01-16T08:00:00.000Z'],
    // Spring forward in Berlin (02:00 CET → 03:00 CEST at 01:00 UTC): 02:30 that night is the jump itself.
    ['2025-03-29T12:00:00Z', '02:30', 'Europe/Berlin', '2025-03-30T01:00:00.000Z'],
    // Fall back (03:00 CEST → 02:00 CET at 01:00 UTC): 02:30 happens twice; the first counts.
    ['2025-10-25T12:00:00Z', '02:30', 'Europe/Berlin', '2025-10-26T00:30:00.000Z'],
    // An unknown zone is read as UTC.
    ['2025-01-15T06:00:00Z', '09:00', 'Mars/Olympus_Mons', '2025-01-15T09:00:00.000Z'],
  ])('after %s, %s in %s is %s', (now, time, zone, expected) => {
    expect(nextTimeOfDay(at(now), time, zone).toISOString()).toBe(expected);
  });

  it('accepts only IANA zone names as profile time zones', () => {
    expect(isValidTimeZone('Asia/Kolkata')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isValidTimeZone(42)).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
  });
});
