import { describe, expect, it } from 'vitest';
import { resolveFieldPath, segmentDefinitionSchema } from './segment.ts';

function condition(value: unknown) {
  return segmentDefinitionSchema.safeParse({ schemaVersion: 1, condition: value });
}

describe('segment definition schema', () => {
  it('fills defaults so every stored definition has one shape', () => {
    const parsed = segmentDefinitionSchema.parse({
      schemaVersion: 1,
      condition: { type: 'performed', event: { type: 'page' } },
    });
    expect(parsed.condition).toEqual({
      type: 'performed',
      event: { type: 'page', name: null },
      where: [],
      window: null,
      times: { op: 'at_least', count: 1 },
    });
  });

  it('accepts a dotted string for a field and resolves it by the naming rule', () => {
    const parsed = segmentDefinitionSchema.parse({
      schemaVersion: 1,
      condition: {
        type: 'and',
        conditions: [
          { type: 'trait', field: 'rfm.segment', predicate: { op: 'eq', value: 'champions' } },
          { type: 'trait', field: 'traits.address.city', predicate: { op: 'exists' } },
        ],
      },
    });
    expect(parsed.condition).toMatchObject({
      conditions: [
        { field: { source: 'computed', path: ['rfm', 'segment'] } },
        { field: { source: 'traits', path: ['address', 'city'] } },
      ],
    });
  });

  it('resolves fields: known computed names to computed, explicit prefixes win, the rest to traits', () => {
    expect(resolveFieldPath(['churn_risk'])).toEqual({ source: 'computed', path: ['churn_risk'] });
    expect(resolveFieldPath(['computed', 'orders_90d'])).toEqual({
      source: 'computed',
      path: ['orders_90d'],
    });
    expect(resolveFieldPath(['traits', 'clv'])).toEqual({ source: 'traits', path: ['clv'] });
    expect(resolveFieldPath(['plan'])).toEqual({ source: 'traits', path: ['plan'] });
    expect(resolveFieldPath(['traits'])).toEqual({ source: 'traits', path: ['traits'] });
  });

  it('rejects what the compiler could not express safely', () => {
    const trait = (field: unknown, predicate: unknown) => condition({ type: 'trait', field, predicate });
    expect(trait({ source: 'traits', path: ['a\u0000b'] }, { op: 'exists' }).success).toBe(false);
    expect(trait('plan', { op: 'between', low: 1, high: 'z' }).success).toBe(false);
    expect(trait('signup', { op: 'before', date: '2024-02-30' }).success).toBe(false);
    expect(trait('signup', { op: 'before', date: '2024-02-01T10:00:00' }).success).toBe(false);
    expect(trait('signup', { op: 'before', date: '2024-02-01T10:00:00.123+01:00' }).success).toBe(true);
    expect(condition({ type: 'and', conditions: [{ type: 'segment', segment: 'a' }] }).success).toBe(false);
    expect(condition({ type: 'near', latitude: 91, longitude: 0, radiusKm: 5 }).success).toBe(false);
  });

  it('requires a property for sum, avg, min, max and count_distinct, and none for count', () => {
    const aggregate = (fn: string, property: string[] | null) =>
      condition({
        type: 'aggregate',
        fn,
        event: { type: 'track', event: 'purchase' },
        property,
        op: 'gt',
        value: 1,
      });
    expect(aggregate('sum', ['amount']).success).toBe(true);
    expect(aggregate('sum', null).success).toBe(false);
    expect(aggregate('count', null).success).toBe(true);
    expect(aggregate('count', ['amount']).success).toBe(false);
  });
});
