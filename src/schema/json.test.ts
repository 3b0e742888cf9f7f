import { describe, expect, it } from 'vitest';
import { findJsonProblem, isNestedDeeperThan, jsonObjectSchema, MAX_JSON_DEPTH } from './json.ts';

function nestedArrays(depth: number): unknown {
  let value: unknown = 1;
  for (let level = 0; level < depth; level++) value = [value];
  return value;
}

describe('free-form JSON', () => {
  it('accepts ordinary properties, including keys named like Object.prototype members', () => {
    const properties = JSON.parse(
      '{"__proto__": {"x": 1}, "constructor": "c", "items": [{"sku": "a", "price": 9.5}], "ok": true, "none": null}',
    );
    expect(jsonObjectSchema.safeParse(properties).success).toBe(true);
  });

  it(`accepts ${MAX_JSON_DEPTH} levels of nesting and refuses one more, naming where`, () => {
    expect(findJsonProblem(nestedArrays(MAX_JSON_DEPTH))).toBeUndefined();
    expect(findJsonProblem(nestedArrays(MAX_JSON_DEPTH + 1))).toEqual({
      path: Array.from({ length: MAX_JSON_DEPTH }, () => 0),
      message: `nests more than ${MAX_JSON_DEPTH} levels deep`,
    });
  });

  it('refuses 100,000 levels of nesting without overflowing the stack', () => {
    const deep = nestedArrays(100_000);
    expect(isNestedDeeperThan(deep, MAX_JSON_DEPTH)).toBe(true);
    const result = jsonObjectSchema.safeParse({ deep });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe(`nests more than ${MAX_JSON_DEPTH} levels deep`);
  });

  it('refuses text PostgreSQL cannot store or the drivers would change: NUL and unpaired surrogates, in values and keys', () => {
    expect(findJsonProblem({ a: 'x\u0000y' })).toMatchObject({
      path: ['a'],
      message: expect.stringMatching(/NUL/),
    });
    expect(findJsonProblem({ a: ['\ud800'] })).toMatchObject({ path: ['a', 0] });
    expect(findJsonProblem({ ['k\u0000']: 1 })).toMatchObject({
      path: ['k\u0000'],
      message: expect.stringMatching(/^key /),
    });
    expect(findJsonProblem({ emoji: '😀', rtl: '\u202e', bom: '\ufeff' })).toBeUndefined();
  });

  it('refuses what JSON cannot carry: infinite numbers, dates, functions, undefined', () => {
    expect(findJsonProblem({ n: Number.POSITIVE_INFINITY })?.message).toBe('must be a finite number');
    expect(findJsonProblem({ d: new Date(0) })?.message).toMatch(/must be a JSON value/);
    expect(findJsonProblem({ u: undefined })?.message).toMatch(/must be a JSON value/);
  });

  it('says what it got when an object was expected', () => {
    expect(jsonObjectSchema.safeParse([]).error?.issues[0]?.message).toBe(
      'must be a JSON object, received an array',
    );
    expect(jsonObjectSchema.safeParse('x').error?.issues[0]?.message).toBe(
      'must be a JSON object, received string',
    );
  });
});
