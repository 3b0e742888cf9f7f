import { z } from 'zod';
import { hasNoUnpairedSurrogate, UNPAIRED_SURROGATE_MESSAGE } from './storable-text.ts';

/**
 * A segment definition as data: a tree of conditions over a profile's traits, computed traits, events, location,
 * consent and membership of other segments. The text form (`src/segments/text/`) parses to this tree, the compiler
 * (`src/segments/compile/`) lowers it to SQL, and `src/segments/README.md` gives the exact semantics.
 */

export const SEGMENT_SCHEMA_VERSION = 1;

/**
 * Names of computed traits produced by the analytics modules. A field whose first part is one of these reads
 * `profiles.computed`; any other field reads `profiles.traits`. `traits.x` / `computed.x` choose explicitly.
 */
export const BUILT_IN_COMPUTED_TRAITS: readonly string[] = [
  'rfm',
  'cluster',
  'clv',
  'churn_risk',
  'p_alive',
  'lead_score',
];

// PostgreSQL text cannot hold U+0000, and a key is embedded in SQL as a literal, so keys never contain it.
const keySchema = z
  .string()
  .min(1, 'must not be empty')
  .max(200)
  .refine((key) => !key.includes('\u0000'), 'must not contain the NUL character')
  .refine(hasNoUnpairedSurrogate, UNPAIRED_SURROGATE_MESSAGE);

export const fieldPathSchema = z.array(keySchema).min(1).max(8);

export const fieldRefSchema = z.object({ source: z.enum(['traits', 'computed']), path: fieldPathSchema });
export type FieldRef = z.infer<typeof fieldRefSchema>;

/** Resolves a dotted field (`rfm.segment`, `traits.country`, `computed.orders_90d`) by the naming rule above. */
export function resolveFieldPath(
  parts: readonly string[],
  computedTraitNames: readonly string[] = BUILT_IN_COMPUTED_TRAITS,
): FieldRef {
  const [first, ...rest] = parts;
  if ((first === 'traits' || first === 'computed') && rest.length > 0) return { source: first, path: rest };
  const source = first !== undefined && computedTraitNames.includes(first) ? 'computed' : 'traits';
  return { source, path: [...parts] };
}

/** A field as an object, or as a dotted string for hand-written JSON (`"rfm.segment"`, `"traits.address.city"`). */
const fieldSchema = z.union([
  fieldRefSchema,
  z
    .string()
    .min(1)
    .transform((dotted) => dotted.split('.'))
    .pipe(fieldPathSchema)
    .transform((parts) => resolveFieldPath(parts)),
]);

const DATE_PATTERN =
  /^([1-9]\d{3})-(\d{2})-(\d{2})(?:T([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.\d{1,3})?)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d))?$/;

function isCalendarDate(literal: string): boolean {
  const match = DATE_PATTERN.exec(literal);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** A day (`2024-05-01`, the whole UTC day) or an instant with a zone (`2024-05-01T10:30:00Z`, `…+02:00`). */
export const dateLiteralSchema = z
  .string()
  .refine(
    isCalendarDate,
    'must be a date (YYYY-MM-DD) or a date-time with a zone (YYYY-MM-DDTHH:MM[:SS[.mmm]]Z)',
  );

// Unpaired surrogates would be stored as U+FFFD (a different value) or refused by PostgreSQL's jsonb.
const textSchema = z.string().max(1000).refine(hasNoUnpairedSurrogate, UNPAIRED_SURROGATE_MESSAGE);
const nameSchema = z.string().min(1).max(256).refine(hasNoUnpairedSurrogate, UNPAIRED_SURROGATE_MESSAGE);
const scalarSchema = z.union([textSchema, z.number(), z.boolean()]);
const orderedSchema = z.union([textSchema, z.number()]);
const daysSchema = z.number().int().min(0).max(36_500);

/** A test applied to one value (a trait, a computed trait or an event property). */
export const predicateSchema = z.discriminatedUnion('op', [
  z.object({ op: z.enum(['eq', 'neq']), value: scalarSchema }),
  z.object({ op: z.enum(['lt', 'lte', 'gt', 'gte']), value: orderedSchema }),
  z
    .object({ op: z.literal('between'), low: orderedSchema, high: orderedSchema })
    .refine((p) => typeof p.low === typeof p.high, 'low and high must both be numbers or both be strings'),
  z.object({ op: z.enum(['in', 'not_in']), values: z.array(scalarSchema).min(1).max(1000) }),
  z.object({ op: z.enum(['contains', 'starts_with']), value: textSchema }),
  z.object({ op: z.enum(['exists', 'is_empty']) }),
  z.object({ op: z.enum(['before', 'after']), date: dateLiteralSchema }),
  // anniversary: compare month and day only, ignoring the year (birthdays, renewals).
  z.object({
    op: z.enum(['within_last', 'in_next']),
    days: daysSchema,
    anniversary: z.boolean().default(false),
  }),
]);
export type Predicate = z.infer<typeof predicateSchema>;

export const propertyFilterSchema = z.object({ property: fieldPathSchema, predicate: predicateSchema });
export type PropertyFilter = z.infer<typeof propertyFilterSchema>;

/** Which events count: track events by name, or page / screen views (optionally of one named page). */
export const eventRefSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('track'), event: nameSchema }),
  z.object({ type: z.enum(['page', 'screen']), name: nameSchema.nullable().default(null) }),
]);
export type EventRef = z.infer<typeof eventRefSchema>;

