import type { FeatureMatrix } from './feature-matrix.ts';
import type { SeededRandom } from './seeded-random.ts';
import { ChunkTask } from './kmeans-chunk-tasks.ts';
import { createChunkExecutor } from './kmeans-executor.ts';
import type { ChunkExecutor } from './kmeans-executor.ts';
import {
  DENSE_TRIALS,
  SCALAR_CLOSEST_IS_SQUARED,
  SCALAR_PENDING_CENTRE,
  chunkValueCount,
} from './kmeans-workspace.ts';
import type { KMeansWorkspace } from './kmeans-workspace.ts';
import { closestWithPending } from './pending-centre.ts';
import { sampleRowsByWeight } from './sample-rows-by-weight.ts';
import { squaredDistance } from './squared-distance.ts';
import { WIDE_COLUMNS, fitsWideRows, widenRows } from './wide-rows.ts';

/**
 * Greedy k-means++ seeding as scikit-learn does it: the first centre is a uniformly random row; each further centre
 * is the best (lowest resulting inertia) of `2 + floor(ln k)` rows sampled with probability proportional to their
 * squared distance to the nearest centre chosen so far.
 *
 * Each step is one pass over all rows (evaluate-candidates.ts), which also applies the centre chosen by the step
 * before (pending-centre.ts). The centres are those of the plain algorithm; only the order of the floating-point sums
 * differs.
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
  executor.run(ChunkTask.applyPendingCentre);
  executor.workspace.scalars[SCALAR_PENDING_CENTRE] = 0;
  const { centres, labels, closest } = executor.workspace;
  const distances = closest.map(Math.sqrt);
  return { kind: 'seeded', seeding: { centres: centres.slice(), labels: labels.slice(), distances } };
}

/**
 * Seeds the executor's workspace: its centres, labels and (squared) `closest` distances, except that the last centre
 * is left pending (SCALAR_PENDING_CENTRE): the next round (ChunkTask.startLloyd or applyPendingCentre) applies it.
 * The passes over all rows run chunk by chunk on the executor's threads; the sampling runs here.
 */
export function seedInWorkspace(
  executor: ChunkExecutor,
  random: SeededRandom,
): { kind: 'seeded' } | { kind: 'too-few-distinct-rows'; distinctRows: number } {
  const workspace = executor.workspace;
  const { matrix, k, trials, candidateGaps, pendingGaps, scalars } = workspace;
  const { rows } = matrix;
  scalars[SCALAR_PENDING_CENTRE] = 0;
  chooseCentre(workspace, random.nextInt(rows), 0);
  executor.run(ChunkTask.distancesToFirstCentre);
  let potential = sumChunkValues(workspace)[0] as number;
  const chunkWeights = chunkColumn(workspace, 0); // Σ closest per chunk, for sampling without a pass over all rows

  const candidateRows = new Int32Array(trials);
  workspace.candidateGaps.fill(Infinity); // squared distance candidate t → centre j, for the centres chosen so far
  for (let centre = 1; centre < k; centre++) {
    if (potential === 0) return { kind: 'too-few-distinct-rows', distinctRows: centre };
    sampleRowsByWeight(
      {
        weightOf: (row) => closestWithPending(workspace, row),
        rows,
        chunkWeights,
        chunkRows: workspace.chunkRows,
      },
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
    pendingGaps.set(candidateGaps.subarray(best * k, best * k + centre));
    chooseCentre(workspace, candidateRows[best] as number, centre);
    scalars[SCALAR_PENDING_CENTRE] = centre; // applied by the next round
  }
  scalars[SCALAR_CLOSEST_IS_SQUARED] = 1;
  return { kind: 'seeded' };
}

/** Makes row `row` centre `centre` (also in the 8-wide form the kernels read). */
function chooseCentre(workspace: KMeansWorkspace, row: number, centre: number): void {
  const { matrix, centres, wideCentres } = workspace;
  const { data, columns } = matrix;
  copyRow(data, row, centres, centre * columns, columns);
  if (fitsWideRows(columns)) {
    wideCentres.fill(0, centre * WIDE_COLUMNS, (centre + 1) * WIDE_COLUMNS);
    copyRow(data, row, wideCentres, centre * WIDE_COLUMNS, columns);
  }
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
  if (!fitsWideRows(columns)) return;
  widenRows(candidates, trials, columns, wideCandidates);
  // The dense kernel always computes DENSE_TRIALS candidates: the slots beyond `trials` repeat candidate 0.
  for (let slot = trials; slot < DENSE_TRIALS; slot++) {
    wideCandidates.copyWithin(slot * WIDE_COLUMNS, 0, WIDE_COLUMNS);
  }
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

function copyRow(from: Float64Array, row: number, to: Float64Array, offset: number, columns: number): void {
  to.set(from.subarray(row * columns, row * columns + columns), offset);
}
