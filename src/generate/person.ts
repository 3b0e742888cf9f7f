/**
 * Who a customer is: a name that fits their locale, a gender, a birthday (ages 18–80, most between 25 and 55) and
 * a unique email address on a reserved domain.
 */
import { displaySurname, NAMES_BY_LANGUAGE, type NameList } from './data/names.ts';
import { EMAIL_DOMAINS } from './data/psychographics.ts';
import { DAY_MS } from './seasonality.ts';
import type { Random } from '../random.ts';

export type Gender = 'female' | 'male' | 'non-binary';

export interface Person {
  firstName: string;
  lastName: string;
  gender: Gender;
  /** `YYYY-MM-DD`. */
  birthday: string;
  age: number;
}

const MIN_AGE = 18;
const MAX_AGE = 80;
const YEAR_MS = 365.2425 * DAY_MS;

function namesFor(locale: string): { language: string; names: NameList } {
  const language = locale.slice(0, 2);
  const names = NAMES_BY_LANGUAGE[language] ?? NAMES_BY_LANGUAGE.en;
  if (!names) throw new Error('the English name list is missing');
  return { language: NAMES_BY_LANGUAGE[language] ? language : 'en', names };
}

export function generatePerson(random: Random, locale: string, referenceMs: number): Person {
  const draw = random.next();
  const gender: Gender = draw < 0.49 ? 'female' : draw < 0.98 ? 'male' : 'non-binary';
  const { language, names } = namesFor(locale);
  const isFemale = gender === 'female' || (gender === 'non-binary' && random.chance(0.5));
  const firstName = random.pick(isFemale ? names.female : names.male);
  const lastName = displaySurname(random.pick(names.surnames), language, isFemale);
  const age = Math.min(MAX_AGE, Math.max(MIN_AGE, Math.floor(40 + 14 * random.normal())));
  // A birthday such that the customer is exactly `age` on the reference day.
  const birthMs = referenceMs - (age + random.uniform(0.002, 0.998)) * YEAR_MS;
  return { firstName, lastName, gender, birthday: new Date(birthMs).toISOString().slice(0, 10), age };
}

/** `Müller` → `muller`, `O'Brien` → `obrien`, `Łukasz` → `lukasz`: what people type into an address. */
export function asciiLetters(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replaceAll('ß', 'ss')
    .replaceAll('ł', 'l')
    .replaceAll('ø', 'o')
    .replaceAll('æ', 'ae')
    .replace(/[^a-z]/g, '');
}

/**
 * A unique, lower-case address. Uniqueness is by construction: the local part always ends in the customer number,
 * and the letters before it never end in a digit, so two customers can never share an address.
 */
export function emailAddress(
  random: Random,
  person: Pick<Person, 'firstName' | 'lastName'>,
  index: number,
): string {
  const first = asciiLetters(person.firstName) || 'customer';
  const last = asciiLetters(person.lastName) || 'shopper';
  const patterns = [
    `${first}.${last}`,
    `${first}${last}`,
    `${first.charAt(0)}${last}`,
    `${last}.${first}`,
    first,
  ];
  return `${random.pick(patterns)}${index}@${random.pick(EMAIL_DOMAINS)}`;
}
