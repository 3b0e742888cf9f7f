import type { SeededRandom } from './seeded-random.ts';

/**
 * Fills `into` with rows drawn with probability proportional to `weightOf(row)` (one draw per slot). A draw first finds
 * its chunk from the chunks' totals, then the first row of that chunk whose cumulative weight exceeds it, so only
 * one chunk per draw is scanned (this runs on the calling thread alone). A row of weight 0 (a point on a chosen
 * centre) is never drawn; rounding that leaves a draw at or above a chunk's last cumulative sum takes the chunk's
 * last row of positive weight.
 */
export function sampleRowsByWeight(
  weighted: {
    weightOf: (row: number) => number;
    rows: number;
    chunkWeights: Float64Array;
    chunkRows: number;
  },
  total: number,
  random: SeededRandom,
  into: Int32Array,
): void {
  const { weightOf, rows, chunkWeights, chunkRows } = weighted;
  for (let slot = 0; slot < into.length; slot++) {
    const threshold = random.nextFloat() * total;
    let chunk = 0;
    let before = 0;
    let lastPositiveChunk = 0;
    for (; chunk < chunkWeights.length; chunk++) {
      const weight = chunkWeights[chunk] as number;
      if (weight > 0) lastPositiveChunk = chunk;
      if (before + weight > threshold) break;
      before += weight;
    }
    if (chunk === chunkWeights.length) {
      chunk = lastPositiveChunk;
      before = 0; // any start works: the scan below runs to the chunk's last positive row
    }
    const end = Math.min(rows, (chunk + 1) * chunkRows);
    let cumulative = before;
    let picked = -1;
    let lastPositive = chunk * chunkRows;
    for (let row = chunk * chunkRows; row < end; row++) {
      const weight = weightOf(row);
      if (weight > 0) lastPositive = row;
      cumulative += weight;
      if (cumulative > threshold && weight > 0) {
        picked = row;
        break;
      }
    }
    into[slot] = picked >= 0 ? picked : lastPositive;
  }
}
