/**
 * How a generated customer appears to the platform: the traits of their `identify` calls and their row in
 * `profiles.csv`. Trait names are snake_case and flat (`traits.country`, `traits.latitude`), consent lives in
 * `traits.consent.email` / `traits.consent.sms`. The hidden truth (archetype, churn date) is never a trait.
 */
import type { GeneratedCustomer } from './customer.ts';
import type { JsonObject } from '../schema/json.ts';

export function customerTraits(customer: GeneratedCustomer): JsonObject {
  return {
    email: customer.email,
    first_name: customer.firstName,
    last_name: customer.lastName,
    name: `${customer.firstName} ${customer.lastName}`,
    gender: customer.gender,
    birthday: customer.birthday,
    phone: customer.phone,
    country: customer.country,
    region: customer.region,
    city: customer.city,
    latitude: customer.latitude,
    longitude: customer.longitude,
    timezone: customer.timezone,
    locale: customer.locale,
    created_at: customer.createdAt,
    interests: [...customer.interests],
    lifestyle: customer.lifestyle,
    values: [...customer.values],
    acquisition_channel: customer.acquisitionChannel,
    acquisition_source: customer.acquisitionSource,
    plan: customer.plan,
    loyalty_tier: customer.loyaltyTier,
    annual_income: customer.annualIncome,
    consent: { email: customer.consent.email, sms: customer.consent.sms },
  };
}

/** Columns of `profiles.csv`; lists (interests, values) are joined with `;`. */
export const PROFILE_CSV_COLUMNS = [
  'userId',
  'email',
  'first_name',
  'last_name',
  'gender',
  'birthday',
  'phone',
  'country',
  'region',
  'city',
  'latitude',
  'longitude',
  'timezone',
  'locale',
  'created_at',
  'interests',
  'lifestyle',
  'values',
  'acquisition_channel',
  'acquisition_source',
  'plan',
  'loyalty_tier',
  'annual_income',
  'consent_email',
  'consent_sms',
] as const;

/** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. */
export function csvField(value: string | number | boolean | null): string {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function profileCsvRow(customer: GeneratedCustomer): string {
  const fields: (string | number | boolean | null)[] = [
    customer.userId,
    customer.email,
    customer.firstName,
    customer.lastName,
    customer.gender,
    customer.birthday,
    customer.phone,
    customer.country,
    customer.region,
    customer.city,
    customer.latitude,
    customer.longitude,
    customer.timezone,
    customer.locale,
    customer.createdAt,
    customer.interests.join(';'),
    customer.lifestyle,
    customer.values.join(';'),
    customer.acquisitionChannel,
    customer.acquisitionSource,
    customer.plan,
    customer.loyaltyTier,
    customer.annualIncome,
    customer.consent.email,
    customer.consent.sms,
  ];
  return fields.map(csvField).join(',');
}
