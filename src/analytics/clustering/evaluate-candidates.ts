import { evaluateCandidatesDense, seedsDensely } from './evaluate-candidates-dense.ts';
import type { KMeansWorkspace } from './kmeans-workspace.ts';
import { applyPendingCentre } from './pending-centre.ts';
import { WIDE_COLUMNS, fitsWideRows } from './wide-rows.ts';

/**
 * For rows `from` … `to` − 1: applies the pending centre (pending-centre.ts), then adds the inertia each k-means++
 * candidate would leave, Σ min(closest, distance to the candidate), into `potentials` (one per candidate). Up to 8
 * features and 4 candidates the dense kernel computes every distance (evaluate-candidates-dense.ts). The pruned
 * kernels here serve other shapes (more features, where distances cost more, or k > 20): a point is ruled out for a
 * candidate when the candidate is at least twice as far from the point's centre as the point is (triangle
 * inequality), and for all candidates at once when the nearest candidate is. The caller fills `candidates`,
 * `wideCandidates`, `candidateGaps`, `smallestGaps` and (for the pending centre) `pendingGaps`.
 */
export function evaluateCandidates(
  workspace: KMeansWorkspace,
  from: number,
  to: number,
  potentials: Float64Array,
): void {
  if (seedsDensely(workspace)) {
    evaluateCandidatesDense(workspace, from, to, potentials);
    return;
  }
  // The pruned kernels read each row's centre, so the pending centre is applied to the chunk first.
  applyPendingCentre(workspace, from, to);
  if (fitsWideRows(workspace.matrix.columns)) evaluateWide(workspace, from, to, potentials);
  else evaluateGeneric(workspace, from, to, potentials);
}

function evaluateGeneric(
  workspace: KMeansWorkspace,
  from: number,
  to: number,
  potentials: Float64Array,
): void {
  const { matrix, labels, closest, candidates, candidateGaps, smallestGaps, k, trials } = workspace;
  const { data, columns } = matrix;
  let untouchedPotential = 0;
  for (let row = from; row < to; row++) {
    const nearest = labels[row] as number;
    const current = closest[row] as number;
    const skipLimit = 4 * current;
    if ((smallestGaps[nearest] as number) >= skipLimit) {
      untouchedPotential += current;
      continue;
    }
    for (let trial = 0; trial < trials; trial++) {
      let contribution = current;
      if ((candidateGaps[trial * k + nearest] as number) < skipLimit) {
        const distance = genericDistance(data, row * columns, candidates, trial * columns, columns);
        if (distance < current) contribution = distance;
      }
      potentials[trial] = (potentials[trial] as number) + contribution;
    }
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

function evaluateWide(workspace: KMeansWorkspace, from: number, to: number, potentials: Float64Array): void {
  const { matrix, labels, closest, wideCandidates, candidateGaps, smallestGaps, k, trials } = workspace;
  const { data, columns } = matrix;
  const wide = WIDE_COLUMNS; // a local copy: under tsx an imported constant is read through a getter
  const hasTail = columns > 5;
  let untouchedPotential = 0;
  for (let row = from; row < to; row++) {
    const nearest = labels[row] as number;
    const current = closest[row] as number;
    const skipLimit = 4 * current;
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
        if (distance < current) contribution = distance;
      }
      potentials[trial] = (potentials[trial] as number) + contribution;
    }
  }
  for (let trial = 0; trial < trials; trial++) {
    potentials[trial] = (potentials[trial] as number) + untouchedPotential;
  }
}
