import { describe, expect, it } from 'vitest';
import { cleanTimestamp } from './clean-timestamp.ts';
import { compileTimestampFormat, type TimestampFormat } from './timestamp-format.ts';

function format(text: string): TimestampFormat {
  const compiled = compileTimestampFormat(text);
  if (!compiled.ok) throw new Error(compiled.reason);
  return compiled.value;
}

function iso(raw: string, timestampFormat?: TimestampFormat): string | undefined {
  const result = cleanTimestamp(raw, timestampFormat);
  return result.ok ? result.value.toISOString() : undefined;
}

describe('cleanTimestamp with the default ISO format', () => {
  it.each([
    ['2010-12-01 08:26:00', '2010-12-01T08:26:00.000Z'],
    ['2010-12-01T08:26', '2010-12-01T08:26:00.000Z'],
    ['2010-12-01', '2010-12-01T00:00:00.000Z'],
    ['2010-12-01T08:26:00.123456Z', '2010-12-01T08:26:00.123Z'],
    ['2010-12-01T08:26:00+01:00', '2010-12-01T07:26:00.000Z'],
    ['2010-12-01 08:26:00 -0530', '2010-12-01T13:56:00.000Z'],
  ])('reads %s as %s (no zone means UTC)', (raw, expected) => {
    expect(iso(raw)).toBe(expected);
  });

  it.each([
    '12/1/2010 8:26',
    '2011-02-30',
    '2010-13-01',
    '2010-12-01 24:00',
    '2010-12-01T08:26+15:00',
    'yesterday',
  ])('refuses %s and names the expected format', (raw) => {
    expect(cleanTimestamp(raw)).toEqual({
      ok: false,
      kind: 'invalid date',
      reason: `invalid date '${raw}' (expected ISO 8601, e.g. 2010-12-01 08:26:00)`,
    });
  });
});

describe('cleanTimestamp with an explicit format', () => {
  it('reads US exports with M/D/YYYY H:mm', () => {
    const us = format('M/D/YYYY H:mm');
    expect(iso('12/1/2010 8:26', us)).toBe('2010-12-01T08:26:00.000Z');
    expect(iso('1/13/2011 17:05', us)).toBe('2011-01-13T17:05:00.000Z');
    expect(iso('13/1/2011 17:05', us)).toBeUndefined();
    expect(iso('2010-12-01 08:26:00', us)).toBeUndefined();
  });

  it('reads 12-hour clocks with A', () => {
    const us = format('MM/DD/YYYY hh:mm A');
    expect(iso('12/01/2010 12:15 AM', us)).toBe('2010-12-01T00:15:00.000Z');
    expect(iso('12/01/2010 01:15 pm', us)).toBe('2010-12-01T13:15:00.000Z');
    expect(iso('12/01/2010 13:15 PM', us)).toBeUndefined();
  });

  it('reads European dates with literal dots', () => {
    expect(iso('01.12.2010', format('DD.MM.YYYY'))).toBe('2010-12-01T00:00:00.000Z');
    expect(iso('01-12-2010', format('DD.MM.YYYY'))).toBeUndefined();
  });

  it('reads unix seconds and milliseconds', () => {
    expect(iso('1291191960', format('unix'))).toBe('2010-12-01T08:26:00.000Z');
    expect(iso('1291191960000', format('unix-ms'))).toBe('2010-12-01T08:26:00.000Z');
    expect(iso('soon', format('unix'))).toBeUndefined();
  });

  it('refuses patterns that cannot describe a date', () => {
    for (const pattern of ['YYYY-MM', 'D/M/YYYY h:mm', 'D/M/YYYY H:mm A', 'YYYY-MM-DD-DD']) {
      expect(compileTimestampFormat(pattern).ok, pattern).toBe(false);
    }
  });
});
