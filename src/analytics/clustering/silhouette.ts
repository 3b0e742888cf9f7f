import type { FeatureMatrix } from './feature-matrix.ts';
import { createSeededRandom } from './seeded-random.ts';

/**
 * Silhouette (Rousseeuw 1987) on a seeded sample, as scikit-learn's `silhouette_score(..., sample_size=m)`: the
 * measure costs O(m²) distances, so it is computed on at most `sampleSize` rows drawn without replacement, using the
 * labels the full fit gave them. The same sample is reused for every k, so the scores are comparable.
 *
 * For a point i in cluster A: a = mean distance to the other points of A, b = the lowest mean distance to the
 * points of another cluster, s(i) = (b − a) / max(a, b), and 0 when A has a single point in the sample.
 */
export interface SilhouetteSample {
  readonly matrix: FeatureMatrix;
  /** Sorted row indices of the sample in the full matrix. */
  readonly rows: Int32Array;
}

/** A random stream of its own, so the sample does not depend on how many k-means starts ran. */
const SAMPLE_STREAM = 1_000_003;

export function drawSilhouetteSample(options: {
  matrix: FeatureMatrix;
  sampleSize: number;
  seed: number;
}): SilhouetteSample {
  const { matrix, sampleSize, seed } = options;
  return { matrix, rows: sampleRowsWithoutReplacement(matrix.rows, sampleSize, seed) };
}

/** `count` distinct rows of `rows` (all of them when count ≥ rows), sorted; Floyd's algorithm. */
export function sampleRowsWithoutReplacement(rows: number, count: number, seed: number): Int32Array {
  if (count >= rows) return Int32Array.from({ length: rows }, (_, row) => row);
  const random = createSeededRandom(seed, SAMPLE_STREAM);
  const chosen = new Set<number>();
  for (let candidateLimit = rows - count; candidateLimit < rows; candidateLimit++) {
    const pick = random.nextInt(candidateLimit + 1);
    chosen.add(chosen.has(pick) ? candidateLimit : pick);
  }
  return Int32Array.from(chosen).sort();
}

/**
 * Mean silhouette of the sample under `labels` (labels of all rows of the full matrix, values 0 … k − 1), or
 * undefined when the sample holds fewer than two clusters or every point is its own cluster (the measure is not
 * defined there).
 */
export function silhouetteScore(options: {
  sample: SilhouetteSample;
  labels: Int32Array;
  k: number;
}): number | undefined {
  const { sample, labels, k } = options;
  const { data, columns } = sample.matrix;
  const size = sample.rows.length;
  const sampleLabels = Int32Array.from(sample.rows, (row) => labels[row] as number);
  const clusterSizes = new Float64Array(k);
  for (const label of sampleLabels) clusterSizes[label] = (clusterSizes[label] as number) + 1;
  const clustersPresent = clusterSizes.filter((clusterSize) => clusterSize > 0).length;
  if (clustersPresent < 2 || clustersPresent >= size) return undefined;

  // distanceSums[i × k + c]: sum of distances from sample point i to the sample points of cluster c.
  const distanceSums = new Float64Array(size * k);
  for (let first = 0; first < size; first++) {
    const firstOffset = (sample.rows[first] as number) * columns;
    const firstLabel = sampleLabels[first] as number;
    for (let second = first + 1; second < size; second++) {
      const secondOffset = (sample.rows[second] as number) * columns;
      let squared = 0;
      for (let column = 0; column < columns; column++) {
        const difference = (data[firstOffset + column] as number) - (data[secondOffset + column] as number);
        squared += difference * difference;
      }
      const distance = Math.sqrt(squared);
      const toSecondCluster = first * k + (sampleLabels[second] as number);
      const toFirstCluster = second * k + firstLabel;
      distanceSums[toSecondCluster] = (distanceSums[toSecondCluster] as number) + distance;
      distanceSums[toFirstCluster] = (distanceSums[toFirstCluster] as number) + distance;
    }
  }

  let total = 0;
  for (let point = 0; point < size; point++) {
    const own = sampleLabels[point] as number;
    const ownSize = clusterSizes[own] as number;
    if (ownSize < 2) continue; // a singleton's silhouette is 0
    const cohesion = (distanceSums[point * k + own] as number) / (ownSize - 1);
    let separation = Infinity;
    for (let cluster = 0; cluster < k; cluster++) {
      const clusterSize = clusterSizes[cluster] as number;
      if (cluster === own || clusterSize === 0) continue;
      const meanDistance = (distanceSums[point * k + cluster] as number) / clusterSize;
      if (meanDistance < separation) separation = meanDistance;
    }
    const scale = Math.max(cohesion, separation);
    if (scale > 0) total += (separation - cohesion) / scale;
  }
  return total / size;
}
