import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoTimestamp } from './iso-timestamp.ts';

describe('isoTimestamp', () => {
  it('formats exactly like Date#toISOString for any millisecond from 1970 to 2100', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Date.UTC(2100, 0, 1) }), (ms) => {
        expect(isoTimestamp(ms)).toBe(new Date(ms).toISOString());
      }),
      { numRuns: 2000 },
    );
  });

  it('handles the edges of a day', () => {
    const midnight = Date.UTC(2025, 11, 31);
    expect(isoTimestamp(midnight)).toBe('2025-12-31T00:00:00.000Z');
    expect(isoTimestamp(midnight + 86_400_000 - 1)).toBe('2025-12-31T23:59:59.999Z');
  });
});
