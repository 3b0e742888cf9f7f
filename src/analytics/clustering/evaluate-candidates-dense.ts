import { DENSE_TRIALS, SCALAR_PENDING_CENTRE } from './kmeans-workspace.ts';
import type { KMeansWorkspace } from './kmeans-workspace.ts';
import { WIDE_COLUMNS, fitsWideRows } from './wide-rows.ts';

/**
 * True when the seeding uses the dense kernel below: up to 8 features and up to DENSE_TRIALS candidates (k ≤ 20).
 * Other shapes use the pruned kernels of evaluate-candidates.ts.
 */
export function seedsDensely(workspace: KMeansWorkspace): boolean {
  return fitsWideRows(workspace.matrix.columns) && workspace.trials <= DENSE_TRIALS;
}

/**
 * For rows `from` … `to` − 1: first applies the pending centre (pending-centre.ts), then adds each candidate's
 * Σ min(closest, distance to the candidate) into `potentials`. Every distance is computed, without the triangle-
 * inequality pruning of evaluate-candidates.ts: at 5 features and 4 candidates the pruning tests are unpredictable
 * branches that cost more than the distances they save (measured on 1M overlapping blobs, one round: 41 ms pruned,
 * 26 ms dense, 1.4–1.7× across the steps of a seeding). Four candidates are always computed (slots beyond `trials`
 * hold copies of candidate 0 and are not reported), so the loop body is one fixed expression held in registers.
 */
export function evaluateCandidatesDense(
  workspace: KMeansWorkspace,
  from: number,
  to: number,
  potentials: Float64Array,
): void {
  const { matrix, closest, labels, wideCandidates: w, wideCentres, trials, scalars } = workspace;
  const { data, columns } = matrix;
  const hasTail = columns > 5;
  const pending = (scalars[SCALAR_PENDING_CENTRE] as number) | 0; // an integer index for the typed arrays
  const p = pending * WIDE_COLUMNS;
  let potential0 = 0;
  let potential1 = 0;
  let potential2 = 0;
  let potential3 = 0;
  for (let row = from; row < to; row++) {
    const offset = row * columns;
    const x0 = data[offset] as number;
    const x1 = columns > 1 ? (data[offset + 1] as number) : 0;
    const x2 = columns > 2 ? (data[offset + 2] as number) : 0;
    const x3 = columns > 3 ? (data[offset + 3] as number) : 0;
    const x4 = columns > 4 ? (data[offset + 4] as number) : 0;
    const x5 = columns > 5 ? (data[offset + 5] as number) : 0;
    const x6 = columns > 6 ? (data[offset + 6] as number) : 0;
    const x7 = columns > 7 ? (data[offset + 7] as number) : 0;
    let current = closest[row] as number;
    if (pending !== 0) {
      let distance = distance5(x0, x1, x2, x3, x4, wideCentres, p);
      if (hasTail) distance = addTail(distance, x5, x6, x7, wideCentres, p);
      if (distance < current) {
        current = distance;
        closest[row] = distance;
        labels[row] = pending;
      }
    }
    let distance0 = distance5(x0, x1, x2, x3, x4, w, 0);
    let distance1 = distance5(x0, x1, x2, x3, x4, w, 8);
    let distance2 = distance5(x0, x1, x2, x3, x4, w, 16);
    let distance3 = distance5(x0, x1, x2, x3, x4, w, 24);
    if (hasTail) {
      distance0 = addTail(distance0, x5, x6, x7, w, 0);
      distance1 = addTail(distance1, x5, x6, x7, w, 8);
      distance2 = addTail(distance2, x5, x6, x7, w, 16);
      distance3 = addTail(distance3, x5, x6, x7, w, 24);
    }
    potential0 += Math.min(distance0, current);
    potential1 += Math.min(distance1, current);
    potential2 += Math.min(distance2, current);
    potential3 += Math.min(distance3, current);
  }
  potentials[0] = (potentials[0] as number) + potential0;
  potentials[1] = (potentials[1] as number) + potential1;
  if (trials > 2) potentials[2] = (potentials[2] as number) + potential2;
  if (trials > 3) potentials[3] = (potentials[3] as number) + potential3;
}

/** Features 0–4 of the 8-wide squared distance (see wide-rows.ts); `addTail` adds features 5–7 in order. */
function distance5(
  x0: number,
  x1: number,
  x2: number,
  x3: number,
  x4: number,
  wide: Float64Array,
  c: number,
): number {
  const d0 = x0 - (wide[c] as number);
  const d1 = x1 - (wide[c + 1] as number);
  const d2 = x2 - (wide[c + 2] as number);
  const d3 = x3 - (wide[c + 3] as number);
  const d4 = x4 - (wide[c + 4] as number);
  return d0 * d0 + d1 * d1 + d2 * d2 + d3 * d3 + d4 * d4;
}

function addTail(sum: number, x5: number, x6: number, x7: number, wide: Float64Array, c: number): number {
  const d5 = x5 - (wide[c + 5] as number);
  const d6 = x6 - (wide[c + 6] as number);
  const d7 = x7 - (wide[c + 7] as number);
  return sum + d5 * d5 + d6 * d6 + d7 * d7;
}
