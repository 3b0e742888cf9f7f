import { describe, expect, it } from 'vitest';
import { cleanId, cleanNumber } from './clean-number.ts';

describe('cleanNumber', () => {
  it.each([
    ['2.55', 2.55],
    [' -6 ', -6],
    ['.5', 0.5],
    ['1e3', 1000],
    ['+3', 3],
    ['17850.0', 17850],
  ])('reads %j as %d', (raw, value) => {
    expect(cleanNumber(raw)).toEqual({ ok: true, value });
  });

  it('passes finite JSON numbers through', () => {
    expect(cleanNumber(4.2)).toEqual({ ok: true, value: 4.2 });
    expect(cleanNumber(Number.POSITIVE_INFINITY).ok).toBe(false);
  });

  it.each(['', 'abc', '1,234', '12 kg', '0x1F', 'NaN', 'Infinity'])('refuses %j', (raw) => {
    expect(cleanNumber(raw)).toEqual({
      ok: false,
      kind: 'invalid number',
      reason: `invalid number '${raw.trim()}'`,
    });
  });
});

describe('cleanId', () => {
  it('reads ids that went through floating point as integers', () => {
    expect(cleanId('17850.0')).toEqual({ ok: true, value: '17850' });
    expect(cleanId('17850.000')).toEqual({ ok: true, value: '17850' });
  });

  it('keeps other ids as written, trimmed', () => {
    expect(cleanId(' 007 ')).toEqual({ ok: true, value: '007' });
    expect(cleanId('C536379')).toEqual({ ok: true, value: 'C536379' });
    expect(cleanId('17850.5')).toEqual({ ok: true, value: '17850.5' });
  });

  it('turns whole JSON numbers into text and refuses fractions', () => {
    expect(cleanId(17850)).toEqual({ ok: true, value: '17850' });
    expect(cleanId(1.5).ok).toBe(false);
  });

  it('refuses empty and overlong ids', () => {
    expect(cleanId('  ').ok).toBe(false);
    expect(cleanId('x'.repeat(513)).ok).toBe(false);
  });
});
