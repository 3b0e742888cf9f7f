import type { FeatureMatrix } from './feature-matrix.ts';
import type { KMeansSeeding } from './seed-kmeans-plus-plus.ts';
import { ChunkTask } from './kmeans-chunk-tasks.ts';
import { createChunkExecutor } from './kmeans-executor.ts';
import type { ChunkExecutor } from './kmeans-executor.ts';
import { SCALAR_CLOSEST_IS_SQUARED, SCALAR_MAX_DRIFT, SCALAR_PENDING_CENTRE } from './kmeans-workspace.ts';
import type { KMeansWorkspace } from './kmeans-workspace.ts';
import { sumChunkValues } from './seed-kmeans-plus-plus.ts';
import { lloydStateOf, relocateEmptyClusters, updateCentres } from './update-centres.ts';

/**
 * Lloyd's k-means iterations with Hamerly's bounds (G. Hamerly, "Making k-means even faster", SDM 2010): the same
 * labels as plain Lloyd, with most distance computations skipped (see assign-with-bounds.ts). Each point keeps an
 * upper bound on the distance to its centre and a lower bound on the distance to any other; when centres move, the
 * upper bound grows by its centre's move and the lower bound shrinks by the largest move (kept implicitly, see
 * update-centres.ts). At 5 features and k ≈ 8 this beats Elkan's k lower bounds per point, whose memory traffic
 * costs more than the distances they save (Hamerly's paper finds the same for low dimensions).
 *
 * Stopping follows scikit-learn: stop when an assignment pass changes no label ("strict convergence"), or when the
 * sum of squared centre shifts is at most `tolerance`; in the latter case one more assignment pass makes the labels
 * agree with the final centres. The first assignment is the seeding's, so iteration 1 starts by moving the centres.
 */
export interface LloydOutcome {
  readonly centres: Float64Array;
  readonly labels: Int32Array;
  readonly inertia: number;
  /** Iterations run, counted as scikit-learn's `n_iter_`. */
  readonly iterations: number;
  /** False when `maxIter` was reached first. */
  readonly converged: boolean;
}

export function iterateLloyd(options: {
  matrix: FeatureMatrix;
  seeding: KMeansSeeding;
  maxIter: number;
  /** Absolute bound on the sum of squared centre shifts (sklearn: tol × mean feature variance). */
  tolerance: number;
}): LloydOutcome {
  const { matrix, seeding, maxIter, tolerance } = options;
  const executor = createChunkExecutor({ matrix, k: seeding.centres.length / matrix.columns, threads: 1 });
  const { workspace } = executor;
  workspace.centres.set(seeding.centres);
  workspace.labels.set(seeding.labels);
  workspace.closest.set(seeding.distances);
  workspace.scalars[SCALAR_CLOSEST_IS_SQUARED] = 0;
  workspace.scalars[SCALAR_PENDING_CENTRE] = 0;
  return iterateInWorkspace(executor, maxIter, tolerance);
}

/**
 * The iterations on a seeded workspace (see seedInWorkspace): the passes over all rows run chunk by chunk on the
 * executor's threads; the centre updates (k × columns values) run here, adding the chunks' sums in chunk order.
 */
export function iterateInWorkspace(
  executor: ChunkExecutor,
  maxIter: number,
  tolerance: number,
): LloydOutcome {
  const { workspace } = executor;
  const { k, matrix } = workspace;
  workspace.drift.fill(0);
  executor.run(ChunkTask.startLloyd); // also applies the seeding's pending centre
  workspace.scalars[SCALAR_PENDING_CENTRE] = 0;
  const totals = { sums: new Float64Array(k * matrix.columns), counts: new Float64Array(k) };
  addChunkSums(workspace, totals);
  const state = lloydStateOf(workspace, 0, totals);
  const assign = (): number => {
    workspace.scalars[SCALAR_MAX_DRIFT] = state.maxDrift;
    executor.run(ChunkTask.assign);
    addChunkSums(workspace, totals);
    return sumChunkValues(workspace)[0] as number;
  };
  let changed = matrix.rows; // the seeding's assignment has no previous labels to agree with
  let iterations = 0;
  let converged = false;
  for (let iteration = 1; iteration <= maxIter; iteration++) {
    iterations = iteration;
    const shiftTotal = updateCentres(state);
    if (changed === 0) {
      converged = true;
      break;
    }
    if (shiftTotal <= tolerance) {
      converged = true;
      assign();
      break;
    }
    changed = assign();
    changed += relocateEmptyClusters(state);
  }
  executor.run(ChunkTask.inertia);
  return {
    centres: workspace.centres.slice(),
    labels: workspace.labels.slice(),
    inertia: sumChunkValues(workspace)[0] as number,
    iterations,
    converged,
  };
}

/** Adds the chunks' sums and counts to the totals, in chunk order. */
function addChunkSums(
  workspace: KMeansWorkspace,
  totals: { sums: Float64Array; counts: Float64Array },
): void {
  const { chunkSums, chunkCounts, chunks } = workspace;
  const { sums, counts } = totals;
  for (let chunk = 0; chunk < chunks; chunk++) {
    for (let index = 0; index < sums.length; index++) {
      sums[index] = (sums[index] as number) + (chunkSums[chunk * sums.length + index] as number);
    }
    for (let index = 0; index < counts.length; index++) {
      counts[index] = (counts[index] as number) + (chunkCounts[chunk * counts.length + index] as number);
    }
  }
}
