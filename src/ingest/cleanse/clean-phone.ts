import { isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { accept, refuse, type Cleaned } from './cleaned.ts';

export interface PhoneOptions {
  /** ISO 3166-1 alpha-2 region used for numbers written without a country code: the row's country, else the
   * import's `--default-country`. */
  defaultRegion?: string | undefined;
}

/** Whether libphonenumber knows the numbering plan of this alpha-2 region (`GB` yes, `XK`, `AQ` no). */
export function isPhoneRegion(region: string): region is CountryCode {
  return isSupportedCountry(region);
}

/**
 * Normalises a phone number to E.164 (`+442079460958`). Uses the full ("max") metadata so that a number is
 * checked against its region's real numbering plan, not just its length: a CDP that sends SMS must not keep
 * numbers that cannot ring.
 */
export function cleanPhone(raw: string, options: PhoneOptions = {}): Cleaned<string> {
  const text = raw.trim();
  const region = options.defaultRegion?.toUpperCase();
  const defaultCountry = region !== undefined && isPhoneRegion(region) ? region : undefined;
  // `00` is the international call prefix almost everywhere outside North America; read it as `+`.
  const international = text.startsWith('00') ? `+${text.slice(2)}` : text;
  if (!international.startsWith('+') && defaultCountry === undefined) {
    return refuse(
      'phone number without country code',
      text,
      'no country known for this row: pass a default country',
    );
  }
  const parsed = parsePhoneNumberFromString(international, defaultCountry);
  if (parsed === undefined || !parsed.isValid()) return refuse('invalid phone number', text);
  return accept(parsed.number);
}
