import { describe, expect, it } from 'vitest';
import type { FeatureMatrix } from './feature-matrix.ts';
import { generateBlobs } from './generate-blobs.ts';
import { createSeededRandom } from './seeded-random.ts';
import type { SeededRandom } from './seeded-random.ts';
import { seedKMeansPlusPlus } from './seed-kmeans-plus-plus.ts';
import { squaredDistance } from './squared-distance.ts';

/**
 * Greedy k-means++ written the obvious way (scikit-learn's `_kmeans_plusplus` without its vectorisation): every
 * distance computed, no shortcuts. It draws random numbers in the same order as the real one, so both must pick the
 * same centres.
 */
function plainGreedyKMeansPlusPlus(matrix: FeatureMatrix, k: number, random: SeededRandom): number[] {
  const { data, rows, columns } = matrix;
  const trials = 2 + Math.floor(Math.log(k));
  const distanceToRow = (row: number, other: number) =>
    squaredDistance(data, row * columns, data, other * columns, columns);
  const chosen = [random.nextInt(rows)];
  let closest = Array.from({ length: rows }, (_, row) => distanceToRow(row, chosen[0]!));
  while (chosen.length < k) {
    const potential = closest.reduce((sum, value) => sum + value, 0);
    const candidates = Array.from({ length: trials }, () => {
      const threshold = random.nextFloat() * potential;
      let cumulative = 0;
      return closest.findIndex((weight) => (cumulative += weight) > threshold);
    });
    const outcomes = candidates.map((candidate) => {
      const updated = closest.map((current, row) => Math.min(current, distanceToRow(row, candidate)));
      return { candidate, updated, potential: updated.reduce((sum, value) => sum + value, 0) };
    });
    const best = outcomes.reduce((winner, outcome) =>
      outcome.potential < winner.potential ? outcome : winner,
    );
    chosen.push(best.candidate);
    closest = best.updated;
  }
  return chosen;
}

function centreRows(matrix: FeatureMatrix, centres: Float64Array): number[] {
  const { data, rows, columns } = matrix;
  return Array.from({ length: centres.length / columns }, (_, centre) => {
    for (let row = 0; row < rows; row++) {
      if (squaredDistance(data, row * columns, centres, centre * columns, columns) === 0) return row;
    }
    return -1;
  });
}

describe('seedKMeansPlusPlus', () => {
  const { matrix } = generateBlobs({ rows: 600, columns: 3, blobs: 6, spread: 1.5, seed: 11 });
  // Up to 8 features and k ≤ 20 (at most 4 candidates) the dense kernel computes every distance; 6–8 features take
  // its tail terms. More than 8 features, or k > 20, take the kernels pruned by the triangle inequality.
  const { matrix: sevenFeatures } = generateBlobs({ rows: 500, columns: 7, blobs: 6, spread: 2, seed: 13 });
  const { matrix: manyFeatures } = generateBlobs({ rows: 400, columns: 11, blobs: 5, spread: 3, seed: 12 });
  const byFeatures = new Map([
    [3, matrix],
    [7, sevenFeatures],
    [11, manyFeatures],
  ]);

  it.each([
    { k: 2, features: 3, kernel: 'dense' },
    { k: 5, features: 3, kernel: 'dense' },
    { k: 8, features: 3, kernel: 'dense' },
    { k: 13, features: 3, kernel: 'dense' },
    { k: 8, features: 7, kernel: 'dense' },
    { k: 24, features: 3, kernel: 'pruned' },
    { k: 4, features: 11, kernel: 'pruned' },
    { k: 9, features: 11, kernel: 'pruned' },
    { k: 22, features: 11, kernel: 'pruned' },
  ])(
    'picks the same centres as the plain greedy algorithm (k = $k, $features features, $kernel kernel)',
    ({ k, features }) => {
      const data = byFeatures.get(features);
      if (data === undefined) throw new Error(`no test data with ${features} features`);
      for (const seed of [1, 2, 3]) {
        const seeded = seedKMeansPlusPlus({ matrix: data, k, random: createSeededRandom(seed) });
        if (seeded.kind !== 'seeded') throw new Error('expected a seeding');
        expect(centreRows(data, seeded.seeding.centres)).toEqual(
          plainGreedyKMeansPlusPlus(data, k, createSeededRandom(seed)),
        );
      }
    },
  );

  it.each([
    { k: 7, features: 3 },
    { k: 24, features: 3 },
    { k: 9, features: 11 },
  ])(
    "returns every point's nearest centre and its distance, the last centre included (k = $k, $features features)",
    ({ k, features }) => {
      const data = byFeatures.get(features);
      if (data === undefined) throw new Error(`no test data with ${features} features`);
      const seeded = seedKMeansPlusPlus({ matrix: data, k, random: createSeededRandom(5) });
      if (seeded.kind !== 'seeded') throw new Error('expected a seeding');
      const { centres, labels, distances } = seeded.seeding;
      for (let row = 0; row < data.rows; row++) {
        const toCentres = Array.from({ length: k }, (_, centre) =>
          squaredDistance(data.data, row * features, centres, centre * features, features),
        );
        const nearest = toCentres.indexOf(Math.min(...toCentres));
        expect(labels[row]).toBe(nearest);
        expect(distances[row]).toBeCloseTo(Math.sqrt(toCentres[nearest]!), 12);
      }
    },
  );

  it('reports how many distinct rows there are when k exceeds it', () => {
    const repeated = { data: Float64Array.from([1, 1, 2, 2, 1, 1, 3, 3, 2, 2, 3, 3]), rows: 6, columns: 2 };
    expect(seedKMeansPlusPlus({ matrix: repeated, k: 4, random: createSeededRandom(0) })).toEqual({
      kind: 'too-few-distinct-rows',
      distinctRows: 3,
    });
    expect(seedKMeansPlusPlus({ matrix: repeated, k: 3, random: createSeededRandom(0) }).kind).toBe('seeded');
  });
});
