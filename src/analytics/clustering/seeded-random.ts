import { Random } from '../../random.ts';

/**
 * The random numbers a clustering run draws, from the project's seeded generator (src/random.ts), so that a run is
 * reproducible from its seed alone. `stream` derives independent sequences from one user seed: every k-means start
 * uses its own stream, so a start's result does not depend on how many random numbers the starts before it drew.
 */
export interface SeededRandom {
  /** A float in [0, 1) with 53 random bits. */
  nextFloat(): number;
  /** An integer in [0, bound). */
  nextInt(bound: number): number;
}

export function createSeededRandom(seed: number, stream = 0): SeededRandom {
  const random = Random.for(seed, stream);
  return {
    nextFloat: () => random.float53(),
    nextInt: (bound) => Math.floor(random.float53() * bound),
  };
}
