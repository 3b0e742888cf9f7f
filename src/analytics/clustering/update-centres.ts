import type { FeatureMatrix } from './feature-matrix.ts';
import type { KMeansWorkspace } from './kmeans-workspace.ts';
import { squaredDistance } from './squared-distance.ts';
import { fitsWideRows, widenRows } from './wide-rows.ts';

/**
 * The working arrays of one k-means run (see iterate-lloyd.ts for how the bounds are used).
 *
 * Bounds are stored relative to cumulative centre movement so that a point whose bounds still hold costs no write:
 * the upper bound of point i is `upperStored[i] + drift[label[i]]` and its lower bound `lowerStored[i] − maxDrift`,
 * where `drift[j]` is the total distance centre j has moved and `maxDrift` the sum of the largest move of each update.
 */
export interface LloydState {
  readonly matrix: FeatureMatrix;
  readonly k: number;
  /** k × columns, row-major. */
  readonly centres: Float64Array;
  /** The centres as 8-wide zero-padded rows when there are at most 8 features (see wide-rows.ts). */
  readonly wideCentres: Float64Array | undefined;
  readonly labels: Int32Array;
  readonly upperStored: Float64Array;
  readonly lowerStored: Float64Array;
  readonly drift: Float64Array;
  maxDrift: number;
  /** Per-cluster coordinate sums and sizes, kept up to date as points move. */
  readonly sums: Float64Array;
  readonly counts: Float64Array;
  /** Half the distance from each centre to its nearest other centre. */
  readonly halfGaps: Float64Array;
  /** For centre j, the other centres by increasing distance (k − 1 entries from j × (k − 1)), and those distances. */
  readonly neighbours: Int32Array;
  readonly neighbourGaps: Float64Array;
}

export function createLloydState(options: {
  matrix: FeatureMatrix;
  centres: Float64Array;
  labels: Int32Array;
  /** Distance of each point to its centre (exact or an upper bound). */
  distances: Float64Array;
}): LloydState {
  const { matrix, centres, labels, distances } = options;
  const { data, rows, columns } = matrix;
  const k = centres.length / columns;
  const sums = new Float64Array(k * columns);
  const counts = new Float64Array(k);
  for (let row = 0; row < rows; row++) {
    const label = labels[row] as number;
    counts[label] = (counts[label] as number) + 1;
    const rowOffset = row * columns;
    const sumOffset = label * columns;
    for (let column = 0; column < columns; column++) {
      sums[sumOffset + column] = (sums[sumOffset + column] as number) + (data[rowOffset + column] as number);
    }
  }
  return {
    matrix,
    k,
    centres,
    wideCentres: fitsWideRows(columns) ? widenRows(centres, k, columns) : undefined,
    labels,
    upperStored: distances,
    // A lower bound of 0 is valid but tells nothing: in the first pass only the half-gap test can skip a point.
    lowerStored: new Float64Array(rows),
    drift: new Float64Array(k),
    maxDrift: 0,
    sums,
    counts,
    halfGaps: new Float64Array(k),
    neighbours: new Int32Array(k * Math.max(k - 1, 0)),
    neighbourGaps: new Float64Array(k * Math.max(k - 1, 0)),
  };
}

/**
 * The Lloyd state over a workspace's arrays (in any thread). `sums`/`counts` are the running totals, which only the
 * main thread keeps; a worker passes none and gets empty ones (it writes the changes into its chunk's slot).
 */
export function lloydStateOf(
  workspace: KMeansWorkspace,
  maxDrift: number,
  totals?: { sums: Float64Array; counts: Float64Array },
): LloydState {
  const { matrix, k } = workspace;
  return {
    matrix,
    k,
    centres: workspace.centres,
    wideCentres: fitsWideRows(matrix.columns) ? workspace.wideCentres : undefined,
    labels: workspace.labels,
    upperStored: workspace.closest,
    lowerStored: workspace.lowerStored,
    drift: workspace.drift,
    maxDrift,
    sums: totals?.sums ?? new Float64Array(0),
    counts: totals?.counts ?? new Float64Array(0),
    halfGaps: workspace.halfGaps,
    neighbours: workspace.neighbours,
    neighbourGaps: workspace.neighbourGaps,
  };
}

