import { describe, expect, it } from 'vitest';
import { cleanCountry } from './clean-country.ts';

describe('cleanCountry', () => {
  it.each([
    ['United Kingdom', 'GB'],
    ['united kingdom', 'GB'],
    ['  Germany ', 'DE'],
    ['Czech Republic', 'CZ'],
    ['Hong Kong', 'HK'],
    ['USA', 'US'],
    ['deu', 'DE'],
    ['fr', 'FR'],
    ['NA', 'NA'],
    ['EIRE', 'IE'],
    ['RSA', 'ZA'],
    ['UK', 'GB'],
    ['England', 'GB'],
  ])('maps %s to %s', (raw, code) => {
    expect(cleanCountry(raw)).toEqual({ ok: true, value: code });
  });

  it.each(['Unspecified', 'unknown', 'N/A', ''])('treats %j as no value', (raw) => {
    expect(cleanCountry(raw)).toEqual({ ok: true, value: undefined });
  });

  it('refuses regions that are not one ISO country, saying why', () => {
    expect(cleanCountry('Channel Islands')).toEqual({
      ok: false,
      kind: 'not an ISO country',
      reason:
        "not an ISO country 'Channel Islands' (Jersey (JE) and Guernsey (GG) are separate ISO countries)",
    });
    expect(cleanCountry('European Community').ok).toBe(false);
  });

  it('refuses unknown names and codes', () => {
    expect(cleanCountry('Atlantis')).toEqual({
      ok: false,
      kind: 'unknown country',
      reason: "unknown country 'Atlantis'",
    });
    expect(cleanCountry('XX').ok).toBe(false);
    expect(cleanCountry('XYZ').ok).toBe(false);
  });
});
