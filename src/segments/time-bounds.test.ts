import { describe, expect, it } from 'vitest';
import { anniversaryMonthDays, boundAfter, boundThrough, startOf } from './time-bounds.ts';

describe('date literals', () => {
  it('reads a day as the whole UTC day and an instant as itself', () => {
    expect(startOf('2024-05-01')).toEqual(new Date('2024-05-01T00:00:00Z'));
    expect(boundAfter('2024-05-01')).toEqual({ at: new Date('2024-05-02T00:00:00Z'), inclusive: true });
    expect(boundThrough('2024-05-31')).toEqual({ at: new Date('2024-06-01T00:00:00Z'), inclusive: false });
    expect(boundAfter('2024-05-01T10:00:00+02:00')).toEqual({
      at: new Date('2024-05-01T08:00:00Z'),
      inclusive: false,
    });
    expect(boundThrough('2024-05-01T10:00Z')).toEqual({
      at: new Date('2024-05-01T10:00:00Z'),
      inclusive: true,
    });
  });
});

describe('anniversaryMonthDays', () => {
  const now = new Date('2025-03-15T18:30:00Z');

  it('covers today and the next N days', () => {
    expect(anniversaryMonthDays({ now, days: 7, direction: 'in_next' })).toEqual([[315, 322]]);
    expect(anniversaryMonthDays({ now, days: 0, direction: 'in_next' })).toEqual([[315, 315]]);
  });

  it('wraps around the end of the year into two ranges', () => {
    const december = new Date('2025-12-28T00:00:00Z');
    expect(anniversaryMonthDays({ now: december, days: 7, direction: 'in_next' })).toEqual([
      [101, 104],
      [1228, 1231],
    ]);
  });

  it('lets a Feb 29 anniversary fall on Feb 28 in a common year, but not on Mar 1', () => {
    const feb28 = new Date('2025-02-28T12:00:00Z');
    expect(anniversaryMonthDays({ now: feb28, days: 0, direction: 'in_next' })).toEqual([[228, 229]]);
    const mar1 = new Date('2025-03-01T12:00:00Z');
    expect(anniversaryMonthDays({ now: mar1, days: 0, direction: 'in_next' })).toEqual([[301, 301]]);
    expect(anniversaryMonthDays({ now: mar1, days: 20, direction: 'within_last' })).toEqual([[209, 301]]);
  });

  it('in a leap year keeps Feb 29 to itself', () => {
    const feb28 = new Date('2024-02-28T12:00:00Z');
    expect(anniversaryMonthDays({ now: feb28, days: 0, direction: 'in_next' })).toEqual([[228, 228]]);
  });

  it('covers the whole year once the window holds every month and day', () => {
    // 2025-03-15 + 364 days reaches 2026-03-14; Feb 28, 2026 stands in for Feb 29.
    expect(anniversaryMonthDays({ now, days: 364, direction: 'in_next' })).toBe('all');
    expect(anniversaryMonthDays({ now, days: 363, direction: 'in_next' })).toEqual([
      [101, 313],
      [315, 1231],
    ]);
  });
});