/**
 * Moves every non-empty centre to the mean of its points, adds each move to the drifts, refreshes the centre
 * neighbour tables, and returns the sum of squared moves (scikit-learn's `center_shift_tot`). An empty cluster keeps
 * its centre.
 */
export function updateCentres(state: LloydState): number {
  const { k, centres, sums, counts, drift } = state;
  const { columns } = state.matrix;
  let shiftTotal = 0;
  let largestShift = 0;
  for (let centre = 0; centre < k; centre++) {
    const count = counts[centre] as number;
    if (count === 0) continue;
    const offset = centre * columns;
    let squaredShift = 0;
    for (let column = 0; column < columns; column++) {
      const updated = (sums[offset + column] as number) / count;
      const difference = updated - (centres[offset + column] as number);
      squaredShift += difference * difference;
      centres[offset + column] = updated;
    }
    shiftTotal += squaredShift;
    const shift = Math.sqrt(squaredShift);
    drift[centre] = (drift[centre] as number) + shift;
    if (shift > largestShift) largestShift = shift;
  }
  state.maxDrift += largestShift;
  if (state.wideCentres !== undefined) widenRows(centres, k, columns, state.wideCentres);
  updateNeighbours(state);
  return shiftTotal;
}

function updateNeighbours(state: LloydState): void {
  const { k, centres, halfGaps, neighbours, neighbourGaps } = state;
  const { columns } = state.matrix;
  const gaps = new Float64Array(k * k);
  for (let first = 0; first < k; first++) {
    for (let second = first + 1; second < k; second++) {
      const gap = Math.sqrt(squaredDistance(centres, first * columns, centres, second * columns, columns));
      gaps[first * k + second] = gap;
      gaps[second * k + first] = gap;
    }
  }
  for (let centre = 0; centre < k; centre++) {
    const others = Array.from({ length: k }, (_, other) => other).filter((other) => other !== centre);
    others.sort((left, right) => (gaps[centre * k + left] as number) - (gaps[centre * k + right] as number));
    others.forEach((other, rank) => {
      neighbours[centre * (k - 1) + rank] = other;
      neighbourGaps[centre * (k - 1) + rank] = gaps[centre * k + other] as number;
    });
    halfGaps[centre] = k > 1 ? (neighbourGaps[centre * (k - 1)] as number) / 2 : Infinity;
  }
}

/**
 * Gives each empty cluster the point farthest from its own centre (among clusters that keep at least one point),
 * as scikit-learn does. Rare, so it may afford a full pass of exact distances. Only the sums move here: the next
 * `updateCentres` moves the centre onto the point and records the drift, which keeps every other point's bounds
 * valid; the moved points get bounds that force an exact check. Returns the number of points moved.
 */
export function relocateEmptyClusters(state: LloydState): number {
  const { k, labels, upperStored, lowerStored, sums, counts } = state;
  const { data, rows, columns } = state.matrix;
  let moved = 0;
  let distances: Float64Array | undefined;
  for (let empty = 0; empty < k; empty++) {
    if (counts[empty] !== 0) continue;
    distances ??= distancesToAssignedCentres(state);
    let farthest = -1;
    for (let row = 0; row < rows; row++) {
      if ((counts[labels[row] as number] as number) < 2) continue;
      if (farthest < 0 || (distances[row] as number) > (distances[farthest] as number)) farthest = row;
    }
    if (farthest < 0) return moved; // every remaining cluster is a single point: nothing can be spared
    const from = labels[farthest] as number;
    const rowOffset = farthest * columns;
    for (let column = 0; column < columns; column++) {
      const value = data[rowOffset + column] as number;
      sums[from * columns + column] = (sums[from * columns + column] as number) - value;
      sums[empty * columns + column] = value;
    }
    counts[from] = (counts[from] as number) - 1;
    counts[empty] = 1;
    labels[farthest] = empty;
    distances[farthest] = -Infinity; // never pick the same point twice
    upperStored[farthest] = Infinity;
    lowerStored[farthest] = -Infinity;
    moved++;
  }
  return moved;
}

function distancesToAssignedCentres(state: LloydState): Float64Array {
  const { data, rows, columns } = state.matrix;
  const distances = new Float64Array(rows);
  for (let row = 0; row < rows; row++) {
    const centreOffset = (state.labels[row] as number) * columns;
    distances[row] = squaredDistance(data, row * columns, state.centres, centreOffset, columns);
  }
  return distances;
}
