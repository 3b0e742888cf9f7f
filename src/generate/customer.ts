/**
 * One generated customer, derived only from (seed, customer number, window): the profile that is visible to the
 * platform (`GeneratedCustomer`) and the hidden behaviour parameters the activity simulation uses (`CustomerModel`).
 */
import {
  ARCHETYPE_PROFILES,
  ARCHETYPES,
  LOYALTY_TIERS,
  type Archetype,
  type ArchetypeProfile,
  type LoyaltyTier,
  type PriceTaste,
} from './archetypes.ts';
import { CATEGORIES } from './data/categories.ts';
import { ACQUISITION_CHANNELS, INTERESTS, LIFESTYLES, VALUES } from './data/psychographics.ts';
import { generatePhoneNumber, pickLocation } from './geography.ts';
import { emailAddress, generatePerson, type Gender } from './person.ts';
import { cumulativeWeights, Random } from '../random.ts';
import { atLocalShoppingHour, DAY_MS, HOUR_MS } from './seasonality.ts';

export interface GenerationWindow {
  /** First moment of the window (included). */
  startMs: number;
  /** End of the window (excluded): nothing happens at or after it. */
  endMs: number;
}

/** The hidden truth behind a customer's behaviour, for validating analytics; never sent as traits. */
export interface CustomerTruth {
  archetype: Archetype;
  /** Mean purchases per year while alive. */
  purchasesPerYear: number;
  /** Probability of dropping out after each purchase. */
  dropoutProbability: number;
  /** When a churner stopped buying (ISO), else null. */
  churnedAt: string | null;
}

export interface GeneratedCustomer {
  /** Customer number, from 1. */
  index: number;
  userId: string;
  email: string;
  firstName: string;
  lastName: string;
  gender: Gender;
  birthday: string;
  phone: string;
  country: string;
  region: string;
  city: string;
  latitude: number;
  longitude: number;
  timezone: string;
  locale: string;
  /** Sign-up time (ISO). */
  createdAt: string;
  interests: string[];
  lifestyle: string;
  values: string[];
  acquisitionChannel: string;
  acquisitionSource: string | null;
  plan: 'free' | 'plus';
  loyaltyTier: LoyaltyTier;
  annualIncome: number;
  consent: { email: boolean; sms: boolean };
  truth: CustomerTruth;
}

export type DeviceType = 'mobile' | 'desktop' | 'tablet';

export interface CustomerModel {
  customer: GeneratedCustomer;
  profile: ArchetypeProfile;
  signupAt: number;
  churnedAt: number | null;
  purchaseRatePerDay: number;
  dropout: number;
  utcOffsetMs: number;
  /** Cumulative category weights (order of `CATEGORIES`): interests pull demand towards their categories. */
  categoryWeights: Float64Array;
  priceTaste: PriceTaste;
  devices: readonly DeviceType[];
}

const STREAM_CUSTOMER = 0xc057;
const ARCHETYPE_WEIGHTS = cumulativeWeights(
  ARCHETYPES.map((archetype) => ARCHETYPE_PROFILES[archetype].weight),
);
const CHANNEL_WEIGHTS = cumulativeWeights(ACQUISITION_CHANNELS.map((channel) => channel.weight));
/** The longest a customer can have been signed up before the window starts. */
export const LONGEST_TENURE_DAYS = 730;
const INTEREST_PULL = 4;
/** Gamma shape of individual purchase rates: heterogeneous, as BG/NBD assumes (r ≈ 2–3 is typical). */
const RATE_SHAPE = 2.5;
/** Beta concentration (a + b) of individual dropout probabilities. */
const DROPOUT_CONCENTRATION = 12;

export function userIdFor(index: number): string {
  return `user-${String(index).padStart(6, '0')}`;
}

function pickArchetype(random: Random): Archetype {
  return ARCHETYPES[random.pickIndex(ARCHETYPE_WEIGHTS)] ?? 'regular';
}

function pickSignup(
  random: Random,
  profile: ArchetypeProfile,
  window: GenerationWindow,
  utcOffsetMs: number,
): number {
  const span = window.endMs - window.startMs;
  // Churners must be around long enough before the window ends to have something to stop.
  const latestShare = profile.churns ? 0.5 : 1;
  const day = random.chance(profile.signedUpBeforeWindow)
    ? window.startMs - random.uniform(1, LONGEST_TENURE_DAYS) * DAY_MS
    : window.startMs + random.next() * span * latestShare;
  return Math.min(atLocalShoppingHour(random, day, utcOffsetMs), window.endMs - HOUR_MS);
}

function pickChurn(random: Random, signupAt: number, window: GenerationWindow): number {
  const span = window.endMs - window.startMs;
  const earliest = Math.max(signupAt + 21 * DAY_MS, window.startMs + 0.2 * span);
  const latest = window.startMs + 0.8 * span;
  return Math.floor(earliest < latest ? random.uniform(earliest, latest) : earliest);
}

