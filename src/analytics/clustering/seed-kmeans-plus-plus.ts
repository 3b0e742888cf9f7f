import type { FeatureMatrix } from './feature-matrix.ts';
import type { SeededRandom } from './seeded-random.ts';
import { createImprovements, evaluateCandidates } from './evaluate-candidates.ts';
import type { Improvements } from './evaluate-candidates.ts';
import { squaredDistance } from './squared-distance.ts';

/**
 * Greedy k-means++ seeding as scikit-learn does it: the first centre is a uniformly random row; each further centre
 * is the best (lowest resulting inertia) of `2 + floor(ln k)` rows sampled with probability proportional to their
 * squared distance to the nearest centre chosen so far.
 *
 * Exact acceleration: a point whose nearest centre `a` is at squared distance D² cannot be brought closer by a
 * candidate `c` with |a − c|² ≥ 4·D² (triangle inequality: |x − c| ≥ |a − c| − |x − a| ≥ |x − a|), so its distance
 * to `c` is never computed (about half of them at k = 8 on overlapping blobs; see evaluate-candidates.ts). The
 * centres are those of the plain algorithm; only the order of the floating-point sums differs.
 *
 * The seeding also returns each point's nearest centre and distance, which the Lloyd iterations use as their first
 * assignment and Hamerly upper bound, so no separate first assignment pass is needed.
 */
export interface KMeansSeeding {
  /** k × columns, row-major. */
  readonly centres: Float64Array;
  /** Index of the nearest centre of every row. */
  readonly labels: Int32Array;
  /** Euclidean (not squared) distance of every row to its nearest centre. */
  readonly distances: Float64Array;
}

export type SeedingOutcome =
  | { readonly kind: 'seeded'; readonly seeding: KMeansSeeding }
  /** Fewer distinct rows than k: every row already coincides with one of the `distinctRows` centres chosen. */
  | { readonly kind: 'too-few-distinct-rows'; readonly distinctRows: number };

export function seedKMeansPlusPlus(options: {
  matrix: FeatureMatrix;
  k: number;
  random: SeededRandom;
}): SeedingOutcome {
  const { matrix, k, random } = options;
  const { data, rows, columns } = matrix;
  const localTrials = 2 + Math.floor(Math.log(k));
  const centres = new Float64Array(k * columns);
  const labels = new Int32Array(rows);
  const closest = new Float64Array(rows); // squared distance to the nearest chosen centre

  copyRow(data, random.nextInt(rows), centres, 0, columns);
  let potential = 0;
  for (let row = 0; row < rows; row++) {
    const distance = squaredDistance(data, row * columns, centres, 0, columns);
    closest[row] = distance;
    potential += distance;
  }

  const candidateRows = new Int32Array(localTrials);
  const candidatePotentials = new Float64Array(localTrials);
  const candidateGaps = new Float64Array(localTrials * k).fill(Infinity); // squared distance candidate t → centre j
  const improvements = Array.from({ length: localTrials }, () =>
    createImprovements(Math.ceil(rows / k) + 16),
  );
  for (let centre = 1; centre < k; centre++) {
    if (potential === 0) return { kind: 'too-few-distinct-rows', distinctRows: centre };
    sampleRowsByWeight(closest, potential, random, candidateRows);
    for (let trial = 0; trial < localTrials; trial++) {
      const candidateOffset = (candidateRows[trial] as number) * columns;
      for (let chosen = 0; chosen < centre; chosen++) {
        candidateGaps[trial * k + chosen] = squaredDistance(
          data,
          candidateOffset,
          centres,
          chosen * columns,
          columns,
        );
      }
    }

    evaluateCandidates({
      matrix,
      labels,
      closest,
      candidateRows,
      candidateGaps,
      k,
      potentials: candidatePotentials,
      improvements,
    });
    let best = 0;
    for (let trial = 1; trial < localTrials; trial++) {
      if ((candidatePotentials[trial] as number) < (candidatePotentials[best] as number)) best = trial;
    }
    potential = candidatePotentials[best] as number;
    copyRow(data, candidateRows[best] as number, centres, centre * columns, columns);
    addCentre({ labels, closest, centre, improvements: improvements[best] as Improvements });
  }

  for (let row = 0; row < rows; row++) closest[row] = Math.sqrt(closest[row] as number);
  return { kind: 'seeded', seeding: { centres, labels, distances: closest } };
}

/** Makes centre `centre` the nearest centre of the points it takes over. */
function addCentre(options: {
  labels: Int32Array;
  closest: Float64Array;
  centre: number;
  improvements: Improvements;
}): void {
  const { labels, closest, centre, improvements } = options;
  for (let index = 0; index < improvements.length; index++) {
    const row = improvements.rows[index] as number;
    closest[row] = improvements.distances[index] as number;
    labels[row] = centre;
  }
}

/**
 * Fills `into` with rows drawn with probability proportional to `weights` (one draw per slot), in a single pass
 * over the cumulative sum. A draw lands on the first row whose cumulative weight exceeds it, so a row of weight 0 (a
 * point sitting on a chosen centre) is never drawn.
 */
function sampleRowsByWeight(
  weights: Float64Array,
  total: number,
  random: SeededRandom,
  into: Int32Array,
): void {
  const draws = Array.from(into, (_, slot) => ({ slot, threshold: random.nextFloat() * total }));
  draws.sort((left, right) => left.threshold - right.threshold);
  let row = -1;
  let cumulative = 0;
  let lastPositive = 0;
  for (const draw of draws) {
    while (cumulative <= draw.threshold && row < weights.length - 1) {
      row++;
      const weight = weights[row] as number;
      cumulative += weight;
      if (weight > 0) lastPositive = row;
    }
    // Rounding can leave a draw at or just above the final cumulative sum: it takes the last row of positive weight.
    into[draw.slot] = cumulative > draw.threshold ? row : lastPositive;
  }
}

function copyRow(from: Float64Array, row: number, to: Float64Array, offset: number, columns: number): void {
  to.set(from.subarray(row * columns, row * columns + columns), offset);
}
