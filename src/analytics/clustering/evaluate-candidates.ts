import type { KMeansWorkspace } from './kmeans-workspace.ts';
import { WIDE_COLUMNS, fitsWideRows } from './wide-rows.ts';

/**
 * For rows `from` … `to` − 1: the inertia each k-means++ candidate would leave, Σ min(closest, distance to the
 * candidate), added into `potentials` (one per candidate), and in `improvedBy` the candidates each row would move to
 * (bit t for candidate t), so that adding the winner only revisits those rows (`commitCandidate`). A point is ruled
 * out for a candidate when the candidate is at least twice as far from the point's centre as the point is (triangle
 * inequality), and for all candidates at once when the nearest candidate is. The caller fills `candidates`,
 * `wideCandidates`, `candidateGaps` and `smallestGaps`. The hot loops write the distance out (see wide-rows.ts).
 */
export function evaluateCandidates(
  workspace: KMeansWorkspace,
  from: number,
  to: number,
  potentials: Float64Array,
): void {
  if (fitsWideRows(workspace.matrix.columns)) evaluateWide(workspace, from, to, potentials);
  else evaluateGeneric(workspace, from, to, potentials);
}

function evaluateGeneric(
  workspace: KMeansWorkspace,
  from: number,
  to: number,
  potentials: Float64Array,
): void {
  const { matrix, labels, closest, improvedBy, candidates, candidateGaps, smallestGaps, k, trials } =
    workspace;
  const { data, columns } = matrix;
  let untouchedPotential = 0;
  for (let row = from; row < to; row++) {
    const nearest = labels[row] as number;
    const current = closest[row] as number;
    const skipLimit = 4 * current;
    improvedBy[row] = 0;
    if ((smallestGaps[nearest] as number) >= skipLimit) {
      untouchedPotential += current;
      continue;
    }
    let improved = 0;
    for (let trial = 0; trial < trials; trial++) {
      let contribution = current;
      if ((candidateGaps[trial * k + nearest] as number) < skipLimit) {
        const distance = genericDistance(data, row * columns, candidates, trial * columns, columns);
        if (distance < current) {
          contribution = distance;
          improved |= 1 << trial;
        }
      }
      potentials[trial] = (potentials[trial] as number) + contribution;
    }
    improvedBy[row] = improved;
  }
  for (let trial = 0; trial < trials; trial++) {
    potentials[trial] = (potentials[trial] as number) + untouchedPotential;
  }
}

function genericDistance(
  data: Float64Array,
  rowOffset: number,
  candidates: Float64Array,
  candidateOffset: number,
  columns: number,
): number {
  let distance = 0;
  for (let column = 0; column < columns; column++) {
    const difference =
      (data[rowOffset + column] as number) - (candidates[candidateOffset + column] as number);
    distance += difference * difference;
  }
  return distance;
}

function wideDistance(
  data: Float64Array,
  offset: number,
  columns: number,
  wide: Float64Array,
  c: number,
): number {
  const d0 = (data[offset] as number) - (wide[c] as number);
  const d1 = (columns > 1 ? (data[offset + 1] as number) : 0) - (wide[c + 1] as number);
  const d2 = (columns > 2 ? (data[offset + 2] as number) : 0) - (wide[c + 2] as number);
  const d3 = (columns > 3 ? (data[offset + 3] as number) : 0) - (wide[c + 3] as number);
  const d4 = (columns > 4 ? (data[offset + 4] as number) : 0) - (wide[c + 4] as number);
  const d5 = (columns > 5 ? (data[offset + 5] as number) : 0) - (wide[c + 5] as number);
  const d6 = (columns > 6 ? (data[offset + 6] as number) : 0) - (wide[c + 6] as number);
  const d7 = (columns > 7 ? (data[offset + 7] as number) : 0) - (wide[c + 7] as number);
  return d0 * d0 + d1 * d1 + d2 * d2 + d3 * d3 + d4 * d4 + d5 * d5 + d6 * d6 + d7 * d7;
}

