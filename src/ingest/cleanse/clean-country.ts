import countries from 'i18n-iso-countries';
import { accept, refuse, type Cleaned } from './cleaned.ts';
import { COUNTRY_ALIASES, NOT_A_COUNTRY, UNKNOWN_COUNTRY_MARKERS } from './country-aliases.ts';

/**
 * Turns a country written as an English name, an ISO alpha-2 or alpha-3 code, or a known alias (see
 * `country-aliases.ts`) into its ISO 3166-1 alpha-2 code: "United Kingdom" → GB, "deu" → DE, "EIRE" → IE.
 * A placeholder such as "Unspecified" cleans to `undefined` (no value); anything else unknown is refused.
 */
export function cleanCountry(raw: string): Cleaned<string | undefined> {
  const cached = cache.get(raw);
  if (cached !== undefined) return cached;
  // A file repeats the same few countries on every row and the library looks names up by a linear scan.
  if (cache.size >= MAX_CACHED_VALUES) cache.clear();
  const cleaned = lookUpCountry(raw);
  cache.set(raw, cleaned);
  return cleaned;
}

const MAX_CACHED_VALUES = 10_000;
const cache = new Map<string, Cleaned<string | undefined>>();

function lookUpCountry(raw: string): Cleaned<string | undefined> {
  const text = raw.trim();
  const key = text.toLowerCase();
  if (key === '' || UNKNOWN_COUNTRY_MARKERS.has(key)) return accept(undefined);
  const code = codeOf(text, key);
  if (code !== undefined) return accept(code);
  const explanation = NOT_A_COUNTRY.get(key);
  return refuse(explanation === undefined ? 'unknown country' : 'not an ISO country', text, explanation);
}

function codeOf(text: string, key: string): string | undefined {
  const alias = COUNTRY_ALIASES.get(key);
  if (alias !== undefined) return alias;
  const upper = text.toUpperCase();
  // `toAlpha2` echoes any two letters back (`toAlpha2('UK')` is 'UK'), so codes are checked with `isValid` first.
  if (/^[A-Z]{2}$/.test(upper)) return countries.isValid(upper) ? upper : undefined;
  if (/^[A-Z]{3}$/.test(upper) && countries.isValid(upper)) return countries.alpha3ToAlpha2(upper);
  return countries.getAlpha2Code(text, 'en');
}
