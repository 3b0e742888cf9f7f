import { describe, expect, it } from 'vitest';
import { isSegmintError } from '../../errors.ts';
import type { Condition } from '../../schema/segment.ts';
import { parseSegmentText } from './parse-segment.ts';

function parse(text: string): Condition {
  return parseSegmentText(text).condition;
}

function parseError(text: string): { path: string; message: string; text: string } {
  try {
    parseSegmentText(text);
  } catch (error) {
    if (!isSegmintError(error)) throw error;
    expect(error.code).toBe('invalid_input');
    const detail = error.details[0];
    if (!detail) throw new Error('the error has no detail', { cause: error });
    return { ...detail, text: error.message };
  }
  throw new Error(`"${text}" parsed without an error`);
}

const purchase = { type: 'track', event: 'purchase' } as const;

describe('parseSegmentText', () => {
  it('parses the headline example into one "and" of four conditions', () => {
    const text =
      'country in ("DE","AT") and count(purchase, last 90 days) >= 3 and sum(purchase.amount, last 180 days) > 500 and not segment "vip"';
    expect(parseSegmentText(text)).toEqual({
      schemaVersion: 1,
      condition: {
        type: 'and',
        conditions: [
          { type: 'geo', level: 'country', values: ['DE', 'AT'] },
          {
            type: 'aggregate',
            fn: 'count',
            event: purchase,
            property: null,
            where: [],
            window: { type: 'last_days', days: 90 },
            op: 'gte',
            value: 3,
          },
          {
            type: 'aggregate',
            fn: 'sum',
            event: purchase,
            property: ['amount'],
            where: [],
            window: { type: 'last_days', days: 180 },
            op: 'gt',
            value: 500,
          },
          { type: 'not', condition: { type: 'segment', segment: 'vip' } },
        ],
      },
    });
  });

  it('binds not tighter than and, and and tighter than or', () => {
    const a = { type: 'trait', field: { source: 'traits', path: ['a'] }, predicate: { op: 'eq', value: 1 } };
    const b = { ...a, field: { source: 'traits', path: ['b'] } };
    const c = { ...a, field: { source: 'traits', path: ['c'] } };
    expect(parse('not a = 1 and b = 1 or c = 1')).toEqual({
      type: 'or',
      conditions: [{ type: 'and', conditions: [{ type: 'not', condition: a }, b] }, c],
    });
    expect(parse('not (a = 1 or b = 1) and c = 1')).toEqual({
      type: 'and',
      conditions: [{ type: 'not', condition: { type: 'or', conditions: [a, b] } }, c],
    });
  });

  it('keeps explicit nesting of the same operator', () => {
    const condition = parse('a = 1 and (b = 1 and c = 1)');
    expect(condition).toMatchObject({ type: 'and', conditions: [{ type: 'trait' }, { type: 'and' }] });
  });

  it('parses performed with a property filter, a count and a window', () => {
    expect(
      parse('performed "Product Viewed" where category = "books" at least 2 times in last 30 days'),
    ).toEqual({
      type: 'performed',
      event: { type: 'track', event: 'Product Viewed' },
      where: [{ property: ['category'], predicate: { op: 'eq', value: 'books' } }],
      times: { op: 'at_least', count: 2 },
      window: { type: 'last_days', days: 30 },
    });
  });

  it('needs parentheses for several property filters, so the outer "and" stays unambiguous', () => {
    expect(
      parse('performed purchase where (category = "books" and price > 10) exactly 1 time'),
    ).toMatchObject({
      where: [{ property: ['category'] }, { property: ['price'] }],
      times: { op: 'exactly', count: 1 },
    });
  });

  it('reads "did not perform" as the negation of performing at least once', () => {
    expect(parse('did not perform purchase in last 90 days')).toEqual({
      type: 'not',
      condition: {
        type: 'performed',
        event: purchase,
        where: [],
        times: { op: 'at_least', count: 1 },
        window: { type: 'last_days', days: 90 },
      },
    });
  });

  it('parses page views, date windows and first/last occurrences', () => {
    expect(parse('performed page view "Pricing" between 2024-01-01 and 2024-01-31')).toMatchObject({
      event: { type: 'page', name: 'Pricing' },
      window: { type: 'between', from: '2024-01-01', to: '2024-01-31' },
    });
    expect(parse('last purchase before 90 days ago')).toEqual({
      type: 'occurrence',
      which: 'last',
      event: purchase,
      where: [],
      op: 'before',
      at: { type: 'days_ago', days: 90 },
    });
    expect(parse('first purchase after 2024-06-01T08:30:00Z')).toMatchObject({
      which: 'first',
      op: 'after',
      at: { type: 'date', date: '2024-06-01T08:30:00Z' },
    });
  });

  it('accepts the short window forms inside an aggregate', () => {
    for (const text of [
      'count(purchase, 90d) > 1',
      'count(purchase, 90 days) > 1',
      'count(purchase, in the last 90 days) > 1',
    ]) {
      expect(parse(text)).toMatchObject({ window: { type: 'last_days', days: 90 } });
    }
  });

  it('parses geographic conditions: lists, radius, and negation', () => {
    expect(parse('within 25 km of (52.52, 13.40)')).toEqual({
      type: 'near',
      latitude: 52.52,
      longitude: 13.4,
      radiusKm: 25,
    });
    expect(parse('city = "Berlin"')).toEqual({ type: 'geo', level: 'city', values: ['Berlin'] });
    expect(parse('region not in ("Bavaria")')).toEqual({
      type: 'not',
      condition: { type: 'geo', level: 'region', values: ['Bavaria'] },
    });
    expect(parse('country contains "land"')).toMatchObject({
      type: 'trait',
      field: { source: 'traits', path: ['country'] },
    });
  });

  it('parses date predicates, with the anniversary flag for birthdays and renewals', () => {
    expect(parse('birthday anniversary in next 7 days')).toMatchObject({
      field: { source: 'traits', path: ['birthday'] },
      predicate: { op: 'in_next', days: 7, anniversary: true },
    });
    expect(parse('renewal_at in next 30 days')).toMatchObject({
      predicate: { op: 'in_next', days: 30, anniversary: false },
    });
    expect(parse('signed_up_at within the last 1 day')).toMatchObject({
      predicate: { op: 'within_last', days: 1 },
    });
    expect(parse('signed_up_at before 2024-01-01')).toMatchObject({
      predicate: { op: 'before', date: '2024-01-01' },
    });
  });

  it('resolves computed traits by name and honours explicit traits./computed. prefixes', () => {
    expect(parse('rfm.segment = "champions"')).toMatchObject({
      field: { source: 'computed', path: ['rfm', 'segment'] },
    });
    expect(parse('traits.rfm = 1')).toMatchObject({ field: { source: 'traits', path: ['rfm'] } });
    expect(parse('computed.orders_90d >= 3')).toMatchObject({
      field: { source: 'computed', path: ['orders_90d'] },
    });
    const withCustomNames = parseSegmentText('orders_90d >= 3', { computedTraitNames: ['orders_90d'] });
    expect(withCustomNames.condition).toMatchObject({ field: { source: 'computed', path: ['orders_90d'] } });
  });

  it('reads strings with escapes, backtick names and negative numbers', () => {
    expect(parse('`first name` = "Zoë \\"Z\\" \\u{1F600}\\n"')).toEqual({
      type: 'trait',
      field: { source: 'traits', path: ['first name'] },
      predicate: { op: 'eq', value: 'Zoë "Z" 😀\n' },
    });
    expect(parse('balance between -12.5 and 1e3')).toMatchObject({
      predicate: { op: 'between', low: -12.5, high: 1000 },
    });
    expect(parse("tier in ('a', 2, true)")).toMatchObject({
      predicate: { op: 'in', values: ['a', 2, true] },
    });
  });

  it('parses consent, subscription and membership conditions; keywords ignore case', () => {
    expect(parse('CONSENTED TO email AND subscribed to "weekly digest"')).toEqual({
      type: 'and',
      conditions: [
        { type: 'consent', kind: 'consent', topic: 'email' },
        { type: 'consent', kind: 'subscription', topic: 'weekly digest' },
      ],
    });
    expect(parse('in segment vip')).toEqual({ type: 'segment', segment: 'vip' });
  });
});

