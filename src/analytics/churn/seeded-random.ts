/**
 * A small seeded generator (mulberry32) so that fold assignment, and therefore every cross-validated number in a
 * report, is the same on every run and machine for the same seed. Not for anything security related.
 */
export type RandomSource = () => number;

/** Uniform numbers in [0, 1) from a 32-bit seed. */
export function createSeededRandom({ seed }: { seed: number }): RandomSource {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates shuffle of row indices, in place. */
export function shuffleInPlace({
  indices,
  random,
}: {
  indices: Int32Array;
  random: RandomSource;
}): Int32Array {
  for (let i = indices.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const index = indices[i] ?? 0;
    indices[i] = indices[j] ?? 0;
    indices[j] = index;
  }
  return indices;
}
