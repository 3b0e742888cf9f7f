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
  // More than 8 features take the generic loops instead of the 8-wide ones (see wide-rows.ts).
  const { matrix: manyFeatures } = generateBlobs({ rows: 400, columns: 11, blobs: 5, spread: 3, seed: 12 });

  it.each([
    { k: 2, features: 3 },
    { k: 5, features: 3 },
    { k: 8, features: 3 },
    { k: 13, features: 3 },
    { k: 4, features: 11 },
    { k: 9, features: 11 },
  ])(
    'picks the same centres as the plain greedy algorithm (k = $k, $features features)',
    ({ k, features }) => {
      const data = features === 3 ? matrix : manyFeatures;
      for (const seed of [1, 2, 3]) {
        const seeded = seedKMeansPlusPlus({ matrix: data, k, random: createSeededRandom(seed) });
        if (seeded.kind !== 'seeded') throw new Error('expected a seeding');
        expect(centreRows(data, seeded.seeding.centres)).toEqual(
          plainGreedyKMeansPlusPlus(data, k, createSeededRandom(seed)),
        );
      }
    },
  );

  it("returns every point's nearest centre and its distance", () => {
    const seeded = seedKMeansPlusPlus({ matrix, k: 7, random: createSeededRandom(5) });
    if (seeded.kind !== 'seeded') throw new Error('expected a seeding');
    const { centres, labels, distances } = seeded.seeding;
    for (let row = 0; row < matrix.rows; row++) {
      const toCentres = Array.from({ length: 7 }, (_, centre) =>
        squaredDistance(matrix.data, row * 3, centres, centre * 3, 3),
      );
      const nearest = toCentres.indexOf(Math.min(...toCentres));
      expect(labels[row]).toBe(nearest);
      expect(distances[row]).toBeCloseTo(Math.sqrt(toCentres[nearest]!), 12);
    }
  });

  it('reports how many distinct rows there are when k exceeds it', () => {
    const repeated = { data: Float64Array.from([1, 1, 2, 2, 1, 1, 3, 3, 2, 2, 3, 3]), rows: 6, columns: 2 };
    expect(seedKMeansPlusPlus({ matrix: repeated, k: 4, random: createSeededRandom(0) })).toEqual({
      kind: 'too-few-distinct-rows',
      distinctRows: 3,
    });
    expect(seedKMeansPlusPlus({ matrix: repeated, k: 3, random: createSeededRandom(0) }).kind).toBe('seeded');
  });
});
