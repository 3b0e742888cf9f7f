import type { LloydState } from './update-centres.ts';
import { WIDE_COLUMNS } from './wide-rows.ts';

/**
 * One assignment pass of Lloyd's algorithm with Hamerly's bounds; returns how many points changed cluster.
 *
 * A point keeps its centre without any distance computation while its upper bound (distance to its centre) is at
 * most max(its lower bound (distance to any other centre), half the gap from its centre to the nearest other). When
 * that fails the upper bound is tightened to the exact distance and tested again; only then is the point compared
 * with the other centres, in order of their distance from its own centre, stopping as soon as the rest are provably
 * neither the nearest nor the second nearest (centre gap ≥ upper + second distance). Sums and counts follow the
 * points that move. The distance loops are written out (see wide-rows.ts for the 8-wide form).
 */
export function assignWithHamerlyBounds(state: LloydState, range: AssignRange = wholeRange(state)): number {
  return state.wideCentres === undefined
    ? assignGeneric(state, range)
    : assignWide(state, state.wideCentres, range);
}

/** Rows `from` … `to` − 1; the sums and counts of moving points are moved within `sums`/`counts`. */
export interface AssignRange {
  readonly from: number;
  readonly to: number;
  readonly sums: Float64Array;
  readonly counts: Float64Array;
}

function wholeRange(state: LloydState): AssignRange {
  return { from: 0, to: state.matrix.rows, sums: state.sums, counts: state.counts };
}

function assignGeneric(state: LloydState, range: AssignRange): number {
  const { matrix, k, centres, labels, upperStored, lowerStored, drift } = state;
  const { from, to, sums, counts } = range;
  const { halfGaps, neighbours, neighbourGaps, maxDrift } = state;
  const { data, columns } = matrix;
  const neighbourCount = k - 1;
  let changed = 0;
  for (let row = from; row < to; row++) {
    const assigned = labels[row] as number;
    const assignedDrift = drift[assigned] as number;
    const lowerBound = (lowerStored[row] as number) - maxDrift;
    const halfGap = halfGaps[assigned] as number;
    const keepLimit = halfGap > lowerBound ? halfGap : lowerBound;
    if ((upperStored[row] as number) + assignedDrift <= keepLimit) continue;

    const rowOffset = row * columns;
    let assignedSquared = 0;
    for (let column = 0, centreOffset = assigned * columns; column < columns; column++) {
      const difference = (data[rowOffset + column] as number) - (centres[centreOffset + column] as number);
      assignedSquared += difference * difference;
    }
    const upperBound = Math.sqrt(assignedSquared);
    if (upperBound <= keepLimit) {
      upperStored[row] = upperBound - assignedDrift;
      continue;
    }

    let nearest = assigned;
    let nearestDistance = upperBound;
    let secondDistance = Infinity;
    for (let rank = 0, base = assigned * neighbourCount; rank < neighbourCount; rank++) {
      if ((neighbourGaps[base + rank] as number) >= upperBound + secondDistance) break;
      const centre = neighbours[base + rank] as number;
      let squared = 0;
      for (let column = 0, centreOffset = centre * columns; column < columns; column++) {
        const difference = (data[rowOffset + column] as number) - (centres[centreOffset + column] as number);
        squared += difference * difference;
      }
      const distance = Math.sqrt(squared);
      if (distance < nearestDistance) {
        secondDistance = nearestDistance;
        nearestDistance = distance;
        nearest = centre;
      } else if (distance < secondDistance) {
        secondDistance = distance;
      }
    }
    lowerStored[row] = secondDistance + maxDrift;
    upperStored[row] = nearestDistance - (drift[nearest] as number);
    if (nearest === assigned) continue;
    labels[row] = nearest;
    counts[assigned] = (counts[assigned] as number) - 1;
    counts[nearest] = (counts[nearest] as number) + 1;
    moveSums(sums, data, rowOffset, assigned * columns, nearest * columns, columns);
    changed++;
  }
  return changed;
}

