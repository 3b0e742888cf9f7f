import { describe, expect, it } from 'vitest';
import { importEventsOptionsSchema, importProfilesOptionsSchema } from './import-options.ts';
import { parseImportOptions } from './parse-import-options.ts';

describe('import options', () => {
  it('fills in defaults', () => {
    const options = importProfilesOptionsSchema.parse({ file: 'people.csv', idColumn: 'id' });
    expect(options).toMatchObject({ strict: false, batchSize: 10_000, reportLimit: 10 });
    expect(options.timestampFormat.kind).toBe('iso');
    expect(options.columns.size).toBe(0);
  });

  it('reads --columns renames from a flag string, repeated flags or an object', () => {
    const expected = new Map([
      ['Old Name', 'new_name'],
      ['b', 'c'],
    ]);
    const parse = (columns: unknown) => importProfilesOptionsSchema.parse({ file: 'f.csv', columns }).columns;
    expect(parse('Old Name:new_name, b:c')).toEqual(expected);
    expect(parse(['Old Name:new_name', 'b:c'])).toEqual(expected);
    expect(parse({ 'Old Name': 'new_name', b: 'c' })).toEqual(expected);
    expect(() => parse('justone')).toThrow(/needs a column and a new name/);
  });

  it('compiles --timestamp-format and refuses unusable patterns', () => {
    const options = importEventsOptionsSchema.parse({ file: 'f.csv', timestampFormat: 'M/D/YYYY H:mm' });
    expect(options.timestampFormat.kind).toBe('pattern');
    expect(() => importEventsOptionsSchema.parse({ file: 'f.csv', timestampFormat: 'YYYY' })).toThrow(
      /invalid timestamp format 'YYYY'/,
    );
  });

  it('upper-cases the default country and refuses unknown codes', () => {
    expect(importProfilesOptionsSchema.parse({ file: 'f.csv', defaultCountry: 'gb' }).defaultCountry).toBe(
      'GB',
    );
    expect(() => importProfilesOptionsSchema.parse({ file: 'f.csv', defaultCountry: 'UK' })).toThrow(
      /ISO 3166-1/,
    );
  });

  it.each([
    [{ event: 'a', eventColumn: 'b' }, 'give either --event or --event-column, not both'],
    [{ priceColumn: 'p' }, '--price-column and --quantity-column go together'],
    [
      { amountColumn: 'a', priceColumn: 'p', quantityColumn: 'q' },
      'give either --amount-column or --price-column',
    ],
  ])('refuses contradictory event flags %j', (flags, message) => {
    expect(() => parseImportOptions(importEventsOptionsSchema, { file: 'f.csv', ...flags })).toThrow(message);
  });

  it('reports bad options as invalid_input naming the option', () => {
    expect(() => parseImportOptions(importProfilesOptionsSchema, { file: 'f.csv', batchSize: 0 })).toThrow(
      expect.objectContaining({
        code: 'invalid_input',
        details: [expect.objectContaining({ path: 'batchSize' })],
      }),
    );
  });
});
