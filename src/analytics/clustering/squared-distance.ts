/**
 * Squared Euclidean distance between the `columns` values at `offsetA` in `a` and at `offsetB` in `b`. Small
 * enough for V8 to inline into the hot loops; it is computed directly from differences (not as |x|² − 2x·c + |c|²)
 * so that it never goes negative or loses precision for points far from the origin.
 */
export function squaredDistance(
  a: Float64Array,
  offsetA: number,
  b: Float64Array,
  offsetB: number,
  columns: number,
): number {
  let sum = 0;
  for (let column = 0; column < columns; column++) {
    const difference = (a[offsetA + column] as number) - (b[offsetB + column] as number);
    sum += difference * difference;
  }
  return sum;
}
