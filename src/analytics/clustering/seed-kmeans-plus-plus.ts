import type { FeatureMatrix } from './feature-matrix.ts';
import type { SeededRandom } from './seeded-random.ts';
import { ChunkTask } from './kmeans-chunk-tasks.ts';
import { createChunkExecutor } from './kmeans-executor.ts';
import type { ChunkExecutor } from './kmeans-executor.ts';
import {
  SCALAR_CLOSEST_IS_SQUARED,
  SCALAR_NEW_CENTRE,
  SCALAR_WINNER,
  chunkValueCount,
} from './kmeans-workspace.ts';
import type { KMeansWorkspace } from './kmeans-workspace.ts';
import { squaredDistance } from './squared-distance.ts';
import { WIDE_COLUMNS, widenRows } from './wide-rows.ts';

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
  const executor = createChunkExecutor({ matrix: options.matrix, k: options.k, threads: 1 });
  const outcome = seedInWorkspace(executor, options.random);
  if (outcome.kind === 'too-few-distinct-rows') return outcome;
  const { centres, labels, closest } = executor.workspace;
  const distances = closest.map(Math.sqrt);
  return { kind: 'seeded', seeding: { centres: centres.slice(), labels: labels.slice(), distances } };
}

/**
 * Seeds the executor's workspace: its centres, labels and (squared) `closest` distances. The passes over all rows run
 * chunk by chunk on the executor's threads; the sampling (one pass over the cumulative sum) runs here.
 */
export function seedInWorkspace(
  executor: ChunkExecutor,
  random: SeededRandom,
): { kind: 'seeded' } | { kind: 'too-few-distinct-rows'; distinctRows: number } {
  const workspace = executor.workspace;
  const { matrix, k, trials, centres, closest, scalars } = workspace;
  const { data, rows, columns } = matrix;
  copyRow(data, random.nextInt(rows), centres, 0, columns);
  executor.run(ChunkTask.distancesToFirstCentre);
  let potential = sumChunkValues(workspace)[0] as number;

  const candidateRows = new Int32Array(trials);
  workspace.candidateGaps.fill(Infinity); // squared distance candidate t → centre j, for the centres chosen so far
  for (let centre = 1; centre < k; centre++) {
    if (potential === 0) return { kind: 'too-few-distinct-rows', distinctRows: centre };
    sampleRowsByWeight(closest, potential, random, candidateRows);
    prepareCandidates(workspace, candidateRows, centre);
    executor.run(ChunkTask.evaluateCandidates);
    const potentials = sumChunkValues(workspace);
    let best = 0;
    for (let trial = 1; trial < trials; trial++) {
      if ((potentials[trial] as number) < (potentials[best] as number)) best = trial;
    }
    potential = potentials[best] as number;
    copyRow(data, candidateRows[best] as number, centres, centre * columns, columns);
    scalars[SCALAR_WINNER] = best;
    scalars[SCALAR_NEW_CENTRE] = centre;
    executor.run(ChunkTask.commitCandidate);
  }
  scalars[SCALAR_CLOSEST_IS_SQUARED] = 1;
  return { kind: 'seeded' };
}

function prepareCandidates(workspace: KMeansWorkspace, candidateRows: Int32Array, chosen: number): void {
  const { matrix, k, trials, centres, candidates, wideCandidates, candidateGaps, smallestGaps } = workspace;
  const { data, columns } = matrix;
  smallestGaps.fill(Infinity);
  for (let trial = 0; trial < trials; trial++) {
    copyRow(data, candidateRows[trial] as number, candidates, trial * columns, columns);
    for (let centre = 0; centre < chosen; centre++) {
      const gap = squaredDistance(candidates, trial * columns, centres, centre * columns, columns);
      candidateGaps[trial * k + centre] = gap;
      if (gap < (smallestGaps[centre] as number)) smallestGaps[centre] = gap;
    }
  }
  if (columns <= WIDE_COLUMNS) widenRows(candidates, trials, columns, wideCandidates);
}

/** The chunks' values added up in chunk order (the same bits for any thread count). */
export function sumChunkValues(workspace: KMeansWorkspace): Float64Array {
  const valueCount = chunkValueCount(workspace.trials);
  const totals = new Float64Array(valueCount);
  for (let chunk = 0; chunk < workspace.chunks; chunk++) {
    for (let value = 0; value < valueCount; value++) {
      totals[value] =
        (totals[value] as number) + (workspace.chunkValues[chunk * valueCount + value] as number);
    }
  }
  return totals;
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
