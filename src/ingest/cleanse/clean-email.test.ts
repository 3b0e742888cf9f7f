import { describe, expect, it } from 'vitest';
import { cleanEmail } from './clean-email.ts';

describe('cleanEmail', () => {
  it('trims and lower-cases a valid address', () => {
    expect(cleanEmail('  Ann.Lee+News@Example.CO.uk ')).toEqual({
      ok: true,
      value: 'ann.lee+news@example.co.uk',
    });
  });

  it.each([
    ['foo@', "invalid email 'foo@'"],
    ['@example.com', "invalid email '@example.com'"],
    ['ann@example', "invalid email 'ann@example'"],
    ['ann@@example.com', "invalid email 'ann@@example.com'"],
    ['ann lee@example.com', "invalid email 'ann lee@example.com'"],
    ['ann..lee@example.com', "invalid email 'ann..lee@example.com'"],
    ['ann@-example.com', "invalid email 'ann@-example.com'"],
    ['ann@example.c0m', "invalid email 'ann@example.c0m'"],
    ['Ann <ann@example.com>', "invalid email 'Ann <ann@example.com>'"],
  ])('refuses %s with the reason %s', (raw, reason) => {
    expect(cleanEmail(raw)).toEqual({ ok: false, kind: 'invalid email', reason });
  });

  it('accepts internationalised top-level domains written in punycode', () => {
    expect(cleanEmail('ann@example.xn--p1ai')).toEqual({ ok: true, value: 'ann@example.xn--p1ai' });
  });

  it('refuses a local part longer than 64 characters', () => {
    expect(cleanEmail(`${'a'.repeat(65)}@example.com`).ok).toBe(false);
  });

  it('cuts very long values in the reason', () => {
    const result = cleanEmail(`${'x'.repeat(100)}@`);
    expect(result.ok ? '' : result.reason).toBe(`invalid email '${'x'.repeat(60)}…'`);
  });
});
