import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSegmintError } from '../../errors.ts';
import type { Condition, SegmentDefinition } from '../../schema/segment.ts';
import { duckdbDialect, postgresDialect, type Dialect } from '../../store/dialect.ts';
import { parseSegmentText } from '../text/parse-segment.ts';
import { compileSegment } from './compile-segment.ts';

const now = new Date('2025-03-15T12:00:00.000Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);

function compile(text: string, dialect: Dialect = duckdbDialect) {
  return compileSegment(parseSegmentText(text), { dialect, now });
}

function define(...conditions: Condition[]): SegmentDefinition {
  return {
    schemaVersion: 1,
    condition: conditions.length === 1 ? (conditions[0] as Condition) : { type: 'and', conditions },
  };
}

/** SQL with every string literal replaced, to compare the structure of two queries. */
function maskLiterals(sql: string): string {
  return sql.replace(/'(?:[^']|'')*'/g, "'…'");
}

function literalsOf(sql: string): string[] {
  return [...sql.matchAll(/'((?:[^']|'')*)'/g)].map((match) => (match[1] ?? '').replaceAll("''", "'"));
}

describe('compileSegment SQL shape', () => {
  it('writes a trait test with the dialect’s JSON access and the value as a parameter', () => {
    expect(compile('plan = "gold"', duckdbDialect)).toEqual({
      sql: "select p.id as profile_id from profiles p where (p.traits->>'/plan') = $1",
      params: ['gold'],
    });
    expect(compile('plan = "gold"', postgresDialect)).toEqual({
      sql: "select p.id as profile_id from profiles p where (p.traits->>'plan') = $1",
      params: ['gold'],
    });
  });

  it('compiles "performed" to a semi-join on events, with now and the window start as parameters', () => {
    expect(compile('performed purchase in last 30 days')).toEqual({
      sql:
        'select p.id as profile_id from profiles p where p.id in (select e.profile_id from events e where ' +
        "e.type = 'track' and e.event = $1 and e.occurred_at >= $2 and e.occurred_at <= $3)",
      params: ['purchase', daysAgo(30), now],
    });
  });

  it('groups and compares for counts, and writes the complement when zero events also qualify', () => {
    expect(compile('count(purchase) >= 3').sql).toContain(
      "p.id in (select e.profile_id from events e where e.type = 'track' and e.event = $1 group by e.profile_id having count(*) >= cast($2 as double precision))",
    );
    expect(compile('count(purchase) < 3').sql).toContain(
      "p.id not in (select e.profile_id from events e where e.type = 'track' and e.event = $1 group by e.profile_id having not (count(*) < cast($2 as double precision)))",
    );
    expect(compile('sum(purchase.amount) <= 0').sql).toContain('p.id not in (');
    expect(compile('avg(purchase.amount) <= 0').sql).toContain('p.id in (');
  });

  it('evaluates only the given profiles and their events, materialised first', () => {
    const query = compileSegment(parseSegmentText('performed purchase or plan = "gold"'), {
      dialect: duckdbDialect,
      now,
      profileIds: ['p1', 'p2'],
    });
    expect(query.params[0]).toEqual(['p1', 'p2']);
    expect(query.sql).toBe(
      'with scoped_profiles as materialized (select id, traits, computed from profiles where id in (select unnest($1::varchar[]))), ' +
        'scoped_events as materialized (select profile_id, type, event, name, occurred_at, properties from events where profile_id in (select unnest($1::varchar[]))) ' +
        "select p.id as profile_id from scoped_profiles p where (p.id in (select e.profile_id from scoped_events e where e.type = 'track' and e.event = $2) or (p.traits->>'/plan') = $3)",
    );
  });

  it('turns NULL into false only under a negation', () => {
    expect(compile('not plan = "gold"').sql).toContain("where ((p.traits->>'/plan') = $1) is not true");
    expect(compile('not performed purchase').sql).toContain(
      'where not (p.id in (select e.profile_id from events e',
    );
    expect(compile('plan != "gold" and age exists').sql).toContain(
      "where (((p.traits->>'/plan') = $1) is not true and (p.traits->>'/age') is not null)",
    );
  });

  it('numbers placeholders after an offset, for embedding in a larger statement', () => {
    const query = compileSegment(parseSegmentText('plan = "gold"'), {
      dialect: duckdbDialect,
      now,
      parameterOffset: 2,
    });
    expect(query.sql).toContain('= $3');
  });

  it('keeps the SQL and moves only parameters when the clock moves', () => {
    const text =
      'performed purchase in last 7 days and birthday anniversary in next 3 days and signup within last 2 days';
    const earlier = compileSegment(parseSegmentText(text), { dialect: postgresDialect, now: daysAgo(100) });
    const later = compileSegment(parseSegmentText(text), { dialect: postgresDialect, now });
    expect(later.sql).toBe(earlier.sql);
    expect(later.params).not.toEqual(earlier.params);
  });

  it('compiles membership against segment_members with the resolved id', () => {
    const query = compileSegment(parseSegmentText('segment "vip"'), {
      dialect: duckdbDialect,
      now,
      resolveSegmentId: (name) => (name === 'vip' ? 'seg_1' : undefined),
    });
    expect(query).toEqual({
      sql: 'select p.id as profile_id from profiles p where p.id in (select m.profile_id from segment_members m where m.segment_id = $1)',
      params: ['seg_1'],
    });
  });
});

