import { describe, expect, it } from 'vitest';
import { drawSilhouetteSample, sampleRowsWithoutReplacement, silhouetteScore } from './silhouette.ts';

describe('silhouetteScore', () => {
  // One feature: two tight pairs far apart, 0 and 1 in cluster 0, 10 and 11 in cluster 1.
  const matrix = { data: Float64Array.from([0, 1, 10, 11]), rows: 4, columns: 1 };
  const sample = drawSilhouetteSample({ matrix, sampleSize: 100, seed: 0 });

  it('follows the definition s = (b − a) / max(a, b), averaged over the points', () => {
    // Point 0: a = 1, b = (10 + 11) / 2 = 10.5. Point 1: a = 1, b = (9 + 10) / 2 = 9.5. The others mirror them.
    const expected = ((10.5 - 1) / 10.5 + (9.5 - 1) / 9.5) / 2;
    expect(silhouetteScore({ sample, labels: Int32Array.from([0, 0, 1, 1]), k: 2 })).toBeCloseTo(
      expected,
      12,
    );
  });

  it('is negative when the labels cut across the natural groups', () => {
    expect(silhouetteScore({ sample, labels: Int32Array.from([0, 1, 0, 1]), k: 2 })!).toBeLessThan(0);
  });

  it('counts a point alone in its cluster as 0', () => {
    // Point 0 alone: 0. Points 1, 10, 11 in one cluster: a and b from the definition.
    const point1 = (1 - (9 + 10) / 2) / Math.max(1, (9 + 10) / 2);
    const point10 = (10 - (9 + 1) / 2) / Math.max(10, (9 + 1) / 2);
    const point11 = (11 - (10 + 1) / 2) / Math.max(11, (10 + 1) / 2);
    const expected = (0 + point1 + point10 + point11) / 4;
    expect(silhouetteScore({ sample, labels: Int32Array.from([0, 1, 1, 1]), k: 2 })).toBeCloseTo(
      expected,
      12,
    );
  });

  it('is undefined for a single cluster and for one cluster per point', () => {
    expect(silhouetteScore({ sample, labels: Int32Array.from([0, 0, 0, 0]), k: 2 })).toBeUndefined();
    expect(silhouetteScore({ sample, labels: Int32Array.from([0, 1, 2, 3]), k: 4 })).toBeUndefined();
  });
});

describe('sampleRowsWithoutReplacement', () => {
  it('draws distinct sorted rows, the same ones for the same seed', () => {
    const rows = sampleRowsWithoutReplacement(10_000, 500, 3);
    expect(rows.length).toBe(500);
    expect(new Set(rows).size).toBe(500);
    expect(Array.from(rows)).toEqual(Array.from(rows).sort((left, right) => left - right));
    expect(rows[499]).toBeLessThan(10_000);
    expect(Array.from(sampleRowsWithoutReplacement(10_000, 500, 3))).toEqual(Array.from(rows));
    expect(Array.from(sampleRowsWithoutReplacement(10_000, 500, 4))).not.toEqual(Array.from(rows));
  });

  it('spreads the sample over the whole range', () => {
    const rows = sampleRowsWithoutReplacement(10_000, 1_000, 5);
    const inFirstHalf = rows.filter((row) => row < 5_000).length;
    expect(inFirstHalf).toBeGreaterThan(430);
    expect(inFirstHalf).toBeLessThan(570);
  });

  it('takes every row when the sample is at least as large as the data', () => {
    expect(Array.from(sampleRowsWithoutReplacement(4, 10, 0))).toEqual([0, 1, 2, 3]);
  });
});
