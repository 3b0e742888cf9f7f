import { assignWithHamerlyBounds } from './assign-with-bounds.ts';
import { evaluateCandidates } from './evaluate-candidates.ts';
import { SCALAR_CLOSEST_IS_SQUARED, SCALAR_MAX_DRIFT, chunkValueCount } from './kmeans-workspace.ts';
import type { KMeansWorkspace } from './kmeans-workspace.ts';
import { applyPendingCentre } from './pending-centre.ts';
import { squaredDistance } from './squared-distance.ts';
import { lloydStateOf } from './update-centres.ts';

/**
 * The passes over all rows of a k-means fit, each run chunk by chunk (on any thread: see kmeans-executor.ts) and
 * writing its partial results into the chunk's own slot of the workspace.
 */
export const ChunkTask = {
  /** Seeding: squared distance of every row to centre 0; value 0 = their sum. */
  distancesToFirstCentre: 1,
  /** Seeding: applies the pending centre; value t = the potential candidate t would leave (evaluate-candidates.ts). */
  evaluateCandidates: 2,
  /** Seeding: applies the pending centre (pending-centre.ts), for callers that read the seeding itself. */
  applyPendingCentre: 3,
  /**
   * Lloyd start: applies the pending centre; squared distances → upper bounds, lower bounds 0; chunk sums and counts
   * of the labels.
   */
  startLloyd: 4,
  /** Lloyd: one Hamerly assignment pass; chunk sums/counts = the changes, value 0 = points that changed. */
  assign: 5,
  /** Value 0 = inertia of the chunk's rows. */
  inertia: 6,
} as const;
export type ChunkTask = (typeof ChunkTask)[keyof typeof ChunkTask];

export function isChunkTask(value: number): value is ChunkTask {
  return Object.values<number>(ChunkTask).includes(value);
}

/**
 * Runs `task` on rows of chunk `chunk`. The kernels accumulate into this thread's own scratch arrays, copied into
 * the chunk's shared slot once at the end: slots of neighbouring chunks share cache lines, and updating them per
 * row from two threads made two threads slower than one (false sharing).
 */
export function runChunkTask(workspace: KMeansWorkspace, task: ChunkTask, chunk: number): void {
  const { matrix, k, chunkRows, chunkSums, chunkCounts, chunkValues, scalars } = workspace;
  const { rows, columns } = matrix;
  const from = chunk * chunkRows;
  const to = Math.min(rows, from + chunkRows);
  const valueCount = chunkValueCount(workspace.trials);
  const { values, sums, counts } = scratchFor(valueCount, k * columns, k);
  values.fill(0);
  sums.fill(0);
  counts.fill(0);
  switch (task) {
    case ChunkTask.distancesToFirstCentre:
      values[0] = distancesToFirstCentre(workspace, from, to);
      break;
    case ChunkTask.evaluateCandidates:
      evaluateCandidates(workspace, from, to, values);
      break;
    case ChunkTask.applyPendingCentre:
      applyPendingCentre(workspace, from, to);
      break;
    case ChunkTask.startLloyd:
      startLloyd(workspace, from, to, sums, counts);
      break;
    case ChunkTask.assign: {
      const state = lloydStateOf(workspace, scalars[SCALAR_MAX_DRIFT] as number);
      values[0] = assignWithHamerlyBounds(state, { from, to, sums, counts });
      break;
    }
    case ChunkTask.inertia:
      values[0] = inertiaOf(workspace, from, to);
      break;
  }
  chunkValues.set(values, chunk * valueCount);
  chunkSums.set(sums, chunk * k * columns);
  chunkCounts.set(counts, chunk * k);
}

interface Scratch {
  values: Float64Array;
  sums: Float64Array;
  counts: Float64Array;
}
let scratch: Scratch | undefined;

/** This thread's scratch arrays (module state is per thread), reallocated when the shape changes. */
function scratchFor(valueCount: number, sumCount: number, k: number): Scratch {
  if (
    scratch?.values.length !== valueCount ||
    scratch.sums.length !== sumCount ||
    scratch.counts.length !== k
  ) {
    scratch = {
      values: new Float64Array(valueCount),
      sums: new Float64Array(sumCount),
      counts: new Float64Array(k),
    };
  }
  return scratch;
}

function distancesToFirstCentre(workspace: KMeansWorkspace, from: number, to: number): number {
  const { matrix, centres, closest, labels } = workspace;
  const { data, columns } = matrix;
  let potential = 0;
  for (let row = from; row < to; row++) {
    const distance = squaredDistance(data, row * columns, centres, 0, columns);
    closest[row] = distance;
    labels[row] = 0;
    potential += distance;
  }
  return potential;
}

function startLloyd(
  workspace: KMeansWorkspace,
  from: number,
  to: number,
  sums: Float64Array,
  counts: Float64Array,
): void {
  const { matrix, closest, lowerStored, labels, scalars } = workspace;
  const { data, columns } = matrix;
  const squared = scalars[SCALAR_CLOSEST_IS_SQUARED] === 1;
  applyPendingCentre(workspace, from, to);
  for (let row = from; row < to; row++) {
    if (squared) closest[row] = Math.sqrt(closest[row] as number);
    // A lower bound of 0 is valid but tells nothing: in the first pass only the half-gap test can skip a point.
    lowerStored[row] = 0;
    const label = labels[row] as number;
    counts[label] = (counts[label] as number) + 1;
    const rowOffset = row * columns;
    const sumOffset = label * columns;
    for (let column = 0; column < columns; column++) {
      sums[sumOffset + column] = (sums[sumOffset + column] as number) + (data[rowOffset + column] as number);
    }
  }
}

function inertiaOf(workspace: KMeansWorkspace, from: number, to: number): number {
  const { matrix, centres, labels } = workspace;
  const { data, columns } = matrix;
  let inertia = 0;
  for (let row = from; row < to; row++) {
    inertia += squaredDistance(data, row * columns, centres, (labels[row] as number) * columns, columns);
  }
  return inertia;
}
