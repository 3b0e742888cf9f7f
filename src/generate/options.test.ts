import { describe, expect, it } from 'vitest';
import { isSegmintError } from '../errors.ts';
import { resolveGenerateOptions, todayUtcMidnight } from './options.ts';

function rejection(input: Parameters<typeof resolveGenerateOptions>[0]): unknown {
  try {
    resolveGenerateOptions(input);
  } catch (error) {
    return error;
  }
  throw new Error('expected the options to be rejected');
}

describe('resolveGenerateOptions', () => {
  it('fills the defaults: a year up to today’s UTC midnight, seed 42, 300 products, USD', () => {
    const options = resolveGenerateOptions({ customers: 10 });
    expect(options).toMatchObject({
      customers: 10,
      days: 365,
      seed: 42,
      products: 300,
      currency: 'USD',
      activity: 1,
    });
    expect(options.endDate).toEqual(todayUtcMidnight());
    expect(options.endDate.getTime() - options.startDate.getTime()).toBe(365 * 86_400_000);
  });

  it('accepts the end date as an ISO string or a Date', () => {
    expect(resolveGenerateOptions({ customers: 1, endDate: '2025-06-01' }).endDate.toISOString()).toBe(
      '2025-06-01T00:00:00.000Z',
    );
    const endDate = new Date('2025-06-01T12:00:00Z');
    expect(resolveGenerateOptions({ customers: 1, endDate }).endDate).toEqual(endDate);
  });

  it.each([
    [{ customers: 0 }, 'customers'],
    [{ customers: 1.5 }, 'customers'],
    [{ customers: 5, days: 0 }, 'days'],
    [{ customers: 5, seed: 0.5 }, 'seed'],
    [{ customers: 5, endDate: 'not a date' }, 'endDate'],
    [{ customers: 5, currency: 'euro' }, 'currency'],
    [{ customers: 5, activity: 0 }, 'activity'],
  ])('rejects %j with an invalid_input error naming %s', (input, path) => {
    const error = rejection(input);
    expect(isSegmintError(error)).toBe(true);
    if (!isSegmintError(error)) return;
    expect(error.code).toBe('invalid_input');
    expect(error.details.map((detail) => detail.path)).toContain(path);
    expect(error.message).toContain(path);
  });

  it('computes today’s UTC midnight', () => {
    expect(todayUtcMidnight(new Date('2025-03-04T23:59:59.999Z')).toISOString()).toBe(
      '2025-03-04T00:00:00.000Z',
    );
  });
});
