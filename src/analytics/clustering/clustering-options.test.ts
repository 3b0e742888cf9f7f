import { describe, expect, it } from 'vitest';
import { SegmintError } from '../../errors.ts';
import {
  clusterRequestSchema,
  kMeansSettingsSchema,
  parseClusteringOptions,
  startsFor,
} from './clustering-options.ts';

describe('clustering options', () => {
  it('fills in the defaults', () => {
    expect(kMeansSettingsSchema.parse({})).toEqual({ maxIter: 300, tol: 1e-4, seed: 0 });
    expect(clusterRequestSchema.parse({ features: ['income', 'spend'] })).toEqual({
      features: ['income', 'spend'],
      k: 'auto',
      maxIter: 300,
      tol: 1e-4,
      seed: 0,
      kMin: 2,
      kMax: 10,
      sampleSize: 2000,
    });
  });

  it('runs 10 starts up to 100,000 rows and 3 above, unless told otherwise', () => {
    const defaults = kMeansSettingsSchema.parse({});
    expect(startsFor(defaults, 100_000)).toBe(10);
    expect(startsFor(defaults, 100_001)).toBe(3);
    expect(startsFor({ ...defaults, nInit: 5 }, 1_000_000)).toBe(5);
  });

  it('accepts numbers as command-line strings', () => {
    const request = clusterRequestSchema.parse({
      features: ['a'],
      k: '5',
      seed: '42',
      tol: '1e-3',
      nInit: ' 2 ',
    });
    expect(request).toMatchObject({ k: 5, seed: 42, tol: 0.001, nInit: 2 });
  });

  it('accepts k = "auto" and rejects other words', () => {
    expect(clusterRequestSchema.parse({ features: ['a'], k: 'auto' }).k).toBe('auto');
    expect(clusterRequestSchema.safeParse({ features: ['a'], k: 'many' }).success).toBe(false);
    expect(clusterRequestSchema.safeParse({ features: ['a'], k: '2.5' }).success).toBe(false);
  });

  it('rejects repeated or empty feature names and an empty feature list', () => {
    expect(clusterRequestSchema.safeParse({ features: ['a', 'a'] }).success).toBe(false);
    expect(clusterRequestSchema.safeParse({ features: [' '] }).success).toBe(false);
    expect(clusterRequestSchema.safeParse({ features: [] }).success).toBe(false);
  });

  it('turns schema issues into an invalid_input error that names the option', () => {
    try {
      parseClusteringOptions(kMeansSettingsSchema, { maxIter: -1 }, 'k-means options');
      expect.unreachable();
    } catch (error) {
      if (!(error instanceof SegmintError)) throw error;
      expect(error.code).toBe('invalid_input');
      expect(error.message).toMatch(/^Invalid k-means options: maxIter /);
      expect(error.details[0]?.path).toBe('maxIter');
    }
  });
});
