import { seedsDensely } from './evaluate-candidates-dense.ts';
import { SCALAR_PENDING_CENTRE } from './kmeans-workspace.ts';
import type { KMeansWorkspace } from './kmeans-workspace.ts';
import { squaredDistance } from './squared-distance.ts';
import { WIDE_COLUMNS, fitsWideRows, wideSquaredDistance } from './wide-rows.ts';

/**
 * The k-means++ centre chosen last is not applied to the rows in a pass of its own: the next pass over all rows
 * (the next candidate evaluation, or the start of Lloyd) applies it first, row by row, which saves one pass over
 * 1M rows per centre. Until then `closest`/`labels` describe the centres before it, and whoever reads a row's
 * distance (the sampling of the next candidates) asks `closestWithPending`.
 *
 * Every place that applies the pending centre gives the same bits: the same distance expression (8-wide up to 8
 * features, generic beyond) and, for the pruned kernels (evaluate-candidates.ts), the same triangle-inequality test
 * that skips the distance when the pending centre is at least twice as far from the row's centre as the row is.
 */
export function pendingCentreOf(workspace: KMeansWorkspace): number {
  return (workspace.scalars[SCALAR_PENDING_CENTRE] as number) | 0; // an integer index for the typed arrays
}

/** The squared distance of `row` to its nearest centre once the pending centre (if any) is applied. */
export function closestWithPending(workspace: KMeansWorkspace, row: number): number {
  const current = workspace.closest[row] as number;
  const pending = pendingCentreOf(workspace);
  if (pending === 0) return current;
  const distance = distanceToPending(workspace, pending, kernelOf(workspace), row, current);
  return distance < current ? distance : current;
}

/** Applies the pending centre to rows `from` … `to` − 1 (the caller clears it once every chunk has run). */
export function applyPendingCentre(workspace: KMeansWorkspace, from: number, to: number): void {
  const pending = pendingCentreOf(workspace);
  if (pending === 0) return;
  const { closest, labels } = workspace;
  const kernel = kernelOf(workspace);
  for (let row = from; row < to; row++) {
    const current = closest[row] as number;
    const distance = distanceToPending(workspace, pending, kernel, row, current);
    if (distance < current) {
      closest[row] = distance;
      labels[row] = pending;
    }
  }
}

/** How the seeding kernels compute distances for this workspace, read once per pass rather than once per row. */
interface KernelShape {
  readonly dense: boolean;
  readonly wide: boolean;
  readonly wideColumns: number;
}

function kernelOf(workspace: KMeansWorkspace): KernelShape {
  return {
    dense: seedsDensely(workspace),
    wide: fitsWideRows(workspace.matrix.columns),
    wideColumns: WIDE_COLUMNS,
  };
}

/** The distance to the pending centre, or Infinity where the pruned kernels would not compute it. */
function distanceToPending(
  workspace: KMeansWorkspace,
  pending: number,
  kernel: KernelShape,
  row: number,
  current: number,
): number {
  const { matrix, labels, centres, wideCentres, pendingGaps } = workspace;
  const { data, columns } = matrix;
  if (!kernel.dense && (pendingGaps[labels[row] as number] as number) >= 4 * current) return Infinity;
  return kernel.wide
    ? wideSquaredDistance(data, row * columns, columns, wideCentres, pending * kernel.wideColumns)
    : squaredDistance(data, row * columns, centres, pending * columns, columns);
}
