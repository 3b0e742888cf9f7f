import { describe, expect, it } from 'vitest';
import { parseSegmentText } from '../segments/text/parse-segment.ts';
import { printSegmentText } from '../segments/text/print-segment.ts';
import {
  definitionFromModel,
  modelFromDefinition,
  readTypedValue,
  type BuilderModel,
} from './segment-rows.ts';

const textOf = (model: BuilderModel) => printSegmentText(definitionFromModel(model));
const modelOf = (text: string) => modelFromDefinition(parseSegmentText(text));

describe('segment builder rows', () => {
  it('prints rows joined by the combinator in the text form', () => {
    const model: BuilderModel = {
      combinator: 'and',
      rows: [
        { kind: 'trait', field: 'plan', op: 'eq', value: 'gold' },
        { kind: 'count', event: 'purchase', op: 'gte', value: 3, days: 90 },
        { kind: 'segment', segment: 'vip', negated: true },
      ],
    };
    expect(textOf(model)).toBe('plan = "gold" and count(purchase, last 90 days) >= 3 and not segment "vip"');
    expect(textOf({ ...model, combinator: 'or' })).toBe(
      'plan = "gold" or count(purchase, last 90 days) >= 3 or not segment "vip"',
    );
  });

  it('reads the text form back into the same rows', () => {
    expect(modelOf('plan = "gold" and count(purchase, last 90 days) >= 3 and not segment "vip"')).toEqual({
      combinator: 'and',
      rows: [
        { kind: 'trait', field: 'plan', op: 'eq', value: 'gold' },
        { kind: 'count', event: 'purchase', op: 'gte', value: 3, days: 90 },
        { kind: 'segment', segment: 'vip', negated: true },
      ],
    });
  });

  it('keeps numbers, booleans and computed traits typed: rfm.r >= 4, churn_risk > 0.7, vip = true', () => {
    const model = modelOf('rfm.r >= 4 or churn_risk > 0.7 or vip = true or traits.clv exists');
    expect(model.rows).toEqual([
      { kind: 'trait', field: 'rfm.r', op: 'gte', value: '4' },
      { kind: 'trait', field: 'churn_risk', op: 'gt', value: '0.7' },
      { kind: 'trait', field: 'vip', op: 'eq', value: 'true' },
      { kind: 'trait', field: 'traits.clv', op: 'exists', value: '' },
    ]);
    expect(textOf(model)).toBe('rfm.r >= 4 or churn_risk > 0.7 or vip = true or traits.clv exists');
  });

  it('shows conditions the rows cannot edit as text rows, and loses nothing on the way back', () => {
    const text =
      'country in ("DE", "AT") and (plan = "gold" or plan = "silver") and performed "Product Viewed" where category = "books" at least 2 times in last 30 days and tier = "A1"';
    const model = modelOf(text);
    expect(model.rows.map((row) => row.kind)).toEqual(['text', 'text', 'text', 'trait']);
    expect(model.rows[1]).toEqual({ kind: 'text', text: 'plan = "gold" or plan = "silver"' });
    expect(textOf(model)).toBe(printSegmentText(parseSegmentText(text)));
  });

  it('keeps a text value that looks like a number as text ("01234" is not 1234)', () => {
    const model = modelOf('zip = "1234"');
    expect(model.rows).toEqual([{ kind: 'text', text: 'zip = "1234"' }]);
    expect(textOf(model)).toBe('zip = "1234"');
  });

  it('counts over all time when no days are given', () => {
    const model: BuilderModel = {
      combinator: 'and',
      rows: [{ kind: 'count', event: 'Order Completed', op: 'lt', value: 2, days: null }],
    };
    expect(textOf(model)).toBe('count("Order Completed") < 2');
    expect(modelOf(textOf(model))).toEqual(model);
  });

  it('rejects an empty builder and invalid rows with the parser’s message', () => {
    expect(() => definitionFromModel({ combinator: 'and', rows: [] })).toThrow(/Add a condition/);
    expect(() =>
      definitionFromModel({ combinator: 'and', rows: [{ kind: 'text', text: 'country = and' }] }),
    ).toThrow(/col 11/);
    expect(() =>
      definitionFromModel({ combinator: 'and', rows: [{ kind: 'segment', segment: '', negated: false }] }),
    ).toThrow();
  });

  it('types values typed into a box: numbers and true/false, anything else stays text', () => {
    expect(readTypedValue('42')).toBe(42);
    expect(readTypedValue('-1.5e2')).toBe(-150);
    expect(readTypedValue('false')).toBe(false);
    expect(readTypedValue('DE')).toBe('DE');
    expect(readTypedValue('12abc')).toBe('12abc');
  });
});