function pickPriceTaste(random: Random, archetype: Archetype, incomeRatio: number): PriceTaste {
  if (archetype === 'bargain_hunter') return 'budget';
  if (incomeRatio > 1.4 || (archetype === 'loyal' && random.chance(0.4))) return 'premium';
  return incomeRatio < 0.7 ? 'budget' : 'neutral';
}

function pickDevices(random: Random): DeviceType[] {
  const primary: DeviceType = random.chance(0.62) ? 'mobile' : 'desktop';
  const count = random.chance(0.55) ? 1 : random.chance(0.78) ? 2 : 3;
  const others: DeviceType[] = [primary === 'mobile' ? 'desktop' : 'mobile', 'tablet'];
  return [primary, ...others.slice(0, count - 1)];
}

function categoryWeightsFor(random: Random, interests: readonly string[]): Float64Array {
  const pulled = new Set(
    INTERESTS.filter((interest) => interests.includes(interest.name)).flatMap((i) => i.categories),
  );
  return cumulativeWeights(
    CATEGORIES.map(
      (category) =>
        category.weight * (pulled.has(category.name) ? 1 + INTEREST_PULL : 1) * random.gamma(2, 0.5),
    ),
  );
}

export function createCustomerModel(options: {
  seed: number;
  index: number;
  window: GenerationWindow;
}): CustomerModel {
  const { seed, index, window } = options;
  const random = Random.for(seed, index, STREAM_CUSTOMER);
  const archetype = pickArchetype(random);
  const profile = ARCHETYPE_PROFILES[archetype];
  const location = pickLocation(random);
  const utcOffsetMs = location.city.utcOffsetHours * HOUR_MS;
  const person = generatePerson(random, location.locale, window.endMs);
  const signupAt = pickSignup(random, profile, window, utcOffsetMs);
  const churnedAt = profile.churns ? pickChurn(random, signupAt, window) : null;
  const purchaseRatePerDay =
    profile.purchasesPerYear > 0 ? random.gamma(RATE_SHAPE, profile.purchasesPerYear / RATE_SHAPE) / 365 : 0;
  const dropout =
    profile.dropout > 0 && profile.dropout < 1
      ? random.beta(profile.dropout * DROPOUT_CONCENTRATION, (1 - profile.dropout) * DROPOUT_CONCENTRATION)
      : profile.dropout;
  const ageIncomeFactor = 0.7 + 0.6 * Math.exp(-(((person.age - 50) / 15) ** 2));
  const annualIncome =
    Math.round(random.logNormal(location.country.medianIncome * ageIncomeFactor, 0.45) / 1000) * 1000;
  const interests = random.sample(INTERESTS, random.integer(1, 3)).map((interest) => interest.name);
  const lifestyles = LIFESTYLES.filter((style) => person.age >= style.minAge && person.age <= style.maxAge);
  const values = random.sample(VALUES, random.integer(1, 2));
  if (archetype === 'bargain_hunter' && !values.includes('value for money') && random.chance(0.8)) {
    values[0] = 'value for money';
  }
  const channel = ACQUISITION_CHANNELS[random.pickIndex(CHANNEL_WEIGHTS)] ?? ACQUISITION_CHANNELS[0];
  const customer: GeneratedCustomer = {
    index,
    userId: userIdFor(index),
    email: emailAddress(random, person, index),
    firstName: person.firstName,
    lastName: person.lastName,
    gender: person.gender,
    birthday: person.birthday,
    phone: generatePhoneNumber(random, location),
    country: location.country.code,
    region: location.city.region,
    city: location.city.name,
    latitude: location.latitude,
    longitude: location.longitude,
    timezone: location.city.timezone,
    locale: location.locale,
    createdAt: new Date(signupAt).toISOString(),
    interests,
    lifestyle: random.pick(lifestyles).name,
    values,
    acquisitionChannel: channel?.name ?? 'direct',
    acquisitionSource: channel && channel.sources.length > 0 ? random.pick(channel.sources) : null,
    plan: random.chance(profile.plusPlan) ? 'plus' : 'free',
    loyaltyTier: LOYALTY_TIERS[random.pickIndex(cumulativeWeights(profile.loyaltyTierWeights))] ?? 'bronze',
    annualIncome,
    consent: { email: random.chance(profile.emailConsent), sms: random.chance(profile.emailConsent * 0.35) },
    truth: {
      archetype,
      purchasesPerYear: Math.round(purchaseRatePerDay * 365 * 1000) / 1000,
      dropoutProbability: Math.round(dropout * 10000) / 10000,
      churnedAt: churnedAt === null ? null : new Date(churnedAt).toISOString(),
    },
  };
  return {
    customer,
    profile,
    signupAt,
    churnedAt,
    purchaseRatePerDay,
    dropout,
    utcOffsetMs,
    categoryWeights: categoryWeightsFor(random, interests),
    priceTaste: pickPriceTaste(random, archetype, annualIncome / location.country.medianIncome),
    devices: pickDevices(random),
  };
}