describe('parseSegmentText errors', () => {
  it.each([
    ['country = and x', 'col 11', `expected a "quoted" country name but found 'and'`],
    ['age > ', 'col 7', 'expected a "string" or a number but found the end of the text'],
    ['performed purchase at least 2 tims', 'col 31', "expected 'times' but found 'tims'"],
    ['(age > 3', 'col 9', "expected 'and', 'or' or ')' but found the end of the text"],
    ['age > 3)', 'col 8', "expected 'and', 'or' or the end (this ')' closes nothing) but found ')'"],
    ['name = "unterminated', 'col 8', 'this string is never closed: add the closing "'],
    [
      'signup before 2024-02-30',
      'col 15',
      "'2024-02-30' is not a date: write YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ",
    ],
    ['within 25 km of (95, 13)', 'col 18', 'a latitude is between -90 and 90'],
    ['age between 1 and "x"', 'col 19', 'expected a number like the lower bound'],
    [
      'performed purchase in last -1 days',
      'col 28',
      'the number of days must be a whole number from 0 to 36500',
    ],
    [
      'sum(purchase, last 90 days) > 5',
      'col 13',
      "expected '.' and the property to sum (as in: sum(purchase.amount)) but found ','",
    ],
    ['count(purchase.amount) > 1', 'col 15', 'count counts events and takes no property: write count(EVENT)'],
    [
      'and x = 1',
      'col 1',
      "expected a condition (a trait name, performed, count(…), segment, not, …) but found 'and'",
    ],
    ['x in next 7 weeks', 'col 13', "expected 'days' but found 'weeks'"],
    ['age > 3\nand foo ~ 2', 'line 2, col 9', "unexpected character '~'"],
  ])('rejects %j at %s', (text, path, message) => {
    expect(parseError(text)).toMatchObject({ path, message });
  });

  it('shows the line with a caret under the mistake', () => {
    expect(parseError('country = and x').text).toBe(
      `Invalid segment text at col 11: expected a "quoted" country name but found 'and'\n  country = and x\n            ^`,
    );
  });

  it('refuses nesting deeper than 64 levels instead of overflowing the stack', () => {
    expect(parseError(`${'('.repeat(70)}a = 1${')'.repeat(70)}`)).toMatchObject({
      path: 'col 65',
      message: 'nesting deeper than 64 levels',
    });
    expect(parse(`${'not '.repeat(40)}a = 1`)).toMatchObject({ type: 'not' });
  });

  it('points at the bad escape inside a string', () => {
    expect(parseError('name = "bad \\q escape"')).toMatchObject({ path: 'col 13' });
  });

  it('refuses keywords as bare names but accepts them in backticks or after a dot', () => {
    expect(parseError('count = 3')).toMatchObject({
      path: 'col 1',
      message:
        "expected a condition (a trait name, performed, count(…), segment, not, …); 'count' is a keyword: write `count` for a name",
    });
    expect(parse('`count` = 3')).toMatchObject({ field: { path: ['count'] } });
    expect(parse('rfm.segment exists')).toMatchObject({ field: { path: ['rfm', 'segment'] } });
  });
});
