/**
 * Two vocabularies for generated definitions:
 * - `wildVocabulary`: any names and values the schema accepts — keywords, quotes, backticks, SQL, unicode,
 *   extreme numbers — for the text round trip;
 * - `differentialVocabulary(now)`: names and values that occur in `referenceDataArbitrary(now)`, so random
 *   definitions select some profiles and not others when compared across engines.
 */
import fc from 'fast-check';
import type { EventRef, FieldRef } from '../../schema/segment.ts';
import { KEYWORDS } from '../text/keywords.ts';
import type { DefinitionVocabulary } from './definition-arbitraries.ts';

const DAY_MS = 86_400_000;

const TRICKY_NAMES = [
  ...KEYWORDS,
  'country',
  'rfm',
  'AND',
  'a.b',
  "it's",
  'x"y',
  '`tick`',
  'semi;colon',
  "'; drop table profiles; --",
  'back\\slash',
  'ünïcödé',
  '$.a',
  '/a',
  '~0',
  '*',
  '0',
  ' padded ',
  'line\nbreak',
];

const wildName = fc
  .oneof(fc.constantFrom(...TRICKY_NAMES), fc.string({ unit: 'binary', minLength: 1, maxLength: 6 }))
  .filter((name) => !name.includes('\u0000'));

/** Dates in every literal form: a day, an instant in UTC, to the minute, with an offset. */
function dateLiteral(min: Date, max: Date): fc.Arbitrary<string> {
  return fc
    .tuple(fc.date({ min, max, noInvalidDate: true }), fc.constantFrom('day', 'instant', 'minute', 'offset'))
    .map(([date, form]) => {
      const iso = date.toISOString();
      if (form === 'day') return iso.slice(0, 10);
      if (form === 'minute') return `${iso.slice(0, 16)}Z`;
      if (form === 'offset') return `${iso.slice(0, 19)}+05:30`;
      return iso;
    });
}

export const wildVocabulary: DefinitionVocabulary = {
  field: fc.record({
    source: fc.constantFrom('traits' as const, 'computed' as const),
    path: fc.array(wildName, { minLength: 1, maxLength: 3 }),
  }),
  property: fc.array(wildName, { minLength: 1, maxLength: 2 }),
  event: fc.oneof(
    fc.record({ type: fc.constant('track' as const), event: wildName }),
    fc.record({
      type: fc.constantFrom('page' as const, 'screen' as const),
      name: fc.option(wildName, { nil: null }),
    }),
  ),
  text: fc.oneof(fc.constantFrom(...TRICKY_NAMES, ''), fc.string({ unit: 'binary', maxLength: 8 })),
  number: fc.double({ noNaN: true, noDefaultInfinity: true }),
  date: dateLiteral(new Date('1000-01-01T00:00:00Z'), new Date('9999-12-30T00:00:00Z')),
  days: fc.integer({ min: 0, max: 36_500 }),
  count: fc.integer({ min: 0, max: 1_000_000 }),
  segment: wildName,
  topic: wildName,
  place: fc.oneof(fc.constantFrom(...TRICKY_NAMES), fc.string({ unit: 'binary', maxLength: 8 })),
  latitude: fc.double({ min: -90, max: 90, noNaN: true }),
  longitude: fc.double({ min: -180, max: 180, noNaN: true }),
  radiusKm: fc.double({ min: Number.MIN_VALUE, max: 20_100, noNaN: true }),
};

/** Trait names the differential data uses; one of them is hostile on purpose. */
export const ODD_TRAIT = `it's "odd"; drop`;
export const DIFFERENTIAL_WORDS = [
  'DE',
  'de',
  'AT',
  'Berlin',
  'berlin',
  'gold',
  'Gold',
  'yoga',
  'books',
  'a',
  '',
];
export const DIFFERENTIAL_EVENTS = ['purchase', 'Product Viewed', `it's; drop`];

/** Small numbers, so that equal values occur; halves, so that integer and decimal text both appear. */
export function differentialNumber(): fc.Arbitrary<number> {
  return fc.oneof(
    { arbitrary: fc.integer({ min: 0, max: 12 }), weight: 3 },
    { arbitrary: fc.integer({ min: 0, max: 12 }).map((value) => value + 0.5), weight: 1 },
    { arbitrary: fc.integer({ min: -5, max: 120 }), weight: 1 },
  );
}

/** A time within `days` days of now, either side, to the millisecond. */
export function timeNear(now: Date, days: number): fc.Arbitrary<Date> {
  return fc
    .integer({ min: -days * DAY_MS, max: days * DAY_MS })
    .map((offset) => new Date(now.getTime() + offset));
}

export function differentialVocabulary(now: Date): DefinitionVocabulary {
  const traitFields: FieldRef[] = [
    ...[
      'country',
      'city',
      'plan',
      'age',
      'score',
      'interests',
      'birthday',
      'renewal_at',
      'vip',
      ODD_TRAIT,
    ].map((name) => ({ source: 'traits' as const, path: [name] })),
    { source: 'traits', path: ['address', 'city'] },
    { source: 'traits', path: ['missing'] },
    { source: 'computed', path: ['rfm', 'segment'] },
    { source: 'computed', path: ['rfm', 'r'] },
    { source: 'computed', path: ['churn_risk'] },
  ];
  const purchase: EventRef = { type: 'track', event: 'purchase' };
  const events: EventRef[] = [
    ...DIFFERENTIAL_EVENTS.map((event) => ({ type: 'track' as const, event })),
    { type: 'page', name: 'Pricing' },
    { type: 'page', name: null },
  ];
  const min = new Date(now.getTime() - 400 * DAY_MS);
  const max = new Date(now.getTime() + 400 * DAY_MS);
  return {
    field: fc.constantFrom(...traitFields),
    property: fc.oneof(
      { arbitrary: fc.constant<string[]>(['amount']), weight: 3 },
      fc.constantFrom<string[]>(['category'], ['sku'], ['nested', 'x']),
    ),
    event: fc.oneof({ arbitrary: fc.constant(purchase), weight: 3 }, fc.constantFrom(...events)),
    text: fc.constantFrom(...DIFFERENTIAL_WORDS, '1', '12'),
    number: differentialNumber(),
    date: dateLiteral(min, max),
    days: fc.oneof(fc.integer({ min: 0, max: 400 }), fc.constant(366)),
    count: fc.integer({ min: 0, max: 4 }),
    segment: fc.constantFrom('vip', 'churned'),
    topic: fc.constantFrom('email', 'sms'),
    place: fc.constantFrom('DE', 'de', 'at', 'Berlin', 'BERLIN', 'Bavaria'),
    latitude: fc.integer({ min: 40, max: 60 }).map((value) => value + 0.25),
    longitude: fc.integer({ min: -5, max: 25 }).map((value) => value + 0.25),
    radiusKm: fc.constantFrom(1, 50, 300, 1000, 2500),
  };
}