describe('compileSegment errors', () => {
  it('rejects a reference to an unknown segment with where it is', () => {
    try {
      compileSegment(parseSegmentText('plan = "a" or segment "ghost"'), {
        dialect: duckdbDialect,
        now,
        resolveSegmentId: () => undefined,
      });
      expect.unreachable();
    } catch (error) {
      expect(isSegmintError(error) && error.code).toBe('invalid_input');
      expect(isSegmintError(error) && error.details).toEqual([
        { path: 'condition.conditions[1]', message: 'segment "ghost" does not exist' },
      ]);
    }
  });

  it('refuses on PostgreSQL, at compile time, a value its text cannot hold', () => {
    const definition = define({
      type: 'trait',
      field: { source: 'traits', path: ['plan'] },
      predicate: { op: 'eq', value: 'a\u0000b' },
    });
    expect(() => compileSegment(definition, { dialect: duckdbDialect, now })).not.toThrow();
    try {
      compileSegment(definition, { dialect: postgresDialect, now });
      expect.unreachable();
    } catch (error) {
      expect(isSegmintError(error) && error.code).toBe('unsupported');
      expect(isSegmintError(error) && error.details[0]?.path).toBe('condition.predicate.value');
    }
  });
});

describe('compileSegment with hostile names and values', () => {
  const hostile = fc.oneof(
    fc.constantFrom(
      "'; drop table profiles; --",
      "x' or '1'='1",
      '$1',
      '"quoted"',
      'select',
      '\\',
      "''",
      '/a~b',
      '$.a',
      '*',
    ),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }),
  );

  const everyValueSlot = (value: string, number: number): SegmentDefinition =>
    define(
      { type: 'trait', field: { source: 'traits', path: ['plan'] }, predicate: { op: 'eq', value } },
      {
        type: 'trait',
        field: { source: 'traits', path: ['plan'] },
        predicate: { op: 'in', values: [value, number] },
      },
      { type: 'trait', field: { source: 'traits', path: ['plan'] }, predicate: { op: 'contains', value } },
      { type: 'trait', field: { source: 'traits', path: ['plan'] }, predicate: { op: 'starts_with', value } },
      {
        type: 'trait',
        field: { source: 'traits', path: ['plan'] },
        predicate: { op: 'between', low: value, high: value },
      },
      {
        // avg: the shape of a sum or count depends on whether 0 satisfies the comparison (never on the value).
        type: 'aggregate',
        fn: 'avg',
        event: { type: 'track', event: value },
        property: ['amount'],
        where: [{ property: ['category'], predicate: { op: 'neq', value } }],
        window: null,
        op: 'gt',
        value: number,
      },
      {
        type: 'performed',
        event: { type: 'page', name: value },
        where: [],
        times: { op: 'at_least', count: 1 },
        window: null,
      },
      { type: 'geo', level: 'city', values: [value] },
      { type: 'near', latitude: 1, longitude: 2, radiusKm: Math.abs(number) + 1 },
      { type: 'segment', segment: value },
    );

  it('never puts a value into the SQL text: any values give the same query', () => {
    for (const dialect of [duckdbDialect, postgresDialect]) {
      const reference = compileSegment(everyValueSlot('x', 1), { dialect, now }).sql;
      fc.assert(
        fc.property(
          hostile.filter((value) => !value.includes('\u0000')),
          fc.double({ noNaN: true, noDefaultInfinity: true }),
          (value, number) => {
            const query = compileSegment(everyValueSlot(value, number), { dialect, now });
            expect(query.sql).toBe(reference);
            expect(query.params).toContain(value);
          },
        ),
        { numRuns: 200 },
      );
    }
  });

  const everyNameSlot = (name: string): SegmentDefinition =>
    define(
      {
        type: 'trait',
        field: { source: 'traits', path: [name, name] },
        predicate: { op: 'contains', value: 'v' },
      },
      { type: 'trait', field: { source: 'computed', path: [name] }, predicate: { op: 'exists' } },
      {
        type: 'aggregate',
        fn: 'count_distinct',
        event: { type: 'track', event: 'purchase' },
        property: [name],
        where: [{ property: [name], predicate: { op: 'gt', value: 1 } }],
        window: null,
        op: 'gt',
        value: 1,
      },
      { type: 'consent', kind: 'subscription', topic: name },
    );

  it('only ever puts a name inside a quoted literal: any names give the same query structure', () => {
    for (const dialect of [duckdbDialect, postgresDialect]) {
      const reference = maskLiterals(compileSegment(everyNameSlot('x'), { dialect, now }).sql);
      fc.assert(
        fc.property(
          hostile.filter((name) => !name.includes('\u0000')),
          (name) => {
            const sql = compileSegment(everyNameSlot(name), { dialect, now }).sql;
            expect(maskLiterals(sql)).toBe(reference);
            const expectedKey =
              dialect.name === 'duckdb' ? `/${name.replaceAll('~', '~0').replaceAll('/', '~1')}` : name;
            expect(literalsOf(sql)).toContain(expectedKey);
          },
        ),
        { numRuns: 200 },
      );
    }
  });
});
