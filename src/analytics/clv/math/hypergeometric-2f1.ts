/**
 * The Gauss hypergeometric function 2F1(a, b; c; z) for real parameters and real z ≤ 1.
 *
 * The defining series converges slowly (or not at all) as z approaches 1, and alternates for z < 0, so it is only
 * summed directly for 0 ≤ z ≤ 1/2. Elsewhere the argument is moved there first:
 * - z < 0: Pfaff's transformation to z / (z − 1), which lies in (0, 1);
 * - 1/2 < z < 1: the defining series itself when it converges within a few thousand terms without cancelling,
 *   else the connection formula to 1 − z (DLMF 15.8.4), with its logarithmic form when c − a − b is an integer
 *   (DLMF 15.8.10) and Euler's transformation to make that integer non-negative. The series comes first because
 *   the connection formula cancels catastrophically when a or b is large and c is close to one of them (its two
 *   terms grow like (1 − z)^−a while the value stays moderate): BG/NBD's 2F1(a+b−1−r, a−1; a+b+x−1; z) with
 *   b ≈ 70 came out as 2·10¹² instead of 17 at z = 0.55, where the series is a sum of positive terms;
 * - z = 1: Gauss's summation theorem.
 * Polynomials (a or b a non-positive integer) are summed directly everywhere.
 */
import {
  gammaRatio,
  hypergeometricLogarithmicCase,
  logGammaRatio,
  sumHypergeometricSeries,
  trySumHypergeometricSeries,
} from './hypergeometric-series.ts';

/** Within this distance of an integer, c − a − b is treated by interpolation around the logarithmic case. */
const NEAR_INTEGER_WIDTH = 1e-5;

/**
 * The defining series above z = 1/2: up to 5,000 terms (z ≲ 0.99 for moderate parameters; its rounding error
 * stays below 10⁻¹² relative), and only while no term exceeds the sum by more than 10⁴ (at most 4 digits lost
 * to cancellation, for parameters that make early terms change sign).
 */
const DIRECT_SERIES_LIMITS = { maxTerms: 5_000, maxCancellation: 1e4 };

function isNonPositiveInteger(x: number): boolean {
  return x <= 0 && Number.isInteger(x);
}

/** The 1 − z connection formula (DLMF 15.8.4) for a non-integer s = c − a − b. */
function connectToOneMinusZ(a: number, b: number, c: number, z: number): number {
  const s = c - a - b;
  const w = 1 - z;
  const first = gammaRatio([c, s], [c - a, c - b]);
  const firstSeries = first === 0 ? 0 : sumHypergeometricSeries(a, b, 1 - s, w);
  const second = logGammaRatio([c, -s], [a, b]);
  const secondSeries = second.sign === 0 ? 0 : sumHypergeometricSeries(c - a, c - b, 1 + s, w);
  const secondTerm =
    second.sign === 0 ? 0 : second.sign * Math.exp(second.logMagnitude + s * Math.log(w)) * secondSeries;
  return first * firstSeries + secondTerm;
}

/** 2F1(a, b; a + b + m; z) for an integer m and 1/2 < z < 1. */
function evaluateIntegerCase(a: number, b: number, m: number, z: number): number {
  if (m >= 0) return hypergeometricLogarithmicCase(a, b, m, z);
  // Euler: 2F1(a, b; c; z) = (1 − z)^m 2F1(c − a, c − b; c; z), whose own c − a − b is −m > 0.
  const c = a + b + m;
  const eulerFactor = Math.pow(1 - z, m);
  if (isNonPositiveInteger(c - a) || isNonPositiveInteger(c - b)) {
    return eulerFactor * sumHypergeometricSeries(c - a, c - b, c, z);
  }
  return eulerFactor * hypergeometricLogarithmicCase(c - a, c - b, -m, z);
}

/** 2F1 for 1/2 < z < 1, where neither a nor b is a non-positive integer. */
function evaluateNearOne(a: number, b: number, c: number, z: number): number {
  const s = c - a - b;
  const m = Math.round(s);
  if (s === m) return evaluateIntegerCase(a, b, m, z);
  if (Math.abs(s - m) < NEAR_INTEGER_WIDTH) {
    // The general formula loses digits as 1 / |s − m| here; interpolate in c between the exact integer case and
    // a point far enough away (error O(width²)).
    const direction = Math.sign(s - m);
    const atInteger = evaluateIntegerCase(a, b, m, z);
    const atWidth = connectToOneMinusZ(a, b, a + b + m + direction * NEAR_INTEGER_WIDTH, z);
    return atInteger + ((s - m) / (direction * NEAR_INTEGER_WIDTH)) * (atWidth - atInteger);
  }
  return connectToOneMinusZ(a, b, c, z);
}

/** 2F1 for 0 ≤ z < 1. */
function evaluateOnUnitInterval(a: number, b: number, c: number, z: number): number {
  if (z <= 0.5) return sumHypergeometricSeries(a, b, c, z);
  return trySumHypergeometricSeries(a, b, c, z, DIRECT_SERIES_LIMITS) ?? evaluateNearOne(a, b, c, z);
}

/**
 * 2F1(a, b; c; z) = Σ (a)_n (b)_n / ((c)_n n!) zⁿ, analytically continued to all real z ≤ 1.
 * Throws a RangeError when the value is not a finite real number (z > 1, c a pole, divergence at z = 1).
 */
export function hypergeometric2F1(a: number, b: number, c: number, z: number): number {
  if (![a, b, c, z].every(Number.isFinite)) {
    throw new RangeError(`2F1(${a}, ${b}; ${c}; ${z}): arguments must be finite`);
  }
  if (z > 1) throw new RangeError(`2F1(${a}, ${b}; ${c}; ${z}): z > 1 gives a complex value`);
  const isPolynomial = isNonPositiveInteger(a) || isNonPositiveInteger(b);
  if (isNonPositiveInteger(c)) {
    // c = −k is only harmless when the polynomial ends before the zero denominator (c)_{k+1}.
    const degree = Math.min(...[a, b].filter(isNonPositiveInteger).map((value) => -value));
    if (!(degree < -c + 1)) throw new RangeError(`2F1(${a}, ${b}; ${c}; ${z}): c is a pole`);
  }
  if (isPolynomial || z === 0) return sumHypergeometricSeries(a, b, c, z);
  if (z === 1) {
    if (c - a - b <= 0) throw new RangeError(`2F1(${a}, ${b}; ${c}; 1) diverges: c − a − b ≤ 0`);
    return gammaRatio([c, c - a - b], [c - a, c - b]);
  }
  if (z < 0) {
    // Pfaff: 2F1(a, b; c; z) = (1 − z)^(−a) 2F1(a, c − b; c; z / (z − 1)); taking the form whose series
    // terminates when one does.
    const w = z / (z - 1);
    if (isNonPositiveInteger(c - a)) return Math.pow(1 - z, -b) * sumHypergeometricSeries(c - a, b, c, w);
    if (isNonPositiveInteger(c - b)) return Math.pow(1 - z, -a) * sumHypergeometricSeries(a, c - b, c, w);
    return Math.pow(1 - z, -a) * evaluateOnUnitInterval(a, c - b, c, w);
  }
  return evaluateOnUnitInterval(a, b, c, z);
}
