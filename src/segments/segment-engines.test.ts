/**
 * The segment conformance suite: given the example shop's profiles and events, each segment names exactly the
 * expected members — on DuckDB, on PostgreSQL and in the reference evaluator.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SegmentDefinition } from '../schema/segment.ts';
import type { Store } from '../store/store.ts';
import { describeEachEngine } from '../test-support/engines.ts';
import { compileSegment } from './compile/compile-segment.ts';
import { evaluateSegment, type ReferenceData } from './testing/evaluate-segment.ts';
import { EXAMPLE_SHOP, SHOP_NOW } from './testing/example-shop.ts';
import { replaceReferenceData } from './testing/load-reference-data.ts';
import { parseSegmentText } from './text/parse-segment.ts';

const CASES: [string, string[]][] = [
  // demographic
  ['age > 30', ['ana', 'cleo']],
  ['age between 29 and 34', ['ana', 'ben']],
  ['not age > 30', ['ben', 'dan', 'eve']],
  ['plan != "gold"', ['ben', 'cleo', 'dan', 'eve']],
  ['plan is empty', ['cleo', 'dan', 'eve']],
  ['plan in ("gold", "silver")', ['ana', 'ben']],
  ['birthday anniversary in next 7 days', ['ana']],
  ['birthday anniversary within last 20 days', ['cleo']],
  ['renewal_at in next 7 days', ['dan']],
  ['birthday before 1989-01-01', ['ben']],
  ['last_login within last 1 day', ['ben']],
  ['`it\'s "odd"; drop` exists', ['cleo']],
  // psychographic
  ['interests contains "yoga"', ['ana']],
  ['interests contains "running"', ['ben']],
  ['interests is empty', ['cleo', 'dan', 'eve']],
  ['lifestyle = "outdoor" and values contains "sustainability"', ['ana']],
  // computed traits
  ['rfm.segment = "champions" or churn_risk > 0.7', ['ana', 'ben']],
  ['cluster = 2', ['dan']],
  ['rfm.r <= 1', ['ben']],
  // behavioural
  ['country in ("DE","AT") and count(purchase, last 90 days) >= 1 and not segment "vip"', ['ben']],
  ['count(purchase, last 90 days) >= 2', ['ana']],
  ['sum(purchase.amount, last 180 days) > 500', ['ana', 'cleo']],
  ['performed "Product Viewed" where category = "books" at least 2 times in last 30 days', ['ana']],
  ['did not perform purchase in last 90 days', ['cleo', 'dan', 'eve']],
  ['count(purchase, last 30 days) < 1', ['cleo', 'dan', 'eve']],
  ['performed purchase at most 1 time', ['cleo', 'dan', 'eve']],
  ['performed purchase exactly 2 times', ['ben']],
  ['last purchase before 90 days ago', ['cleo']],
  ['first purchase after 2025-01-01', ['eve']],
  ['avg(purchase.amount) >= 150', ['ana', 'cleo']],
  ['max(purchase.amount, last 90 days) > 200', ['ana']],
  ['count_distinct(purchase.category) >= 2', ['ana']],
  ['performed page view "Pricing" in last 7 days', ['ana']],
  ['performed purchase where amount > 100 between 2024-10-01 and 2024-12-31', ['ana', 'cleo']],
  ['sum(purchase.amount) = 0', ['dan']],
  // geographic
  ['country in ("DE","AT")', ['ana', 'ben', 'cleo']],
  ['traits.country = "DE"', ['ana']],
  ['city = "munich"', ['cleo']],
  ['region in ("Bavaria")', ['cleo']],
  ['within 25 km of (52.52, 13.40)', ['ana']],
  ['within 100 km of (48.2, 16.37)', ['ben']],
  ['country not in ("DE")', ['ben', 'dan', 'eve']],
  // consent and membership
  ['consented to email', ['ana']],
  ['subscribed to newsletter', ['cleo']],
  ['segment "vip"', ['ana', 'cleo']],
];

async function membersOf(
  store: Store,
  definition: SegmentDefinition,
  options: { now?: Date; profileIds?: string[] } = {},
): Promise<string[]> {
  const query = compileSegment(definition, {
    dialect: store.dialect,
    now: options.now ?? SHOP_NOW,
    ...options,
  });
  const rows = await store.query<{ profile_id: string }>(query.sql, query.params);
  return rows.map((row) => row.profile_id).sort();
}

describe('example shop segments in the reference evaluator', () => {
  it.each(CASES)('%s', (text, expected) => {
    expect(evaluateSegment(parseSegmentText(text), EXAMPLE_SHOP, { now: SHOP_NOW })).toEqual(expected);
  });
});

describeEachEngine('example shop segments', (getStore) => {
  beforeAll(async () => {
    await replaceReferenceData(getStore(), EXAMPLE_SHOP);
  });

  it.each(CASES)('%s', async (text, expected) => {
    expect(await membersOf(getStore(), parseSegmentText(text))).toEqual(expected);
  });

  it('re-evaluates only the given profiles', async () => {
    const definition = parseSegmentText('did not perform purchase in last 90 days or age > 30');
    expect(await membersOf(getStore(), definition)).toEqual(['ana', 'cleo', 'dan', 'eve']);
    expect(await membersOf(getStore(), definition, { profileIds: ['ana', 'ben', 'dan'] })).toEqual([
      'ana',
      'dan',
    ]);
    expect(await membersOf(getStore(), definition, { profileIds: [] })).toEqual([]);
  });

  it('moves a profile out of "bought recently" when the clock passes its last purchase window', async () => {
    const definition = parseSegmentText('performed purchase in last 30 days');
    expect(await membersOf(getStore(), definition)).toEqual(['ana', 'ben']);
    const fifteenDaysLater = new Date(SHOP_NOW.getTime() + 15 * 86_400_000);
    expect(await membersOf(getStore(), definition, { now: fifteenDaysLater })).toEqual(['ana', 'eve']);
  });
});

describeEachEngine('segments over hostile names and values', (getStore, engine) => {
  const text = fc.string({ unit: 'binary', minLength: 1, maxLength: 10 });
  const hostile = fc
    .oneof(
      fc.constantFrom("'; drop table profiles; --", "x' or '1'='1", '$.a', '/a~b', '*', 'select', '\\"'),
      text,
    )
    .filter((value) => !value.includes('\u0000'));

  it('finds exactly the profile holding the name and value, and leaves the tables intact', async () => {
    const store = getStore();
    await fc.assert(
      fc.asyncProperty(
        hostile.filter((name) => name !== 'nested'),
        hostile,
        async (name, value) => {
          const data: ReferenceData = {
            profiles: [
              { id: 'holder', traits: { [name]: value, nested: { [name]: [value] } }, computed: {} },
              { id: 'other', traits: { [name]: `${value}!` }, computed: {} },
            ],
            events: [
              {
                profileId: 'holder',
                type: 'track',
                event: name,
                name: null,
                occurredAt: SHOP_NOW,
                properties: { [name]: value },
              },
            ],
          };
          await replaceReferenceData(store, data);
          const definition: SegmentDefinition = {
            schemaVersion: 1,
            condition: {
              type: 'and',
              conditions: [
                { type: 'trait', field: { source: 'traits', path: [name] }, predicate: { op: 'eq', value } },
                {
                  type: 'trait',
                  field: { source: 'traits', path: ['nested', name] },
                  predicate: { op: 'contains', value },
                },
                {
                  type: 'performed',
                  event: { type: 'track', event: name },
                  where: [{ property: [name], predicate: { op: 'starts_with', value } }],
                  times: { op: 'at_least', count: 1 },
                  window: null,
                },
              ],
            },
          };
          expect(await membersOf(store, definition)).toEqual(['holder']);
          expect(evaluateSegment(definition, data, { now: SHOP_NOW })).toEqual(['holder']);
        },
      ),
      { numRuns: engine === 'duckdb' ? 40 : 25 },
    );
    expect(await store.query('select count(*) as count from profiles')).toEqual([{ count: 2 }]);
  });
});
