import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { reportSkippedSharedData, sharedDataFile } from '../../test-support/shared-data.ts';
import { clusterProfiles } from './cluster-profiles.ts';
import { fitKMeans } from './fit-kmeans.ts';

/**
 * Validation on the Mall Customers set (200 customers, the standard k-means segmentation example): on annual income
 * and spending score, k-means with k = 5 finds the five textbook groups, and automatic k picks 5.
 */
const path = sharedDataFile('mall_customers', 'Mall_Customers.csv');
if (!path)
  reportSkippedSharedData('Mall Customers k-means validation', 'mall_customers', 'Mall_Customers.csv');

const FEATURES = ['Annual_Income(k$)', 'Spending_Score(1-100)'];

function loadFeatures(file: string): { data: Float64Array; rows: number; columns: number } {
  const records: Record<string, string>[] = parse(readFileSync(file), { columns: true, trim: true });
  const data = Float64Array.from(
    records.flatMap((record) => FEATURES.map((feature) => Number(record[feature]))),
  );
  return { data, rows: records.length, columns: FEATURES.length };
}

/** The textbook centroids (income k$, spending score), as [income, score], each matched to the nearest found. */
const TEXTBOOK_CENTROIDS = [
  [55, 50],
  [87, 18],
  [86, 82],
  [26, 79],
  [26, 21],
];

function nearestCentroid(found: number[][], target: number[]): number[] {
  const distance = (point: number[]) => Math.hypot(point[0]! - target[0]!, point[1]! - target[1]!);
  return found.reduce((best, point) => (distance(point) < distance(best) ? point : best));
}

describe.runIf(path)('Mall Customers (annual income, spending score)', () => {
  const matrix = loadFeatures(path ?? '');

  it('has 200 customers', () => {
    expect(matrix.rows).toBe(200);
  });

  it('k = 5 on standardised features finds the five textbook groups', () => {
    const profiles = clusterProfiles({ ...matrix, featureNames: FEATURES, k: 5, seed: 0 });
    const found = profiles.clusters.map((cluster) => cluster.features.map((feature) => feature.centroid));
    for (const target of TEXTBOOK_CENTROIDS) {
      const match = nearestCentroid(found, target);
      expect(Math.abs(match[0]! - target[0]!)).toBeLessThan(3);
      expect(Math.abs(match[1]! - target[1]!)).toBeLessThan(3);
    }
    expect(profiles.clusters.map((cluster) => cluster.size)).toEqual([81, 39, 35, 23, 22]);
    expect(profiles.clusters.map((cluster) => cluster.description)).toEqual([
      'average annual income and spending score',
      'high annual income, high spending score',
      'high annual income, low spending score',
      'low annual income, low spending score',
      'low annual income, high spending score',
    ]);
  });

  it('k = 5 in raw units reaches the well-known optimum inertia of 44,448.46 (scikit-learn gives the same)', () => {
    const fit = fitKMeans({ ...matrix, k: 5, seed: 0, nInit: 10 });
    expect(fit.inertia).toBeCloseTo(44448.4554, 3);
  });

  it('automatic k picks 5: highest silhouette 0.55, and the elbow of inertia is at 5 too', () => {
    const profiles = clusterProfiles({ ...matrix, featureNames: FEATURES, seed: 0 });
    expect(profiles.k).toBe(5);
    expect(profiles.selection?.reason).toBe(
      'k = 5: highest silhouette 0.55; the elbow of inertia is at k = 5',
    );
    expect(profiles.sampleRows).toBe(200);
  });
});
