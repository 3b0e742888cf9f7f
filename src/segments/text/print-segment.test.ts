import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { segmentDefinitionSchema, type Condition } from '../../schema/segment.ts';
import { segmentDefinitionArbitrary } from '../testing/definition-arbitraries.ts';
import { wildVocabulary } from '../testing/vocabularies.ts';
import { parseSegmentText } from './parse-segment.ts';
import { printSegmentText } from './print-segment.ts';

function print(condition: Condition): string {
  return printSegmentText({ schemaVersion: 1, condition });
}

describe('printSegmentText', () => {
  it('prints the canonical form of parsed text', () => {
    const cases = [
      [
        'country in ("DE","AT") and count(purchase, 90d) >= 3 and sum(purchase.amount, last 180 days) > 500 and not segment "vip"',
        'country in ("DE", "AT") and count(purchase, last 90 days) >= 3 and sum(purchase.amount, last 180 days) > 500 and not segment "vip"',
      ],
      ['did not perform purchase within the last 90 days', 'did not perform purchase in last 90 days'],
      ['(a = 1 or b = 1) and not (c = 1 and d = 1)', '(a = 1 or b = 1) and not (c = 1 and d = 1)'],
      ['a = 1 or (b = 1 or c = 1)', 'a = 1 or (b = 1 or c = 1)'],
      ['country != "DE"', 'country not in ("DE")'],
      [
        'performed "Product Viewed" where (category = "books" and price >= 10) at least 2 times in last 30 days',
        'performed "Product Viewed" where (category = "books" and price >= 10) at least 2 times in last 30 days',
      ],
      [
        'performed page view between 2024-01-01 and 2024-01-31',
        'performed page view between 2024-01-01 and 2024-01-31',
      ],
      ['last purchase before 1 day ago', 'last purchase before 1 day ago'],
      ['birthday anniversary in the next 7 days', 'birthday anniversary in next 7 days'],
      ['within 25 km of (52.520, 13.40)', 'within 25 km of (52.52, 13.4)'],
      ["consented to 'email'", 'consented to email'],
    ];
    for (const [input, canonical] of cases) {
      expect(printSegmentText(parseSegmentText(input as string))).toBe(canonical);
    }
  });

  it('writes a prefix where the naming rule would otherwise read the field from the other place', () => {
    const trait = (source: 'traits' | 'computed', path: string[]): Condition => ({
      type: 'trait',
      field: { source, path },
      predicate: { op: 'exists' },
    });
    expect(print(trait('traits', ['rfm']))).toBe('traits.rfm exists');
    expect(print(trait('computed', ['rfm', 'segment']))).toBe('rfm.segment exists');
    expect(print(trait('computed', ['orders_90d']))).toBe('computed.orders_90d exists');
    expect(print(trait('traits', ['country']))).toBe('traits.country exists');
    expect(print(trait('traits', ['traits', 'x']))).toBe('traits.traits.x exists');
  });

  it('quotes names that are keywords or not plain words', () => {
    const condition: Condition = {
      type: 'trait',
      field: { source: 'traits', path: ['count', 'first name', 'and'] },
      predicate: { op: 'eq', value: 'say "hi"\n' },
    };
    expect(print(condition)).toBe('`count`.`first name`.and = "say \\"hi\\"\\n"');
    expect(print({ type: 'segment', segment: 'a `b`' })).toBe('segment "a `b`"');
  });

  it('gives back the same definition when its text is parsed (any names and values)', () => {
    fc.assert(
      fc.property(segmentDefinitionArbitrary(wildVocabulary, { maxDepth: 4 }), (generated) => {
        const definition = segmentDefinitionSchema.parse(generated);
        const text = printSegmentText(definition);
        expect(parseSegmentText(text)).toEqual(definition);
        expect(printSegmentText(parseSegmentText(text))).toBe(text);
      }),
      { numRuns: 1000 },
    );
  });

  it('round-trips with custom computed-trait names given to both sides', () => {
    const options = { computedTraitNames: ['rfm', 'orders_90d', 'count'] };
    fc.assert(
      fc.property(segmentDefinitionArbitrary(wildVocabulary, { maxDepth: 2 }), (generated) => {
        const definition = segmentDefinitionSchema.parse(generated);
        expect(parseSegmentText(printSegmentText(definition, options), options)).toEqual(definition);
      }),
      { numRuns: 300 },
    );
  });
});
