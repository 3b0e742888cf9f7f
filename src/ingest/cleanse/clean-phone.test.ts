import { describe, expect, it } from 'vitest';
import { cleanPhone } from './clean-phone.ts';

describe('cleanPhone', () => {
  it('keeps a number written with its country code, in E.164', () => {
    expect(cleanPhone(' +44 20 7946 0958 ')).toEqual({ ok: true, value: '+442079460958' });
  });

  it('reads a national number in the default region', () => {
    expect(cleanPhone('(415) 555-2671', { defaultRegion: 'US' })).toEqual({
      ok: true,
      value: '+14155552671',
    });
    expect(cleanPhone('020 7946 0958', { defaultRegion: 'gb' })).toEqual({
      ok: true,
      value: '+442079460958',
    });
  });

  it('prefers the written country code over the default region', () => {
    expect(cleanPhone('+44 20 7946 0958', { defaultRegion: 'US' })).toEqual({
      ok: true,
      value: '+442079460958',
    });
  });

  it('reads the 00 international prefix as +', () => {
    expect(cleanPhone('0044 20 7946 0958')).toEqual({ ok: true, value: '+442079460958' });
  });

  it('refuses a national number when no region is known', () => {
    expect(cleanPhone('020 7946 0958')).toEqual({
      ok: false,
      kind: 'phone number without country code',
      reason:
        "phone number without country code '020 7946 0958' (no country known for this row: pass a default country)",
    });
  });

  it('refuses numbers that do not exist in the numbering plan', () => {
    expect(cleanPhone('12345', { defaultRegion: 'GB' })).toEqual({
      ok: false,
      kind: 'invalid phone number',
      reason: "invalid phone number '12345'",
    });
    expect(cleanPhone('+1 555 0100', { defaultRegion: 'US' }).ok).toBe(false);
  });

  it('ignores a default region that has no numbering plan', () => {
    expect(cleanPhone('020 7946 0958', { defaultRegion: 'ZZ' }).ok).toBe(false);
  });
});
