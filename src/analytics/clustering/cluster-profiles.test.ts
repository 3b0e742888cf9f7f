import { describe, expect, it } from 'vitest';
import { SegmintError } from '../../errors.ts';
import { clusterProfiles, orderClustersBySize } from './cluster-profiles.ts';
import { createSeededRandom } from './seeded-random.ts';

/**
 * Customers in three made-up groups, in very different units: income in k$ (~20 / 60 / 120) and visits per month
 * (~2 / 20 / 5). Group sizes 300, 200, 100.
 */
function customers() {
  const random = createSeededRandom(99);
  const groups = [
    { size: 300, income: 20, visits: 2 },
    { size: 200, income: 60, visits: 20 },
    { size: 100, income: 120, visits: 5 },
  ];
  const values: number[] = [];
  for (const group of groups) {
    for (let index = 0; index < group.size; index++) {
      values.push(
        group.income + (random.nextFloat() - 0.5) * 10,
        group.visits + (random.nextFloat() - 0.5) * 2,
      );
    }
  }
  return {
    data: Float64Array.from(values),
    rows: 600,
    columns: 2,
    featureNames: ['annual_income', 'visitsPerMonth'],
  };
}

describe('clusterProfiles', () => {
  const input = customers();

  it('chooses k, numbers clusters by size and describes them in the original units', () => {
    const profiles = clusterProfiles({ ...input, seed: 3 });
    expect(profiles.k).toBe(3);
    expect(profiles.selection?.reason).toMatch(
      /^k = 3: highest silhouette 0\.\d\d; the elbow of inertia is at k = 3$/,
    );
    expect(profiles.clusters.map((cluster) => cluster.size)).toEqual([300, 200, 100]);
    expect(profiles.clusters.map((cluster) => cluster.share)).toEqual([0.5, 200 / 600, 100 / 600]);
    const centroids = profiles.clusters.map((cluster) => cluster.features.map((feature) => feature.centroid));
    expect(centroids[0]![0]).toBeCloseTo(20, 0);
    expect(centroids[1]![1]).toBeCloseTo(20, 0);
    expect(centroids[2]![0]).toBeCloseTo(120, 0);
    expect(profiles.clusters.map((cluster) => cluster.description)).toEqual([
      'low annual income, low visits per month',
      'high visits per month', // income 60 is close to the overall mean of 50
      'very high annual income',
    ]);
    expect(Array.from(profiles.labels.subarray(0, 3))).toEqual([0, 0, 0]);
    expect(profiles.labels[599]).toBe(2);
  });

  it('fits the k it is given (as a number or a command-line string) and reports the silhouette', () => {
    const fixed = clusterProfiles({ ...input, k: '2', seed: 1 });
    expect(fixed.k).toBe(2);
    expect(fixed.selection).toBeNull();
    expect(fixed.silhouette).toBeGreaterThan(0.5);
    expect(clusterProfiles({ ...input, k: 4 }).clusters).toHaveLength(4);
  });

  it('standardises, so the feature in large units does not decide alone', () => {
    // In raw units income dominates; with z-scores the visits separate the 60 k$ group as well.
    const profiles = clusterProfiles({ ...input, k: 3, seed: 0 });
    expect(new Set(profiles.labels.subarray(300, 500)).size).toBe(1);
    expect(profiles.scaling.means[0]).toBeCloseTo((300 * 20 + 200 * 60 + 100 * 120) / 600, 0);
  });

  it('rejects an unknown k and names the bad feature cell', () => {
    expect(() => clusterProfiles({ ...input, k: 'many' })).toThrow(SegmintError);
    const data = Float64Array.from(input.data);
    data[7] = NaN;
    expect(() => clusterProfiles({ ...input, data })).toThrow('row 3, visitsPerMonth is NaN');
  });
});

describe('orderClustersBySize', () => {
  it('renumbers clusters so that 0 is the largest, moving the centroids along', () => {
    const ordered = orderClustersBySize({
      k: 3,
      columns: 1,
      centroids: Float64Array.from([10, 20, 30]),
      labels: Int32Array.from([1, 2, 2, 2, 0, 0]),
      inertia: 0,
      iterations: 1,
      converged: true,
    });
    expect(Array.from(ordered.labels)).toEqual([2, 0, 0, 0, 1, 1]);
    expect(Array.from(ordered.centroids)).toEqual([30, 10, 20]);
  });
});