export const eventWindowSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('last_days'), days: daysSchema }),
  z.object({ type: z.literal('between'), from: dateLiteralSchema, to: dateLiteralSchema }),
]);
export type EventWindow = z.infer<typeof eventWindowSchema>;

const eventScope = { event: eventRefSchema, where: z.array(propertyFilterSchema).max(20).default([]) };
const windowField = { window: eventWindowSchema.nullable().default(null) };

export const AGGREGATE_FUNCTIONS = ['count', 'sum', 'avg', 'min', 'max', 'count_distinct'] as const;
export type AggregateFunction = (typeof AGGREGATE_FUNCTIONS)[number];
export const COMPARISON_OPS = ['eq', 'neq', 'lt', 'lte', 'gt', 'gte'] as const;
export type ComparisonOp = (typeof COMPARISON_OPS)[number];

export const GEO_LEVELS = ['country', 'region', 'city'] as const;
export type GeoLevel = (typeof GEO_LEVELS)[number];

export type Condition =
  | { type: 'and' | 'or'; conditions: Condition[] }
  | { type: 'not'; condition: Condition }
  | { type: 'trait'; field: FieldRef; predicate: Predicate }
  | ({ type: 'performed'; times: PerformedTimes; window: EventWindow | null } & EventScope)
  | ({ type: 'aggregate'; fn: AggregateFunction; property: string[] | null; window: EventWindow | null } & {
      op: ComparisonOp;
      value: number;
    } & EventScope)
  | ({ type: 'occurrence'; which: 'first' | 'last'; op: 'before' | 'after'; at: OccurrenceTime } & EventScope)
  | { type: 'geo'; level: GeoLevel; values: string[] }
  | { type: 'near'; latitude: number; longitude: number; radiusKm: number }
  | { type: 'segment'; segment: string }
  | { type: 'consent'; kind: 'consent' | 'subscription'; topic: string };

/** Which events a condition looks at: one event type, narrowed by property filters (all must hold). */
export interface EventScope {
  event: EventRef;
  where: PropertyFilter[];
}
export interface PerformedTimes {
  op: 'at_least' | 'at_most' | 'exactly';
  count: number;
}
export type OccurrenceTime = { type: 'date'; date: string } | { type: 'days_ago'; days: number };
export type ConditionType = Condition['type'];

const occurrenceTimeSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('date'), date: dateLiteralSchema }),
  z.object({ type: z.literal('days_ago'), days: daysSchema }),
]);

export const conditionSchema: z.ZodType<Condition, unknown> = z.lazy(() =>
  z.discriminatedUnion('type', [
    z.object({ type: z.enum(['and', 'or']), conditions: z.array(conditionSchema).min(2).max(200) }),
    z.object({ type: z.literal('not'), condition: conditionSchema }),
    z.object({ type: z.literal('trait'), field: fieldSchema, predicate: predicateSchema }),
    z.object({
      type: z.literal('performed'),
      ...eventScope,
      ...windowField,
      times: z
        .object({
          op: z.enum(['at_least', 'at_most', 'exactly']),
          count: z.number().int().min(0).max(1_000_000),
        })
        .default({ op: 'at_least', count: 1 }),
    }),
    z
      .object({
        type: z.literal('aggregate'),
        fn: z.enum(AGGREGATE_FUNCTIONS),
        ...eventScope,
        ...windowField,
        property: fieldPathSchema.nullable().default(null),
        op: z.enum(COMPARISON_OPS),
        value: z.number(),
      })
      .refine((c) => (c.fn === 'count') === (c.property === null), {
        message: 'count takes no property; sum, avg, min, max and count_distinct need one',
        path: ['property'],
      }),
    z.object({
      type: z.literal('occurrence'),
      which: z.enum(['first', 'last']),
      ...eventScope,
      op: z.enum(['before', 'after']),
      at: occurrenceTimeSchema,
    }),
    z.object({
      type: z.literal('geo'),
      level: z.enum(GEO_LEVELS),
      values: z.array(textSchema).min(1).max(1000),
    }),
    z.object({
      type: z.literal('near'),
      latitude: z.number().min(-90).max(90),
      longitude: z.number().min(-180).max(180),
      radiusKm: z.number().positive().max(20_100),
    }),
    z.object({ type: z.literal('segment'), segment: nameSchema }),
    z.object({ type: z.literal('consent'), kind: z.enum(['consent', 'subscription']), topic: keySchema }),
  ]),
);

export const segmentDefinitionSchema = z.object({
  schemaVersion: z.literal(SEGMENT_SCHEMA_VERSION),
  condition: conditionSchema,
});
export type SegmentDefinition = z.infer<typeof segmentDefinitionSchema>;
