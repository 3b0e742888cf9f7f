/**
 * The project's one seeded pseudo-random generator (xoshiro128**, Blackman & Vigna) with the distributions the data
 * generator, simulations, cross-validation folds and tests need, so every seeded result is reproducible on any
 * machine. `Random.for(seed, …parts)` derives independent streams: the generator gives every customer its own
 * (seed, customer index, purpose) stream, so a customer's data does not depend on how many come before it.
 * Not for anything security related.
 */

const TWO_POW_32 = 4294967296;

function rotateLeft(value: number, bits: number): number {
  return (value << bits) | (value >>> (32 - bits));
}

/** The murmur3 finaliser: spreads every input bit over the whole word. */
function finalizeHash(hash: number): number {
  let h = hash;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function mixWord(hash: number, word: number): number {
  let k = Math.imul(word, 0xcc9e2d51);
  k = Math.imul(rotateLeft(k, 15), 0x1b873593);
  return (Math.imul(rotateLeft(hash ^ k, 13), 5) + 0xe6546b64) | 0;
}

/**
 * Hashes integers (any safe integer, negative too) into one 32-bit seed. Both 32-bit halves of each part count,
 * so seeds above 2^32 still give different streams.
 */
export function mixSeed(...parts: readonly number[]): number {
  let hash = 0x9e3779b9;
  for (const part of parts) {
    hash = mixWord(hash, part >>> 0);
    hash = mixWord(hash, Math.floor(part / TWO_POW_32) >>> 0);
  }
  return finalizeHash(hash ^ parts.length);
}

/** Builds a cumulative weight table for `Random.pickIndex`; the last entry is the total. */
export function cumulativeWeights(weights: readonly number[]): Float64Array {
  const cumulative = new Float64Array(weights.length);
  let total = 0;
  weights.forEach((weight, index) => {
    if (!(weight >= 0)) throw new Error(`weight ${index} is ${weight}; weights must be non-negative numbers`);
    total += weight;
    cumulative[index] = total;
  });
  if (!(total > 0)) throw new Error('weights must not all be zero');
  return cumulative;
}

export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spareNormal: number | null = null;

  constructor(seed: number) {
    // splitmix32 fills the 128-bit state, so nearby seeds give unrelated streams and the state is never all zero.
    let state = seed >>> 0;
    const nextSeedWord = (): number => {
      state = (state + 0x9e3779b9) | 0;
      return finalizeHash(state);
    };
    this.a = nextSeedWord();
    this.b = nextSeedWord();
    this.c = nextSeedWord();
    this.d = nextSeedWord();
  }

  /** A stream for one purpose of one entity: `Random.for(seed, customerIndex, STREAM_BEHAVIOUR)`. */
  static for(...parts: readonly number[]): Random {
    return new Random(mixSeed(...parts));
  }

  /** An unsigned 32-bit integer. */
  nextUint32(): number {
    const result = Math.imul(rotateLeft(Math.imul(this.b, 5), 7), 9) >>> 0;
    const shifted = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= shifted;
    this.d = rotateLeft(this.d, 11);
    return result;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.nextUint32() / TWO_POW_32;
  }

  /** A float in [0, 1) with 53 random bits (two draws): for sampling by weight among millions of rows. */
  float53(): number {
    const upper27 = this.nextUint32() >>> 5;
    const lower26 = this.nextUint32() >>> 6;
    return (upper27 * 67108864 + lower26) / 9007199254740992;
  }

  /** An integer in [min, max], both included. */
  integer(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** A float in [min, max). */
  uniform(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('cannot pick from an empty list');
    return item;
  }

  /** An index drawn with the weights behind a `cumulativeWeights` table (binary search). */
  pickIndex(cumulative: Float64Array): number {
    const total = cumulative[cumulative.length - 1] ?? 0;
    const target = this.next() * total;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((cumulative[middle] ?? 0) > target) high = middle;
      else low = middle + 1;
    }
    return low;
  }

  /** `count` distinct items in random order (partial Fisher–Yates on a copy). */
  sample<T>(items: readonly T[], count: number): T[] {
    const pool = [...items];
    const size = Math.min(count, pool.length);
    for (let index = 0; index < size; index++) {
      const swap = index + Math.floor(this.next() * (pool.length - index));
      const chosen = pool[swap] as T;
      pool[swap] = pool[index] as T;
      pool[index] = chosen;
    }
    return pool.slice(0, size);
  }

  /** Shuffles `indices` in place (Fisher–Yates) and returns it. */
  shuffleInPlace(indices: Int32Array): Int32Array {
    for (let index = indices.length - 1; index > 0; index--) {
      const swap = Math.floor(this.next() * (index + 1));
      const value = indices[index] ?? 0;
      indices[index] = indices[swap] ?? 0;
      indices[swap] = value;
    }
    return indices;
  }

  /** Standard normal (Box–Muller, the second value kept for the next call). */
  normal(): number {
    if (this.spareNormal !== null) {
      const spare = this.spareNormal;
      this.spareNormal = null;
      return spare;
    }
    const radius = Math.sqrt(-2 * Math.log(1 - this.next()));
    const angle = 2 * Math.PI * this.next();
    this.spareNormal = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  }

  /** Log-normal with the given median and log-scale standard deviation. */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** Exponential waiting time for an event rate (mean 1 / rate). */
  exponential(rate: number): number {
    return -Math.log(1 - this.next()) / rate;
  }

  /** Poisson count (Knuth's product method for small means, a rounded normal for large ones). */
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    if (mean > 40) return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.normal()));
    const limit = Math.exp(-mean);
    let count = 0;
    let product = this.next();
    while (product > limit) {
      count += 1;
      product *= this.next();
    }
    return count;
  }

  /** Gamma(shape, scale) by Marsaglia & Tsang (2000); mean = shape × scale. */
  gamma(shape: number, scale = 1): number {
    if (shape < 1) return this.gamma(shape + 1, scale) * Math.pow(this.next(), 1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = this.normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = this.next();
      if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
        return d * v * scale;
      }
    }
  }

  /** Beta(a, b) from two gammas; mean = a / (a + b). */
  beta(a: number, b: number): number {
    const x = this.gamma(a);
    return x / (x + this.gamma(b));
  }

  /** `digits` random lower-case hex digits (at most 8). */
  hex(digits: number): string {
    return (this.nextUint32() >>> (32 - 4 * digits)).toString(16).padStart(digits, '0');
  }
}
