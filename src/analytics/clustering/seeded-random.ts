/**
 * A small seeded PRNG (xoshiro128**, seeded through splitmix32) so that a clustering run is reproducible from its
 * seed alone. `stream` derives independent sequences from one user seed: every k-means start uses its own stream,
 * so a start's result does not depend on how many random numbers the starts before it drew.
 */
export interface SeededRandom {
  /** A float in [0, 1) with 53 random bits. */
  nextFloat(): number;
  /** An integer in [0, bound). */
  nextInt(bound: number): number;
}

function splitmix32(state: number): () => number {
  let current = state | 0;
  return () => {
    current = (current + 0x9e3779b9) | 0;
    return finalizeHash(current) >>> 0;
  };
}

export function createSeededRandom(seed: number, stream = 0): SeededRandom {
  // Hash all bits of a safe integer seed (not only the low 32) and the stream number into the splitmix state.
  const low = seed | 0;
  const high = Math.floor(seed / 2 ** 32) | 0;
  const mixSeed = splitmix32(finalizeHash(finalizeHash(finalizeHash(low) ^ high) ^ stream));
  let s0 = mixSeed();
  let s1 = mixSeed();
  let s2 = mixSeed();
  let s3 = mixSeed();
  if ((s0 | s1 | s2 | s3) === 0) s0 = 1; // xoshiro's one forbidden state

  function nextUint32(): number {
    const result = Math.imul(rotateLeft(Math.imul(s1, 5), 7), 9) >>> 0;
    const shifted = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= shifted;
    s3 = rotateLeft(s3, 11);
    return result;
  }

  function nextFloat(): number {
    const upper27 = nextUint32() >>> 5;
    const lower26 = nextUint32() >>> 6;
    return (upper27 * 67108864 + lower26) / 9007199254740992;
  }

  return {
    nextFloat,
    nextInt: (bound) => Math.floor(nextFloat() * bound),
  };
}

/** MurmurHash3's 32-bit finaliser: every input bit affects every output bit. */
function finalizeHash(value: number): number {
  let mixed = value | 0;
  mixed = Math.imul(mixed ^ (mixed >>> 16), 0x85ebca6b);
  mixed = Math.imul(mixed ^ (mixed >>> 13), 0xc2b2ae35);
  return mixed ^ (mixed >>> 16);
}

function rotateLeft(value: number, bits: number): number {
  return (value << bits) | (value >>> (32 - bits));
}
