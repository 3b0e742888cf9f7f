/**
 * A small seeded random source for simulations (tests and benchmarks must be reproducible): the SplitMix32 mixing
 * of a Weyl sequence for uniforms, Marsaglia & Tsang (2000) for gamma variates, and beta as a ratio of gammas.
 */

export interface RandomSource {
  /** Uniform on the open interval (0, 1). */
  uniform(): number;
  /** Gamma(shape, rate): mean shape / rate. */
  gamma(shape: number, rate: number): number;
  /** Beta(a, b). */
  beta(a: number, b: number): number;
  /** Exponential with the given rate. */
  exponential(rate: number): number;
}

export function createRandomSource(seed: number): RandomSource {
  let state = seed >>> 0;
  const nextUint32 = (): number => {
    state = (state + 0x9e3779b9) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 16), 0x21f0aaad);
    mixed = Math.imul(mixed ^ (mixed >>> 15), 0x735a2d97);
    return (mixed ^ (mixed >>> 15)) >>> 0;
  };
  // 53 random bits, shifted by half a step so that neither 0 nor 1 can come out.
  const uniform = (): number =>
    ((nextUint32() >>> 5) * 67108864 + (nextUint32() >>> 6) + 0.5) / 9007199254740992;
  const standardNormal = (): number =>
    Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());

  const standardGamma = (shape: number): number => {
    if (shape < 1) {
      // Γ(k) = Γ(k + 1) · U^(1/k) (Marsaglia & Tsang's boost for small shapes).
      return standardGamma(shape + 1) * Math.pow(uniform(), 1 / shape);
    }
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      const normal = standardNormal();
      const v = Math.pow(1 + c * normal, 3);
      if (v <= 0) continue;
      const u = uniform();
      if (Math.log(u) < 0.5 * normal * normal + d - d * v + d * Math.log(v)) return d * v;
    }
  };

  return {
    uniform,
    gamma: (shape, rate) => standardGamma(shape) / rate,
    beta: (a, b) => {
      const x = standardGamma(a);
      return x / (x + standardGamma(b));
    },
    exponential: (rate) => -Math.log(uniform()) / rate,
  };
}
