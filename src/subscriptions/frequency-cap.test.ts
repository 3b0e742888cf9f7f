import { describe, expect, it } from 'vitest';
import { frequencyCapFreesAt } from './frequency-cap.ts';

const threePerWeek = { maxMessages: 3, periodHours: 7 * 24 };
const dates = (...iso: string[]) => iso.map((value) => new Date(value));

describe('frequency caps', () => {
  it('lets a message go while fewer than the cap were sent in the period', () => {
    const sent = dates('2026-01-01T10:00:00Z', '2026-01-03T10:00:00Z');
    expect(frequencyCapFreesAt(new Date('2026-01-06T00:00:00Z'), threePerWeek, sent)).toBeUndefined();
  });

  it('defers to the moment the oldest of the capped sends is a full period old', () => {
    const sent = dates('2026-01-03T10:00:00Z', '2026-01-01T10:00:00Z', '2026-01-05T18:30:00Z');
    expect(frequencyCapFreesAt(new Date('2026-01-06T00:00:00Z'), threePerWeek, sent)?.toISOString()).toBe(
      '2026-01-08T10:00:00.000Z',
    );
  });

  it('does not count a send exactly one period old', () => {
    const sent = dates('2025-12-30T00:00:00Z', '2026-01-03T10:00:00Z', '2026-01-05T18:30:00Z');
    expect(frequencyCapFreesAt(new Date('2026-01-06T00:00:00Z'), threePerWeek, sent)).toBeUndefined();
  });

  it('waits for enough sends to leave when more than the cap went out (a cap lowered later)', () => {
    const sent = dates(
      '2026-01-01T00:00:00Z',
      '2026-01-02T00:00:00Z',
      '2026-01-03T00:00:00Z',
      '2026-01-04T00:00:00Z',
    );
    // Four in the window, at most three allowed: the two oldest must leave, so the second oldest decides.
    expect(frequencyCapFreesAt(new Date('2026-01-05T00:00:00Z'), threePerWeek, sent)?.toISOString()).toBe(
      '2026-01-09T00:00:00.000Z',
    );
  });

  it('allows exactly one message per period with a cap of one', () => {
    const once = { maxMessages: 1, periodHours: 24 };
    const sent = dates('2026-01-05T09:15:00Z');
    expect(frequencyCapFreesAt(new Date('2026-01-05T20:00:00Z'), once, sent)?.toISOString()).toBe(
      '2026-01-06T09:15:00.000Z',
    );
    expect(frequencyCapFreesAt(new Date('2026-01-06T09:15:00Z'), once, sent)).toBeUndefined();
  });
});
