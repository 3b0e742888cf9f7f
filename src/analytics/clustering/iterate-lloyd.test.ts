import { describe, expect, it } from 'vitest';
import type { FeatureMatrix } from './feature-matrix.ts';
import { generateBlobs } from './generate-blobs.ts';
import { iterateLloyd } from './iterate-lloyd.ts';
import { createSeededRandom } from './seeded-random.ts';
import { seedKMeansPlusPlus } from './seed-kmeans-plus-plus.ts';
import type { KMeansSeeding } from './seed-kmeans-plus-plus.ts';
import { squaredDistance } from './squared-distance.ts';

/** Plain Lloyd with scikit-learn's stopping rule: every distance computed, centres recomputed from scratch. */
function plainLloyd(matrix: FeatureMatrix, seeding: KMeansSeeding, maxIter: number, tolerance: number) {
  const { data, rows, columns } = matrix;
  const k = seeding.centres.length / columns;
  let centres: Float64Array = Float64Array.from(seeding.centres);
  let labels: Int32Array = Int32Array.from(seeding.labels);
  const assign = (): Int32Array =>
    Int32Array.from({ length: rows }, (_, row) => {
      let nearest = 0;
      for (let centre = 1; centre < k; centre++) {
        const distance = squaredDistance(data, row * columns, centres, centre * columns, columns);
        if (distance < squaredDistance(data, row * columns, centres, nearest * columns, columns))
          nearest = centre;
      }
      return nearest;
    });
  let changed = true;
  let iterations = 0;
  for (let iteration = 1; iteration <= maxIter; iteration++) {
    iterations = iteration;
    const sums = new Float64Array(k * columns);
    const counts = new Float64Array(k);
    labels.forEach((label, row) => {
      counts[label]! += 1;
      for (let column = 0; column < columns; column++)
        sums[label * columns + column]! += data[row * columns + column]!;
    });
    const updated = sums.map((sum, index) => sum / counts[Math.floor(index / columns)]!);
    const shift = updated.reduce((total, value, index) => total + (value - centres[index]!) ** 2, 0);
    centres = updated;
    if (!changed) break;
    if (shift <= tolerance) {
      labels = assign();
      break;
    }
    const next = assign();
    changed = next.some((label, row) => label !== labels[row]);
    labels = next;
  }
  let inertia = 0;
  labels.forEach(
    (label, row) => (inertia += squaredDistance(data, row * columns, centres, label * columns, columns)),
  );
  return { centres, labels, inertia, iterations };
}

function seedingFor(matrix: FeatureMatrix, k: number, seed: number): KMeansSeeding {
  const seeded = seedKMeansPlusPlus({ matrix, k, random: createSeededRandom(seed) });
  if (seeded.kind !== 'seeded') throw new Error('expected a seeding');
  return seeded.seeding;
}

describe('iterateLloyd (Hamerly bounds)', () => {
  // Overlapping blobs, so that many points change cluster over many iterations and the bounds are exercised.
  const { matrix } = generateBlobs({ rows: 3_000, columns: 4, blobs: 6, spread: 3, seed: 21 });

  // More than 8 features take the generic loops instead of the 8-wide ones (see wide-rows.ts).
  const { matrix: manyFeatures } = generateBlobs({ rows: 1_500, columns: 10, blobs: 5, spread: 6, seed: 22 });

  it.each([
    { k: 3, seed: 1, tolerance: 0, features: 4 },
    { k: 6, seed: 2, tolerance: 0, features: 4 },
    { k: 9, seed: 3, tolerance: 1e-4, features: 4 },
    { k: 12, seed: 4, tolerance: 0, features: 4 },
    { k: 5, seed: 5, tolerance: 0, features: 10 },
    { k: 8, seed: 6, tolerance: 1e-4, features: 10 },
  ])(
    'gives the labels, centres and iteration count of plain Lloyd (k = $k, tol $tolerance, $features features)',
    (example) => {
      const data = example.features === 4 ? matrix : manyFeatures;
      const seeding = seedingFor(data, example.k, example.seed);
      const fast = iterateLloyd({ matrix: data, seeding, maxIter: 300, tolerance: example.tolerance });
      const plain = plainLloyd(data, seeding, 300, example.tolerance);
      expect(fast.iterations).toBe(plain.iterations);
      expect(fast.iterations).toBeGreaterThan(3);
      expect(Array.from(fast.labels)).toEqual(Array.from(plain.labels));
      fast.centres.forEach((value, index) => expect(value).toBeCloseTo(plain.centres[index]!, 9));
      expect(fast.inertia).toBeCloseTo(plain.inertia, 6);
      expect(fast.converged).toBe(true);
    },
  );

  it('stops at maxIter and says it did not converge, with labels that match the final centres', () => {
    const seeding = seedingFor(matrix, 8, 6);
    const capped = iterateLloyd({ matrix, seeding, maxIter: 2, tolerance: 0 });
    const plain = plainLloyd(matrix, seeding, 2, 0);
    expect(capped).toMatchObject({ iterations: 2, converged: false });
    expect(Array.from(capped.labels)).toEqual(Array.from(plain.labels));
  });

  it('does not change the seeding it starts from', () => {
    const seeding = seedingFor(matrix, 5, 7);
    const before = Array.from(seeding.labels);
    iterateLloyd({ matrix, seeding, maxIter: 300, tolerance: 0 });
    expect(Array.from(seeding.labels)).toEqual(before);
  });
});
