import type { FeatureMatrix } from './feature-matrix.ts';
import { WIDE_COLUMNS, fitsWideRows, widenRows } from './wide-rows.ts';

/** The points a candidate centre would take over: their rows and squared distances to it. Grows as needed. */
export interface Improvements {
  rows: Int32Array;
  distances: Float64Array;
  length: number;
}

export function createImprovements(capacity: number): Improvements {
  return { rows: new Int32Array(capacity), distances: new Float64Array(capacity), length: 0 };
}

function appendImprovement(list: Improvements, row: number, distance: number): void {
  if (list.length === list.rows.length) {
    const rows = new Int32Array(list.rows.length * 2);
    rows.set(list.rows);
    const distances = new Float64Array(list.distances.length * 2);
    distances.set(list.distances);
    list.rows = rows;
    list.distances = distances;
  }
  list.rows[list.length] = row;
  list.distances[list.length] = distance;
  list.length++;
}

export interface CandidateEvaluation {
  matrix: FeatureMatrix;
  /** Nearest chosen centre of every row, and the squared distance to it. */
  labels: Int32Array;
  closest: Float64Array;
  candidateRows: Int32Array;
  /** Squared distance from candidate t to chosen centre j at t × k + j (Infinity for centres not chosen yet). */
  candidateGaps: Float64Array;
  k: number;
  /** Out: the inertia each candidate would leave. */
  potentials: Float64Array;
  /** Out: the points each candidate would take over. */
  improvements: readonly Improvements[];
}

/**
 * The inertia each k-means++ candidate would leave, Σ min(closest, distance to the candidate), and the points each
 * would take over, so that adding the winner costs no second pass. A point is ruled out for a candidate when the
 * candidate is at least twice as far from the point's centre as the point is (triangle inequality), and for all
 * candidates at once when the nearest candidate is. The hot loops write the distance out (see wide-rows.ts).
 */
export function evaluateCandidates(evaluation: CandidateEvaluation): void {
  const { k, candidateGaps, potentials, improvements } = evaluation;
  const trials = evaluation.candidateRows.length;
  const smallestGaps = new Float64Array(k).fill(Infinity);
  for (let trial = 0; trial < trials; trial++) {
    for (let centre = 0; centre < k; centre++) {
      const gap = candidateGaps[trial * k + centre] as number;
      if (gap < (smallestGaps[centre] as number)) smallestGaps[centre] = gap;
    }
  }
  for (const list of improvements) list.length = 0;
  potentials.fill(0);
  const untouchedPotential = fitsWideRows(evaluation.matrix.columns)
    ? evaluateWide(evaluation, smallestGaps)
    : evaluateGeneric(evaluation, smallestGaps);
  for (let trial = 0; trial < trials; trial++) {
    potentials[trial] = (potentials[trial] as number) + untouchedPotential;
  }
}

/** Returns the summed `closest` of the points no candidate can take (added to every potential by the caller). */
function evaluateGeneric(evaluation: CandidateEvaluation, smallestGaps: Float64Array): number {
  const { matrix, labels, closest, candidateRows, candidateGaps, k, potentials, improvements } = evaluation;
  const { data, rows, columns } = matrix;
  const trials = candidateRows.length;
  let untouchedPotential = 0;
  for (let row = 0; row < rows; row++) {
    const nearest = labels[row] as number;
    const current = closest[row] as number;
    const skipLimit = 4 * current;
    if ((smallestGaps[nearest] as number) >= skipLimit) {
      untouchedPotential += current;
      continue;
    }
    const rowOffset = row * columns;
    for (let trial = 0; trial < trials; trial++) {
      let contribution = current;
      if ((candidateGaps[trial * k + nearest] as number) < skipLimit) {
        const candidateOffset = (candidateRows[trial] as number) * columns;
        let distance = 0;
        for (let column = 0; column < columns; column++) {
          const difference =
            (data[rowOffset + column] as number) - (data[candidateOffset + column] as number);
          distance += difference * difference;
        }
        if (distance < current) {
          contribution = distance;
          appendImprovement(improvements[trial] as Improvements, row, distance);
        }
      }
      potentials[trial] = (potentials[trial] as number) + contribution;
    }
  }
  return untouchedPotential;
}

function evaluateWide(evaluation: CandidateEvaluation, smallestGaps: Float64Array): number {
  const { matrix, labels, closest, candidateRows, candidateGaps, k, potentials, improvements } = evaluation;
  const { data, rows, columns } = matrix;
  const trials = candidateRows.length;
  const candidates = new Float64Array(trials * WIDE_COLUMNS);
  candidateRows.forEach((candidateRow, trial) =>
    widenRows(
      data.subarray(candidateRow * columns, candidateRow * columns + columns),
      1,
      columns,
      candidates.subarray(trial * WIDE_COLUMNS),
    ),
  );
  let untouchedPotential = 0;
  for (let row = 0; row < rows; row++) {
    const nearest = labels[row] as number;
    const current = closest[row] as number;
    const skipLimit = 4 * current;
    if ((smallestGaps[nearest] as number) >= skipLimit) {
      untouchedPotential += current;
      continue;
    }
    const offset = row * columns;
    const x0 = data[offset] as number;
    const x1 = columns > 1 ? (data[offset + 1] as number) : 0;
    const x2 = columns > 2 ? (data[offset + 2] as number) : 0;
    const x3 = columns > 3 ? (data[offset + 3] as number) : 0;
    const x4 = columns > 4 ? (data[offset + 4] as number) : 0;
    const x5 = columns > 5 ? (data[offset + 5] as number) : 0;
    const x6 = columns > 6 ? (data[offset + 6] as number) : 0;
    const x7 = columns > 7 ? (data[offset + 7] as number) : 0;
    for (let trial = 0; trial < trials; trial++) {
      let contribution = current;
      if ((candidateGaps[trial * k + nearest] as number) < skipLimit) {
        const c = trial * WIDE_COLUMNS;
        const d0 = x0 - (candidates[c] as number);
        const d1 = x1 - (candidates[c + 1] as number);
        const d2 = x2 - (candidates[c + 2] as number);
        const d3 = x3 - (candidates[c + 3] as number);
        const d4 = x4 - (candidates[c + 4] as number);
        const d5 = x5 - (candidates[c + 5] as number);
        const d6 = x6 - (candidates[c + 6] as number);
        const d7 = x7 - (candidates[c + 7] as number);
        const distance = d0 * d0 + d1 * d1 + d2 * d2 + d3 * d3 + d4 * d4 + d5 * d5 + d6 * d6 + d7 * d7;
        if (distance < current) {
          contribution = distance;
          appendImprovement(improvements[trial] as Improvements, row, distance);
        }
      }
      potentials[trial] = (potentials[trial] as number) + contribution;
    }
  }
  return untouchedPotential;
}
