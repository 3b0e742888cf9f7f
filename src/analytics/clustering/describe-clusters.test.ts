import { describe, expect, it } from 'vitest';
import { describeClusters, levelOfZScore } from './describe-clusters.ts';

describe('levelOfZScore', () => {
  it.each([
    [0, 'average'],
    [0.49, 'average'],
    [0.5, 'high'],
    [1.49, 'high'],
    [1.5, 'very high'],
    [-0.5, 'low'],
    [-1.5, 'very low'],
  ] as const)('z = %d is "%s"', (zScore, level) => {
    expect(levelOfZScore(zScore)).toBe(level);
  });
});

describe('describeClusters', () => {
  // Overall: income mean 60 (std 25), spending mean 50 (std 25), visits mean 10 (std 0: constant).
  const scaling = { means: Float64Array.from([60, 50, 10]), stds: Float64Array.from([25, 25, 0]) };
  const featureNames = ['annual_income', 'spending_score', 'visits'];
  const centroids = Float64Array.from([87, 18, 10, 55, 50, 10, 26, 90, 10]);
  const labels = Int32Array.from([0, 0, 1, 1, 1, 2, 1, 0]);
  const clusters = describeClusters({ featureNames, centroids, labels, scaling });

  it('counts sizes and shares', () => {
    expect(clusters.map((cluster) => [cluster.size, cluster.share])).toEqual([
      [3, 3 / 8],
      [4, 4 / 8],
      [1, 1 / 8],
    ]);
  });

  it('reports centroids in the original units with their z-scores', () => {
    expect(clusters[0]!.features[0]).toEqual({
      name: 'annual_income',
      label: 'annual income',
      centroid: 87,
      zScore: (87 - 60) / 25,
      level: 'high',
    });
    expect(clusters[0]!.features[2]).toMatchObject({ zScore: 0, level: 'average' });
  });

  it('describes each cluster by its distinctive features, in feature order', () => {
    expect(clusters.map((cluster) => cluster.description)).toEqual([
      'high annual income, low spending score',
      'average annual income, spending score and visits',
      'low annual income, very high spending score',
    ]);
  });

  it('names at most four features, the most distinctive ones', () => {
    const names = ['a', 'b', 'c', 'd', 'e'];
    const [cluster] = describeClusters({
      featureNames: names,
      centroids: Float64Array.from([0.6, -2, 1, -0.7, 3]),
      labels: Int32Array.from([0]),
      scaling: { means: new Float64Array(5), stds: new Float64Array(5).fill(1) },
    });
    expect(cluster!.description).toBe('very low b, high c, low d, very high e');
  });

  it('says "and the other features" when an average cluster has many features', () => {
    const [cluster] = describeClusters({
      featureNames: ['a', 'b', 'c', 'd'],
      centroids: new Float64Array(4),
      labels: Int32Array.from([0]),
      scaling: { means: new Float64Array(4), stds: new Float64Array(4).fill(1) },
    });
    expect(cluster!.description).toBe('average a, b and c and the other features');
  });
});