function assignWide(state: LloydState, wideCentres: Float64Array, range: AssignRange): number {
  // A local copy: under tsx an imported constant is read through a getter, which costs ~15 % in this loop.
  const wide = WIDE_COLUMNS;
  const { matrix, k, labels, upperStored, lowerStored, drift } = state;
  const { from, to, sums, counts } = range;
  const { halfGaps, neighbours, neighbourGaps, maxDrift } = state;
  const { data, columns } = matrix;
  const hasTail = columns > TAIL_START;
  const neighbourCount = k - 1;
  let changed = 0;
  for (let row = from; row < to; row++) {
    const assigned = labels[row] as number;
    const assignedDrift = drift[assigned] as number;
    const lowerBound = (lowerStored[row] as number) - maxDrift;
    const halfGap = halfGaps[assigned] as number;
    const keepLimit = halfGap > lowerBound ? halfGap : lowerBound;
    if ((upperStored[row] as number) + assignedDrift <= keepLimit) continue;

    const offset = row * columns;
    const x0 = data[offset] as number;
    const x1 = columns > 1 ? (data[offset + 1] as number) : 0;
    const x2 = columns > 2 ? (data[offset + 2] as number) : 0;
    const x3 = columns > 3 ? (data[offset + 3] as number) : 0;
    const x4 = columns > 4 ? (data[offset + 4] as number) : 0;
    const x5 = columns > 5 ? (data[offset + 5] as number) : 0;
    const x6 = columns > 6 ? (data[offset + 6] as number) : 0;
    const x7 = columns > 7 ? (data[offset + 7] as number) : 0;
    let c = assigned * wide;
    let d0 = x0 - (wideCentres[c] as number);
    let d1 = x1 - (wideCentres[c + 1] as number);
    let d2 = x2 - (wideCentres[c + 2] as number);
    let d3 = x3 - (wideCentres[c + 3] as number);
    let d4 = x4 - (wideCentres[c + 4] as number);
    let squared = d0 * d0 + d1 * d1 + d2 * d2 + d3 * d3 + d4 * d4;
    if (hasTail) squared = addTail(squared, x5, x6, x7, wideCentres, c);
    const upperBound = Math.sqrt(squared);
    if (upperBound <= keepLimit) {
      upperStored[row] = upperBound - assignedDrift;
      continue;
    }

    let nearest = assigned;
    let nearestDistance = upperBound;
    let secondDistance = Infinity;
    for (let rank = 0, base = assigned * neighbourCount; rank < neighbourCount; rank++) {
      if ((neighbourGaps[base + rank] as number) >= upperBound + secondDistance) break;
      const centre = neighbours[base + rank] as number;
      c = centre * wide;
      d0 = x0 - (wideCentres[c] as number);
      d1 = x1 - (wideCentres[c + 1] as number);
      d2 = x2 - (wideCentres[c + 2] as number);
      d3 = x3 - (wideCentres[c + 3] as number);
      d4 = x4 - (wideCentres[c + 4] as number);
      squared = d0 * d0 + d1 * d1 + d2 * d2 + d3 * d3 + d4 * d4;
      if (hasTail) squared = addTail(squared, x5, x6, x7, wideCentres, c);
      const distance = Math.sqrt(squared);
      if (distance < nearestDistance) {
        secondDistance = nearestDistance;
        nearestDistance = distance;
        nearest = centre;
      } else if (distance < secondDistance) {
        secondDistance = distance;
      }
    }
    lowerStored[row] = secondDistance + maxDrift;
    upperStored[row] = nearestDistance - (drift[nearest] as number);
    if (nearest === assigned) continue;
    labels[row] = nearest;
    counts[assigned] = (counts[assigned] as number) - 1;
    counts[nearest] = (counts[nearest] as number) + 1;
    moveSums(sums, data, offset, assigned * columns, nearest * columns, columns);
    changed++;
  }
  return changed;
}

/**
 * Adds features 5–7 of the 8-wide form to the squared distance `sum` of features 0–4. With at most 5 features they
 * are exact zeros, and skipping them (instead of adding three zero squares) gives the same bits and saves 3/8 of
 * the arithmetic; the sum keeps the left-to-right order of the full expression: ((sum + d5²) + d6²) + d7².
 */
const TAIL_START = 5;

function addTail(sum: number, x5: number, x6: number, x7: number, wide: Float64Array, c: number): number {
  const d5 = x5 - (wide[c + 5] as number);
  const d6 = x6 - (wide[c + 6] as number);
  const d7 = x7 - (wide[c + 7] as number);
  return sum + d5 * d5 + d6 * d6 + d7 * d7;
}

function moveSums(
  sums: Float64Array,
  data: Float64Array,
  rowOffset: number,
  fromOffset: number,
  toOffset: number,
  columns: number,
): void {
  for (let column = 0; column < columns; column++) {
    const value = data[rowOffset + column] as number;
    sums[fromOffset + column] = (sums[fromOffset + column] as number) - value;
    sums[toOffset + column] = (sums[toOffset + column] as number) + value;
  }
}
