import { describe, expect, it } from 'vitest';
import { cleanFieldValue } from './clean-field-value.ts';

describe('cleanFieldValue', () => {
  it('trims text and leaves empty cells out', () => {
    expect(cleanFieldValue('  WHITE METAL LANTERN ')).toBe('WHITE METAL LANTERN');
    expect(cleanFieldValue('   ')).toBeUndefined();
    expect(cleanFieldValue(null)).toBeUndefined();
  });

  it('turns plain decimals into numbers', () => {
    expect(cleanFieldValue('2.55')).toBe(2.55);
    expect(cleanFieldValue('-6')).toBe(-6);
    expect(cleanFieldValue('17850.0')).toBe(17850);
    expect(cleanFieldValue('0.5')).toBe(0.5);
  });

  it('keeps text that only looks like a number', () => {
    expect(cleanFieldValue('01234')).toBe('01234');
    expect(cleanFieldValue('+4420794')).toBe('+4420794');
    expect(cleanFieldValue('12345678901234567890')).toBe('12345678901234567890');
    expect(cleanFieldValue('85123A')).toBe('85123A');
    expect(cleanFieldValue('1e3')).toBe('1e3');
  });

  it('keeps JSON values of other types', () => {
    expect(cleanFieldValue(3)).toBe(3);
    expect(cleanFieldValue(false)).toBe(false);
    expect(cleanFieldValue({ plan: 'pro' })).toEqual({ plan: 'pro' });
  });
});
