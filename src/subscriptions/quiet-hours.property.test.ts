import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quietHoursEnd } from './quiet-hours.ts';
import { wallClockAt } from '../time/zoned-time.ts';

const ZONES = [
  'UTC',
  'Europe/Berlin',
  'America/New_York',
  'America/Sao_Paulo',
  'Australia/Sydney',
  'Australia/Lord_Howe',
  'Asia/Kolkata',
  'Pacific/Chatham',
];

const clockArbitrary = fc
  .integer({ min: 0, max: 24 * 4 - 1 })
  .map(
    (quarter) =>
      `${String(Math.floor(quarter / 4)).padStart(2, '0')}:${String((quarter % 4) * 15).padStart(2, '0')}`,
  );

const minutesOf = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3));

function isQuietAt(instant: Date, start: string, end: string, zone: string): boolean {
  const wall = wallClockAt(instant, zone);
  const minute = wall.hour * 60 + wall.minute;
  const [from, to] = [minutesOf(start), minutesOf(end)];
  return from > to ? minute >= from || minute < to : minute >= from && minute < to;
}

describe('quiet hours (properties over zones, DST transitions and windows)', () => {
  it('defers exactly to the first minute that is not quiet', () => {
    fc.assert(
      fc.property(
        // Minutes between 2024 and 2028, dense enough to hit DST nights.
        fc.integer({ min: 28_401_120, max: 30_504_960 }).map((minute) => new Date(minute * 60_000)),
        fc.constantFrom(...ZONES),
        clockArbitrary,
        clockArbitrary,
        (now, zone, start, end) => {
          fc.pre(start !== end);
          const until = quietHoursEnd(now, { start, end }, zone);
          if (!isQuietAt(now, start, end, zone)) return until === undefined;
          if (!until) return false;
          const oneMinuteBefore = new Date(until.getTime() - 60_000);
          return (
            until > now &&
            !isQuietAt(until, start, end, zone) &&
            (oneMinuteBefore <= now || isQuietAt(oneMinuteBefore, start, end, zone))
          );
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('ends at the first minute that is not quiet on DST nights, also when DST skips or repeats the end', () => {
    // The nights around the 2026 transitions of each zone, every 30 minutes, against windows ending before, inside
    // and after the skipped or repeated hour.
    const nights = [
      '2026-03-08',
      '2026-03-29',
      '2026-04-05',
      '2026-09-27',
      '2026-10-04',
      '2026-10-25',
      '2026-11-01',
    ];
    const windows = [
      { start: '21:00', end: '08:00' },
      { start: '22:00', end: '02:30' },
      { start: '23:00', end: '03:00' },
      { start: '01:00', end: '02:15' },
      { start: '00:30', end: '01:30' },
    ];
    for (const zone of ZONES) {
      for (const night of nights) {
        const first = new Date(`${night}T00:00:00Z`).getTime() - 86_400_000;
        for (let time = first; time < first + 2 * 86_400_000; time += 30 * 60_000) {
          for (const window of windows) {
            const now = new Date(time);
            const until = quietHoursEnd(now, window, zone);
            const where = `${zone} ${now.toISOString()} ${window.start}-${window.end}`;
            expect(until !== undefined, where).toBe(isQuietAt(now, window.start, window.end, zone));
            if (!until) continue;
            expect(isQuietAt(until, window.start, window.end, zone), where).toBe(false);
            const oneMinuteBefore = new Date(until.getTime() - 60_000);
            if (oneMinuteBefore > now)
              expect(isQuietAt(oneMinuteBefore, window.start, window.end, zone), where).toBe(true);
          }
        }
      }
    }
  });
});
