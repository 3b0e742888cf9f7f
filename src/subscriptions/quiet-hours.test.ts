import { describe, expect, it } from 'vitest';
import { quietHoursEnd } from './quiet-hours.ts';

const night = { start: '21:00', end: '08:00' };
const endOf = (now: string, zone: string, quiet = night) =>
  quietHoursEnd(new Date(now), quiet, zone)?.toISOString();

describe('quiet hours that span midnight (21:00–08:00)', () => {
  it('defers a send at 22:30 UTC to 08:00 the next morning', () => {
    expect(endOf('2026-01-10T22:30:00Z', 'UTC')).toBe('2026-01-11T08:00:00.000Z');
  });

  it('defers a send at 03:00 to 08:00 the same morning', () => {
    expect(endOf('2026-01-11T03:00:00Z', 'UTC')).toBe('2026-01-11T08:00:00.000Z');
  });

  it('treats the start as quiet and the end as not quiet', () => {
    expect(endOf('2026-01-10T21:00:00Z', 'UTC')).toBe('2026-01-11T08:00:00.000Z');
    expect(endOf('2026-01-11T08:00:00Z', 'UTC')).toBeUndefined();
    expect(endOf('2026-01-11T07:59:00Z', 'UTC')).toBe('2026-01-11T08:00:00.000Z');
    expect(endOf('2026-01-10T20:59:00Z', 'UTC')).toBeUndefined();
  });

  it('crosses month and year ends', () => {
    expect(endOf('2026-12-31T23:00:00Z', 'UTC')).toBe('2027-01-01T08:00:00.000Z');
    expect(endOf('2026-02-28T22:00:00Z', 'UTC')).toBe('2026-03-01T08:00:00.000Z');
  });
});

describe('quiet hours within one day (12:00–14:00)', () => {
  const lunch = { start: '12:00', end: '14:00' };
  it('defers only inside the window', () => {
    expect(endOf('2026-01-10T12:30:00Z', 'UTC', lunch)).toBe('2026-01-10T14:00:00.000Z');
    expect(endOf('2026-01-10T11:59:00Z', 'UTC', lunch)).toBeUndefined();
    expect(endOf('2026-01-10T23:00:00Z', 'UTC', lunch)).toBeUndefined();
  });
});

describe("quiet hours in the profile's time zone", () => {
  it('reads the local clock in Berlin (UTC+1 in winter)', () => {
    // 20:30 UTC is 21:30 in Berlin: quiet until 08:00 CET, 07:00 UTC.
    expect(endOf('2026-01-10T20:30:00Z', 'Europe/Berlin')).toBe('2026-01-11T07:00:00.000Z');
    // 20:30 UTC is still daytime for a profile in UTC.
    expect(endOf('2026-01-10T20:30:00Z', 'UTC')).toBeUndefined();
  });

  it('reads the local clock in Tokyo, New York and Kolkata (a half-hour offset)', () => {
    expect(endOf('2026-01-10T13:00:00Z', 'Asia/Tokyo')).toBe('2026-01-10T23:00:00.000Z');
    expect(endOf('2026-01-11T03:00:00Z', 'America/New_York')).toBe('2026-01-11T13:00:00.000Z');
    expect(endOf('2026-01-10T16:00:00Z', 'Asia/Kolkata')).toBe('2026-01-11T02:30:00.000Z');
    expect(endOf('2026-01-10T15:00:00Z', 'Asia/Kolkata')).toBeUndefined();
  });

  it('ends at 08:00 summer time on the night the clocks spring forward (Berlin, 29 March 2026)', () => {
    // 22:00 CET on Saturday; the night is an hour shorter, so 08:00 CEST is 06:00 UTC, not 07:00.
    expect(endOf('2026-03-28T21:00:00Z', 'Europe/Berlin')).toBe('2026-03-29T06:00:00.000Z');
  });

  it('ends at 08:00 winter time on the night the clocks fall back (Berlin, 25 October 2026)', () => {
    expect(endOf('2026-10-24T20:00:00Z', 'Europe/Berlin')).toBe('2026-10-25T07:00:00.000Z');
  });

  it('ends when the clock jumps past an end that DST skips (02:30 on 29 March in Berlin: 03:00 CEST)', () => {
    const untilHalfPastTwo = { start: '21:00', end: '02:30' };
    expect(endOf('2026-03-28T21:00:00Z', 'Europe/Berlin', untilHalfPastTwo)).toBe('2026-03-29T01:00:00.000Z');
  });

  it('takes the first of two 01:30s when New York falls back (1 November 2026)', () => {
    const untilHalfPastOne = { start: '22:00', end: '01:30' };
    // 23:00 EDT on 31 October; 01:30 EDT is 05:30 UTC (01:30 EST would be 06:30 UTC).
    expect(endOf('2026-11-01T03:00:00Z', 'America/New_York', untilHalfPastOne)).toBe(
      '2026-11-01T05:30:00.000Z',
    );
  });
});
