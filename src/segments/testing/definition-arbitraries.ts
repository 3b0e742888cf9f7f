/**
 * fast-check generators of segment definitions over a vocabulary: a wild one (any names and values) for the
 * text round trip, a small one matching the generated data for the differential tests against the databases.
 */
import fc from 'fast-check';
import type {
  Condition,
  EventRef,
  EventWindow,
  FieldRef,
  Predicate,
  PropertyFilter,
  SegmentDefinition,
} from '../../schema/segment.ts';
import { AGGREGATE_FUNCTIONS, COMPARISON_OPS, GEO_LEVELS } from '../../schema/segment.ts';

export interface DefinitionVocabulary {
  field: fc.Arbitrary<FieldRef>;
  property: fc.Arbitrary<string[]>;
  event: fc.Arbitrary<EventRef>;
  text: fc.Arbitrary<string>;
  number: fc.Arbitrary<number>;
  date: fc.Arbitrary<string>;
  days: fc.Arbitrary<number>;
  count: fc.Arbitrary<number>;
  segment: fc.Arbitrary<string>;
  topic: fc.Arbitrary<string>;
  place: fc.Arbitrary<string>;
  latitude: fc.Arbitrary<number>;
  longitude: fc.Arbitrary<number>;
  radiusKm: fc.Arbitrary<number>;
}

function predicateArbitrary(vocabulary: DefinitionVocabulary): fc.Arbitrary<Predicate> {
  const { text, number, date, days } = vocabulary;
  const scalar = fc.oneof(text, number, fc.boolean());
  const ordered = fc.oneof(text, number);
  return fc.oneof(
    fc.record({ op: fc.constantFrom('eq' as const, 'neq' as const), value: scalar }),
    fc.record({
      op: fc.constantFrom('lt' as const, 'lte' as const, 'gt' as const, 'gte' as const),
      value: ordered,
    }),
    fc
      .oneof(fc.tuple(number, number), fc.tuple(text, text))
      .map(([low, high]) => ({ op: 'between' as const, low, high })),
    fc.record({
      op: fc.constantFrom('in' as const, 'not_in' as const),
      values: fc.array(scalar, { minLength: 1, maxLength: 3 }),
    }),
    fc.record({ op: fc.constantFrom('contains' as const, 'starts_with' as const), value: text }),
    fc.record({ op: fc.constantFrom('exists' as const, 'is_empty' as const) }),
    fc.record({ op: fc.constantFrom('before' as const, 'after' as const), date }),
    fc.record({
      op: fc.constantFrom('within_last' as const, 'in_next' as const),
      days,
      anniversary: fc.boolean(),
    }),
  );
}

function windowArbitrary(vocabulary: DefinitionVocabulary): fc.Arbitrary<EventWindow | null> {
  return fc.oneof(
    { arbitrary: fc.constant(null), weight: 2 },
    fc.record({ type: fc.constant('last_days' as const), days: vocabulary.days }),
    fc.tuple(vocabulary.date, vocabulary.date).map(([from, to]) => ({ type: 'between' as const, from, to })),
  );
}

function leafArbitrary(vocabulary: DefinitionVocabulary): fc.Arbitrary<Condition> {
  const predicate = predicateArbitrary(vocabulary);
  // Mostly unfiltered, so that events match often enough for counts and sums to differ between profiles.
  const where: fc.Arbitrary<PropertyFilter[]> = fc.oneof(
    { arbitrary: fc.constant<PropertyFilter[]>([]), weight: 2 },
    fc.array(fc.record({ property: vocabulary.property, predicate }), { minLength: 1, maxLength: 2 }),
  );
  const scope = { event: vocabulary.event, where };
  const window = windowArbitrary(vocabulary);
  return fc.oneof(
    {
      arbitrary: fc.record({ type: fc.constant('trait' as const), field: vocabulary.field, predicate }),
      weight: 4,
    },
    {
      arbitrary: fc.record({
        type: fc.constant('performed' as const),
        ...scope,
        window,
        times: fc.record({
          op: fc.constantFrom('at_least' as const, 'at_most' as const, 'exactly' as const),
          count: vocabulary.count,
        }),
      }),
      weight: 2,
    },
    {
      arbitrary: fc
        .record({
          type: fc.constant('aggregate' as const),
          fn: fc.constantFrom(...AGGREGATE_FUNCTIONS),
          ...scope,
          window,
          property: vocabulary.property,
          op: fc.constantFrom(...COMPARISON_OPS),
          value: vocabulary.number,
        })
        .map((condition) => ({
          ...condition,
          property: condition.fn === 'count' ? null : condition.property,
        })),
      weight: 2,
    },
    {
      arbitrary: fc.record({
        type: fc.constant('occurrence' as const),
        which: fc.constantFrom('first' as const, 'last' as const),
        ...scope,
        op: fc.constantFrom('before' as const, 'after' as const),
        at: fc.oneof(
          fc.record({ type: fc.constant('date' as const), date: vocabulary.date }),
          fc.record({ type: fc.constant('days_ago' as const), days: vocabulary.days }),
        ),
      }),
      weight: 1,
    },
    fc.record({
      type: fc.constant('geo' as const),
      level: fc.constantFrom(...GEO_LEVELS),
      values: fc.array(vocabulary.place, { minLength: 1, maxLength: 3 }),
    }),
    fc.record({
      type: fc.constant('near' as const),
      latitude: vocabulary.latitude,
      longitude: vocabulary.longitude,
      radiusKm: vocabulary.radiusKm,
    }),
    fc.record({ type: fc.constant('segment' as const), segment: vocabulary.segment }),
    fc.record({
      type: fc.constant('consent' as const),
      kind: fc.constantFrom('consent' as const, 'subscription' as const),
      topic: vocabulary.topic,
    }),
  );
}

export function segmentDefinitionArbitrary(
  vocabulary: DefinitionVocabulary,
  options: { maxDepth?: number } = {},
): fc.Arbitrary<SegmentDefinition> {
  const leaf = leafArbitrary(vocabulary);
  const { condition } = fc.letrec<{ condition: Condition }>((tie) => ({
    condition: fc.oneof(
      { maxDepth: options.maxDepth ?? 3, depthSize: 'small' },
      { arbitrary: leaf, weight: 3 },
      fc.record({
        type: fc.constantFrom('and' as const, 'or' as const),
        conditions: fc.array(tie('condition'), { minLength: 2, maxLength: 3 }),
      }),
      fc.record({ type: fc.constant('not' as const), condition: tie('condition') }),
    ),
  }));
  return condition.map((root) => ({ schemaVersion: 1 as const, condition: root }));
}
