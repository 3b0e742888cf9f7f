/**
 * Places a customer: a country by audience weight, a city by population, coordinates a few kilometres around the
 * city centre, and a mobile number valid for that country (E.164).
 */
import { COUNTRIES, type City, type Country } from './data/countries.ts';
import { cumulativeWeights, type Random } from '../random.ts';

export interface Location {
  country: Country;
  city: City;
  latitude: number;
  longitude: number;
  locale: string;
}

const COUNTRY_WEIGHTS = cumulativeWeights(COUNTRIES.map((country) => country.weight));
const CITY_WEIGHTS = new Map(
  COUNTRIES.map((country) => [country.code, cumulativeWeights(country.cities.map((city) => city.weight))]),
);
/** About 4 km of spread (one standard deviation) around a city centre. */
const COORDINATE_SPREAD_DEGREES = 0.04;

function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

function requireItem<T>(item: T | undefined, what: string): T {
  if (item === undefined) throw new Error(`no ${what}`);
  return item;
}

export function pickLocation(random: Random): Location {
  const country = requireItem(COUNTRIES[random.pickIndex(COUNTRY_WEIGHTS)], 'country');
  const cityWeights = requireItem(CITY_WEIGHTS.get(country.code), `cities for ${country.code}`);
  const city = requireItem(country.cities[random.pickIndex(cityWeights)], `city in ${country.code}`);
  return {
    country,
    city,
    latitude: roundTo(city.latitude + COORDINATE_SPREAD_DEGREES * random.normal(), 4),
    longitude: roundTo(city.longitude + COORDINATE_SPREAD_DEGREES * random.normal(), 4),
    locale: city.locale ?? country.locale,
  };
}

function digits(random: Random, count: number): string {
  let text = '';
  for (let position = 0; position < count; position++) text += String(random.integer(0, 9));
  return text;
}

/** North American exchange codes start with 2–9 and are never N11 (211, 311, … service codes) or 555. */
function nanpExchange(random: Random): string {
  for (;;) {
    const exchange = String(random.integer(2, 9)) + digits(random, 2);
    if (!exchange.endsWith('11') && exchange !== '555') return exchange;
  }
}

/** A mobile number in E.164 (`+491761234567`). */
export function generatePhoneNumber(random: Random, location: Pick<Location, 'country' | 'city'>): string {
  const { phone } = location.country;
  const areaCodes = location.city.areaCodes;
  if (areaCodes && areaCodes.length > 0) {
    return `+${phone.callingCode}${random.pick(areaCodes)}${nanpExchange(random)}${digits(random, 4)}`;
  }
  return `+${phone.callingCode}${random.pick(phone.prefixes)}${digits(random, phone.digits)}`;
}