function evaluateWide(workspace: KMeansWorkspace, from: number, to: number, potentials: Float64Array): void {
  const { matrix, labels, closest, improvedBy, wideCandidates, candidateGaps, smallestGaps, k, trials } =
    workspace;
  const { data, columns } = matrix;
  const wide = WIDE_COLUMNS; // a local copy: under tsx an imported constant is read through a getter
  const hasTail = columns > 5;
  let untouchedPotential = 0;
  for (let row = from; row < to; row++) {
    const nearest = labels[row] as number;
    const current = closest[row] as number;
    const skipLimit = 4 * current;
    improvedBy[row] = 0;
    if ((smallestGaps[nearest] as number) >= skipLimit) {
      untouchedPotential += current;
      continue;
    }
    // The point's coordinates are read once, not once per candidate (see wide-rows.ts).
    const offset = row * columns;
    const x0 = data[offset] as number;
    const x1 = columns > 1 ? (data[offset + 1] as number) : 0;
    const x2 = columns > 2 ? (data[offset + 2] as number) : 0;
    const x3 = columns > 3 ? (data[offset + 3] as number) : 0;
    const x4 = columns > 4 ? (data[offset + 4] as number) : 0;
    const x5 = columns > 5 ? (data[offset + 5] as number) : 0;
    const x6 = columns > 6 ? (data[offset + 6] as number) : 0;
    const x7 = columns > 7 ? (data[offset + 7] as number) : 0;
    let improved = 0;
    for (let trial = 0; trial < trials; trial++) {
      let contribution = current;
      if ((candidateGaps[trial * k + nearest] as number) < skipLimit) {
        const c = trial * wide;
        const d0 = x0 - (wideCandidates[c] as number);
        const d1 = x1 - (wideCandidates[c + 1] as number);
        const d2 = x2 - (wideCandidates[c + 2] as number);
        const d3 = x3 - (wideCandidates[c + 3] as number);
        const d4 = x4 - (wideCandidates[c + 4] as number);
        let distance = d0 * d0 + d1 * d1 + d2 * d2 + d3 * d3 + d4 * d4;
        // Features 5–7 are exact zeros with at most 5 features: skipping them gives the same bits (the sum keeps its
        // left-to-right order) and saves 3/8 of the arithmetic.
        if (hasTail) {
          const d5 = x5 - (wideCandidates[c + 5] as number);
          const d6 = x6 - (wideCandidates[c + 6] as number);
          const d7 = x7 - (wideCandidates[c + 7] as number);
          distance = distance + d5 * d5 + d6 * d6 + d7 * d7;
        }
        if (distance < current) {
          contribution = distance;
          improved |= 1 << trial;
        }
      }
      potentials[trial] = (potentials[trial] as number) + contribution;
    }
    improvedBy[row] = improved;
  }
  for (let trial = 0; trial < trials; trial++) {
    potentials[trial] = (potentials[trial] as number) + untouchedPotential;
  }
}

/**
 * Makes candidate `winner` centre `centre` for the rows of `from` … `to` − 1 it is nearer to, recomputing their
 * distance with the same expression as `evaluateCandidates` (so the same bits).
 */
export function commitCandidate(
  workspace: KMeansWorkspace,
  from: number,
  to: number,
  winner: number,
  centre: number,
): void {
  const { matrix, labels, closest, improvedBy, candidates, wideCandidates } = workspace;
  const { data, columns } = matrix;
  const wide = fitsWideRows(columns);
  const bit = 1 << winner;
  const wideOffset = winner * WIDE_COLUMNS;
  for (let row = from; row < to; row++) {
    if (((improvedBy[row] as number) & bit) === 0) continue;
    closest[row] = wide
      ? wideDistance(data, row * columns, columns, wideCandidates, wideOffset)
      : genericDistance(data, row * columns, candidates, winner * columns, columns);
    labels[row] = centre;
  }
}
