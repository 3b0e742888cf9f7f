/**
 * The "elbow" of an inertia curve, found as Kneedle does (Satopää et al., 2011): scale k and inertia to [0, 1] and
 * take the k whose point lies farthest below the straight line from the first point to the last. Returns undefined
 * with fewer than three points or when no point lies below that line (no bend to speak of).
 */
export function findElbow(curve: readonly { k: number; inertia: number }[]): number | undefined {
  if (curve.length < 3) return undefined;
  const first = curve[0];
  const last = curve[curve.length - 1];
  if (first === undefined || last === undefined) return undefined;
  const inertias = curve.map((point) => point.inertia);
  const lowest = Math.min(...inertias);
  const highest = Math.max(...inertias);
  const kSpan = last.k - first.k;
  const inertiaSpan = highest - lowest;
  if (kSpan <= 0 || inertiaSpan <= 0) return undefined;

  const scaledY = (inertia: number): number => (inertia - lowest) / inertiaSpan;
  const firstY = scaledY(first.inertia);
  const lastY = scaledY(last.inertia);
  let elbow: number | undefined;
  let largestDrop = 0;
  for (const point of curve) {
    const x = (point.k - first.k) / kSpan;
    const lineY = firstY + (lastY - firstY) * x;
    const drop = lineY - scaledY(point.inertia);
    if (drop > largestDrop) {
      largestDrop = drop;
      elbow = point.k;
    }
  }
  return elbow;
}
