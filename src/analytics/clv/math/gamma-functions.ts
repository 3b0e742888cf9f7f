/**
 * Gamma-family special functions on real arguments: log |Γ(x)| with the sign of Γ(x), the reciprocal gamma
 * function, digamma and log Beta. The hypergeometric function needs them at negative arguments too (its
 * transformation formulas take Γ of parameter differences), so every function here handles x < 0 by reflection.
 */

// Lanczos coefficients for g = 7, n = 9 (Godfrey's set): relative error below 2e-15 for x > 0.
const LANCZOS_G = 7;
const LANCZOS_COEFFICIENTS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
] as const;
const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

function isNonPositiveInteger(x: number): boolean {
  return x <= 0 && Number.isInteger(x);
}

/**
 * |sin(πx)| from the distance to the nearest integer, which is exact in floating point: sin(π · x) itself loses
 * all digits relative to its size near the poles, where the transformations of 2F1 need it most.
 */
function absSinPi(x: number): number {
  return Math.abs(Math.sin(Math.PI * (x - Math.round(x))));
}

/** tan(πx), reduced the same way (tan has period π). */
function tanPi(x: number): number {
  return Math.tan(Math.PI * (x - Math.round(x)));
}

/** log Γ(x) for x ≥ 0.5, by the Lanczos approximation. */
function logGammaLanczos(x: number): number {
  const shifted = x - 1;
  let series = LANCZOS_COEFFICIENTS[0];
  for (let index = 1; index < LANCZOS_COEFFICIENTS.length; index++) {
    series += (LANCZOS_COEFFICIENTS[index] ?? 0) / (shifted + index);
  }
  const base = shifted + LANCZOS_G + 0.5;
  return HALF_LOG_TWO_PI + (shifted + 0.5) * Math.log(base) - base + Math.log(series);
}

/** log |Γ(x)|; +Infinity at the poles (0, −1, −2, …). */
export function logAbsGamma(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (isNonPositiveInteger(x)) return Number.POSITIVE_INFINITY;
  // Exact zeros of log Γ keep the likelihood's hand-computed cases exact.
  if (x === 1 || x === 2) return 0;
  if (x >= 0.5) return logGammaLanczos(x);
  // Reflection: Γ(x) Γ(1 − x) = π / sin(πx).
  return Math.log(Math.PI / absSinPi(x)) - logGammaLanczos(1 - x);
}

/** The sign of Γ(x): +1 for x > 0, alternating between the poles below zero; NaN at a pole. */
export function gammaSign(x: number): number {
  if (Number.isNaN(x) || isNonPositiveInteger(x)) return Number.NaN;
  if (x > 0) return 1;
  // Between −(k+1) and −k, Γ has the sign (−1)^(k+1).
  return Math.floor(-x) % 2 === 0 ? -1 : 1;
}

/** log Γ(x) for x > 0 (the case every likelihood needs). */
export function logGamma(x: number): number {
  if (!(x > 0)) throw new RangeError(`logGamma needs x > 0, got ${x}`);
  return logAbsGamma(x);
}

/** 1 / Γ(x): an entire function, exactly 0 at the poles of Γ. */
export function reciprocalGamma(x: number): number {
  if (isNonPositiveInteger(x)) return 0;
  return gammaSign(x) * Math.exp(-logAbsGamma(x));
}

/** log B(a, b) = log Γ(a) + log Γ(b) − log Γ(a + b) for a, b > 0. */
export function logBeta(a: number, b: number): number {
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}

// Bernoulli numbers B_2k / (2k) for the asymptotic digamma series.
const DIGAMMA_ASYMPTOTIC = [1 / 12, -1 / 120, 1 / 252, -1 / 240, 1 / 132, -691 / 32760, 1 / 12] as const;

/** ψ(x) = d/dx log Γ(x); NaN at the poles. */
export function digamma(x: number): number {
  if (Number.isNaN(x) || isNonPositiveInteger(x)) return Number.NaN;
  if (x < 0.5) {
    // Reflection: ψ(1 − x) − ψ(x) = π cot(πx).
    return digamma(1 - x) - Math.PI / tanPi(x);
  }
  let shift = 0;
  let value = x;
  // Recurrence ψ(x) = ψ(x + 1) − 1/x until the asymptotic series is accurate to double precision.
  while (value < 10) {
    shift -= 1 / value;
    value += 1;
  }
  const inverseSquare = 1 / (value * value);
  let series = 0;
  let power = inverseSquare;
  for (const coefficient of DIGAMMA_ASYMPTOTIC) {
    series += coefficient * power;
    power *= inverseSquare;
  }
  return shift + Math.log(value) - 0.5 / value - series;
}
