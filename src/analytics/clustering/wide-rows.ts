/**
 * Points with up to 8 features are handled by loops that hold the point's coordinates in 8 local variables and
 * compute distances as one fixed expression, with unused features padded by zeros. V8 cannot unroll a loop over
 * `columns`; the fixed form is 1.3–1.6× faster for 3–8 features (measured on 1M points) and gives bit-identical
 * sums: the padded terms add exact zeros after the real ones, in the same order as the generic loop.
 */
export const WIDE_COLUMNS = 8;

/** True when `columns` features fit the fixed 8-wide form. */
export function fitsWideRows(columns: number): boolean {
  return columns <= WIDE_COLUMNS;
}

/** Copies `count` rows of `columns` values into rows of exactly 8 values, zero-padded. */
export function widenRows(
  source: Float64Array,
  count: number,
  columns: number,
  into?: Float64Array,
): Float64Array {
  const wide = into ?? new Float64Array(count * WIDE_COLUMNS);
  for (let row = 0; row < count; row++) {
    for (let column = 0; column < columns; column++) {
      wide[row * WIDE_COLUMNS + column] = source[row * columns + column] as number;
    }
  }
  return wide;
}

/**
 * Squared distance from the row at `offset` in `data` (`columns` ≤ 8 values) to the 8-wide row at `wideOffset`: the
 * same bits as squaredDistance (the padded terms add exact zeros after the real ones).
 */
export function wideSquaredDistance(
  data: Float64Array,
  offset: number,
  columns: number,
  wide: Float64Array,
  wideOffset: number,
): number {
  const c = wideOffset;
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
