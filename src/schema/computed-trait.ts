/**
 * A computed trait: one value per profile aggregated from its events (`lifetime_value = sum(purchase.amount)`,
 * `last_purchase_at = last_at(purchase)`, `favorite_category = mode(purchase.category)`, `orders_90d =
 * count(purchase, 90d)`), materialised into `profiles.computed` under its name so segments (`orders_90d >= 3`)
 * and templates (`{{ computed.lifetime_value }}`) read it like any other field.
 */
import { z } from 'zod';
import {
  BUILT_IN_COMPUTED_TRAITS,
  eventRefSchema,
  eventWindowSchema,
  fieldPathSchema,
  propertyFilterSchema,
} from './segment.ts';

export const COMPUTED_TRAIT_SCHEMA_VERSION = 1;

/**
 * count / count_distinct / sum: numbers, 0 without events; avg / min / max: numbers; mode: the most frequent
 * value (ties: the smallest); first / last: the property of the earliest / latest event; first_at / last_at: when
 * the earliest / latest event happened (ISO-8601 UTC).
 */
export const COMPUTED_TRAIT_FUNCTIONS = [
  'count',
  'sum',
  'avg',
  'min',
  'max',
  'count_distinct',
  'mode',
  'first',
  'last',
  'first_at',
  'last_at',
] as const;
export type ComputedTraitFunction = (typeof COMPUTED_TRAIT_FUNCTIONS)[number];

/** Functions that read no property: they count events or take their time. */
export const PROPERTYLESS_FUNCTIONS: readonly ComputedTraitFunction[] = ['count', 'first_at', 'last_at'];

export const computedTraitNameSchema = z
  .string()
  .regex(
    /^[a-z][a-z0-9_]{0,62}$/,
    'use lower-case letters, digits and _ (starting with a letter, at most 63 characters), e.g. orders_90d',
  )
  .refine((name) => !BUILT_IN_COMPUTED_TRAITS.includes(name), {
    message: `is a built-in computed trait (${BUILT_IN_COMPUTED_TRAITS.join(', ')}): pick another name`,
  });

export const computedTraitExpressionSchema = z
  .object({
    fn: z.enum(COMPUTED_TRAIT_FUNCTIONS),
    event: eventRefSchema,
    property: fieldPathSchema.nullable().default(null),
    where: z.array(propertyFilterSchema).max(20).default([]),
    window: eventWindowSchema.nullable().default(null),
  })
  .refine((expression) => PROPERTYLESS_FUNCTIONS.includes(expression.fn) === (expression.property === null), {
    message: `${PROPERTYLESS_FUNCTIONS.join(', ')} take no property; the other functions need one`,
    path: ['property'],
  });
export type ComputedTraitExpression = z.output<typeof computedTraitExpressionSchema>;

export const computedTraitDefinitionSchema = z.object({
  schemaVersion: z.literal(COMPUTED_TRAIT_SCHEMA_VERSION),
  expression: computedTraitExpressionSchema,
});
export type ComputedTraitDefinition = z.output<typeof computedTraitDefinitionSchema>;

/** A saved computed trait as the API and CLI show it. */
export interface SavedComputedTrait {
  name: string;
  definition: ComputedTraitDefinition;
  text: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  refreshedAt: Date | null;
}
