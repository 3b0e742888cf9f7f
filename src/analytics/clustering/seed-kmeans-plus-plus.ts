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
  const chunkWeights = chunkColumn(workspace, 0); // Σ closest per chunk, for sampling without a pass over all rows

  const candidateRows = new Int32Array(trials);
  workspace.candidateGaps.fill(Infinity); // squared distance candidate t → centre j, for the centres chosen so far
  for (let centre = 1; centre < k; centre++) {
    if (potential === 0) return { kind: 'too-few-distinct-rows', distinctRows: centre };
    sampleRowsByWeight(
      { weights: closest, chunkWeights, chunkRows: workspace.chunkRows },
      potential,
      random,
      candidateRows,
    );
    prepareCandidates(workspace, candidateRows, centre);
    executor.run(ChunkTask.evaluateCandidates);
    const potentials = sumChunkValues(workspace);
    let best = 0;
    for (let trial = 1; trial < trials; trial++) {
      if ((potentials[trial] as number) < (potentials[best] as number)) best = trial;
    }
    potential = potentials[best] as number;
    chunkWeights.set(chunkColumn(workspace, best)); // the chunks' potentials under the winner are their new Σ closest
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

/** Value `value` of every chunk (e.g. each chunk's potential under candidate `value`). */
function chunkColumn(workspace: KMeansWorkspace, value: number): Float64Array {
  const valueCount = chunkValueCount(workspace.trials);
  return Float64Array.from({ length: workspace.chunks }, (_, chunk) => {
    return workspace.chunkValues[chunk * valueCount + value] as number;
  });
}

/**
 * Fills `into` with rows drawn with probability proportional to `weights` (one draw per slot). A draw first finds
 * its chunk from the chunks' totals, then the first row of that chunk whose cumulative weight exceeds it, so only
 * one chunk per draw is scanned (this runs on the calling thread alone). A row of weight 0 (a point on a chosen
 * centre) is never drawn; rounding that leaves a draw at or above a chunk's last cumulative sum takes the chunk's
 * last row of positive weight.
 */
function sampleRowsByWeight(
  weighted: { weights: Float64Array; chunkWeights: Float64Array; chunkRows: number },
  total: number,
  random: SeededRandom,
  into: Int32Array,
): void {
  const { weights, chunkWeights, chunkRows } = weighted;
  for (let slot = 0; slot < into.length; slot++) {
    const threshold = random.nextFloat() * total;
    let chunk = 0;
    let before = 0;
    let lastPositiveChunk = 0;
    for (; chunk < chunkWeights.length; chunk++) {
      const weight = chunkWeights[chunk] as number;
      if (weight > 0) lastPositiveChunk = chunk;
      if (before + weight > threshold) break;
      before += weight;
    }
    if (chunk === chunkWeights.length) {
      chunk = lastPositiveChunk;
      before = 0; // any start works: the scan below runs to the chunk's last positive row
    }
    const end = Math.min(weights.length, (chunk + 1) * chunkRows);
    let cumulative = before;
    let picked = -1;
    let lastPositive = chunk * chunkRows;
    for (let row = chunk * chunkRows; row < end; row++) {
      const weight = weights[row] as number;
      if (weight > 0) lastPositive = row;
      cumulative += weight;
      if (cumulative > threshold && weight > 0) {
        picked = row;
        break;
      }
    }
    into[slot] = picked >= 0 ? picked : lastPositive;
  }
}

function copyRow(from: Float64Array, row: number, to: Float64Array, offset: number, columns: number): void {
  to.set(from.subarray(row * columns, row * columns + columns), offset);
}
