/**
 * Random profiles, events and memberships for the differential tests, drawn from the same small vocabulary as
 * `differentialVocabulary` so conditions match some profiles. Values cover the awkward cases of the semantics:
 * missing and null traits, numbers stored as strings, booleans, arrays, dates as days and instants, non-numeric
 * amounts, events in the future.
 */
import fc from 'fast-check';
import type { JsonValue } from '../../schema/json.ts';
import type { ReferenceData, ReferenceEvent, ReferenceProfile } from './evaluate-segment.ts';
import {
  DIFFERENTIAL_EVENTS,
  DIFFERENTIAL_WORDS,
  ODD_TRAIT,
  differentialNumber,
  timeNear,
} from './vocabularies.ts';

function anyValue(now: Date): fc.Arbitrary<JsonValue> {
  const word = fc.constantFrom(...DIFFERENTIAL_WORDS);
  const time = timeNear(now, 800);
  return fc.oneof(
    word,
    differentialNumber(),
    fc.boolean(),
    fc.constant(null),
    fc.constantFrom('12', ' 7 ', '-3.5', 'abc', 'true', 'yes', 'GRANTED'),
    time.map((date) => date.toISOString()),
    time.map((date) => date.toISOString().slice(0, 10)),
    time.map((date) => `${date.toISOString().slice(0, 19)}+02:00`),
    fc.array(word, { maxLength: 3 }),
  );
}

function traitsArbitrary(now: Date): fc.Arbitrary<Record<string, JsonValue>> {
  const value = anyValue(now);
  const place = fc.constantFrom('DE', 'de', 'AT', 'Berlin', 'berlin', 'Bavaria', 'FR');
  const coordinate = (min: number, max: number) =>
    fc.oneof(
      fc.integer({ min, max }).map((degrees) => degrees + 0.5),
      fc.constant('abc'),
    );
  return fc.record(
    {
      country: fc.oneof(place, value),
      city: fc.oneof(place, value),
      region: place,
      plan: value,
      age: value,
      score: value,
      interests: value,
      birthday: value,
      renewal_at: value,
      vip: value,
      [ODD_TRAIT]: value,
      address: fc.record(
        { country: place, city: place, state: place, lat: coordinate(35, 65), lon: coordinate(-10, 30) },
        { requiredKeys: [] },
      ),
      latitude: coordinate(35, 65),
      longitude: coordinate(-10, 30),
      consent: fc.record({ email: value, sms: value }, { requiredKeys: [] }),
      subscriptions: fc.record({ email: value }, { requiredKeys: [] }),
    },
    { requiredKeys: [] },
  );
}

function computedArbitrary(now: Date): fc.Arbitrary<Record<string, JsonValue>> {
  const value = anyValue(now);
  return fc.record(
    { rfm: fc.record({ segment: value, r: value }, { requiredKeys: [] }), churn_risk: value },
    { requiredKeys: [] },
  );
}

function eventArbitrary(now: Date, profileCount: number): fc.Arbitrary<ReferenceEvent> {
  const value = anyValue(now);
  const properties = fc.record(
    {
      amount: fc.oneof({ arbitrary: differentialNumber(), weight: 4 }, value),
      category: value,
      sku: value,
      nested: fc.record({ x: value }, { requiredKeys: [] }),
    },
    { requiredKeys: [] },
  );
  return fc
    .record({
      profileIndex: fc.integer({ min: 0, max: profileCount - 1 }),
      kind: fc.oneof(
        { arbitrary: fc.constant('purchase'), weight: 3 },
        fc.constantFrom(...DIFFERENTIAL_EVENTS, 'page:Pricing', 'page:Home', 'identify'),
      ),
      // Mostly past events, some up to 5 days ahead (clock skew).
      occurredAt: fc.integer({ min: -400 * 86_400_000, max: 5 * 86_400_000 }),
      properties,
    })
    .map(({ profileIndex, kind, occurredAt, properties }) => {
      const isPage = kind.startsWith('page:');
      return {
        profileId: `p${profileIndex}`,
        type: isPage ? 'page' : kind === 'identify' ? 'identify' : 'track',
        event: isPage || kind === 'identify' ? null : kind,
        name: isPage ? kind.slice('page:'.length) : null,
        occurredAt: new Date(now.getTime() + occurredAt),
        properties,
      };
    });
}

export function referenceDataArbitrary(
  now: Date,
  options: { maxProfiles?: number } = {},
): fc.Arbitrary<ReferenceData> {
  return fc.integer({ min: 1, max: options.maxProfiles ?? 10 }).chain((profileCount) => {
    const profile = fc.record({ traits: traitsArbitrary(now), computed: computedArbitrary(now) });
    const ids = Array.from({ length: profileCount }, (_, index) => `p${index}`);
    return fc
      .record({
        profiles: fc.array(profile, { minLength: profileCount, maxLength: profileCount }),
        events: fc.array(eventArbitrary(now, profileCount), { maxLength: 40 }),
        vip: fc.subarray(ids),
        churned: fc.subarray(ids),
      })
      .map(({ profiles, events, vip, churned }) => ({
        profiles: profiles.map((fields, index): ReferenceProfile => ({ id: `p${index}`, ...fields })),
        events,
        segmentMembers: new Map([
          ['vip', new Set(vip)],
          ['churned', new Set(churned)],
        ]),
      }));
  });
}
