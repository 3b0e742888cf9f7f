/**
 * The raw series that the Gauss hypergeometric function is assembled from. They are called where they converge
 * quickly: |z| ≤ 1/2 (see hypergeometric-2f1.ts for the transformations that get there), and the defining series
 * also above 1/2 within a term budget.
 */
import { digamma, gammaSign, logAbsGamma } from './gamma-functions.ts';

const RELATIVE_TOLERANCE = 1e-16;
const MAX_TERMS = 100_000;

function isNonPositiveInteger(x: number): boolean {
  return x <= 0 && Number.isInteger(x);
}

/**
 * Past this index every Pochhammer factor (a + n), (b + n), (c + n) is positive, so a small term can no longer be
 * followed by a growing one through a factor crossing zero.
 */
function lastSignChangeIndex(...parameters: number[]): number {
  return Math.max(0, ...parameters.map((parameter) => Math.ceil(-parameter)));
}

interface SeriesSum {
  sum: number;
  /** The largest |term| met (the first term is 1): far above |sum| means digits were lost to cancellation. */
  largestTerm: number;
}

/** Σ (a)_n (b)_n / ((c)_n n!) zⁿ, or undefined when it has not converged within `maxTerms`. */
function sumSeries(a: number, b: number, c: number, z: number, maxTerms: number): SeriesSum | undefined {
  if (z === 0) return { sum: 1, largestTerm: 1 };
  const signChangesEnd = lastSignChangeIndex(a, b, c);
  let term = 1;
  let sum = 1;
  let largestTerm = 1;
  for (let n = 0; n < maxTerms; n++) {
    const ratio = (((a + n) * (b + n)) / ((c + n) * (n + 1))) * z;
    term *= ratio;
    sum += term;
    largestTerm = Math.max(largestTerm, Math.abs(term));
    // A zero factor (a or b a non-positive integer) ends a terminating series: the function is a polynomial.
    if (term === 0) return { sum, largestTerm };
    if (n >= signChangesEnd && Math.abs(ratio) < 1 && Math.abs(term) <= RELATIVE_TOLERANCE * Math.abs(sum)) {
      return { sum, largestTerm };
    }
  }
  return undefined;
}

/** Σ (a)_n (b)_n / ((c)_n n!) zⁿ, summed until the terms no longer change the sum. */
export function sumHypergeometricSeries(a: number, b: number, c: number, z: number): number {
  const result = sumSeries(a, b, c, z, MAX_TERMS);
  if (result === undefined) {
    throw new RangeError(`2F1(${a}, ${b}; ${c}; ${z}): series did not converge in ${MAX_TERMS} terms`);
  }
  return result.sum;
}

/**
 * The defining series for 0 < z < 1 where it is still cheap and exact enough: undefined when it needs more than
 * `maxTerms` terms or when a term exceeded the sum by more than `maxCancellation` (digits lost to cancellation).
 */
export function trySumHypergeometricSeries(
  a: number,
  b: number,
  c: number,
  z: number,
  limits: { maxTerms: number; maxCancellation: number },
): number | undefined {
  const result = sumSeries(a, b, c, z, limits.maxTerms);
  if (result === undefined || result.largestTerm > limits.maxCancellation * Math.abs(result.sum))
    return undefined;
  return result.sum;
}

/** A signed number kept as sign × exp(logMagnitude), so that huge and tiny factors can be multiplied safely. */
export interface SignedLog {
  sign: number;
  logMagnitude: number;
}

/** Γ(n₁)…Γ(n_k) / (Γ(d₁)…Γ(d_j)) in signed-log form; sign 0 when a denominator sits on a pole of Γ. */
export function logGammaRatio(numerators: readonly number[], denominators: readonly number[]): SignedLog {
  if (denominators.some(isNonPositiveInteger)) return { sign: 0, logMagnitude: Number.NEGATIVE_INFINITY };
  if (numerators.some(isNonPositiveInteger)) {
    throw new RangeError(`gammaRatio: Γ has a pole in the numerator (${numerators.join(', ')})`);
  }
  let logMagnitude = 0;
  let sign = 1;
  for (const value of numerators) {
    logMagnitude += logAbsGamma(value);
    sign *= gammaSign(value);
  }
  for (const value of denominators) {
    logMagnitude -= logAbsGamma(value);
    sign *= gammaSign(value);
  }
  return { sign, logMagnitude };
}

/** Γ(n₁)…Γ(n_k) / (Γ(d₁)…Γ(d_j)); 0 when a denominator sits on a pole of Γ. */
export function gammaRatio(numerators: readonly number[], denominators: readonly number[]): number {
  const { sign, logMagnitude } = logGammaRatio(numerators, denominators);
  return sign === 0 ? 0 : sign * Math.exp(logMagnitude);
}

/** Σ_{k<m} (a)_k (b)_k (m−k−1)! / k! (z − 1)^k × Γ(c) / (Γ(a+m) Γ(b+m)): the finite part of DLMF 15.8.10. */
function logarithmicCaseFinitePart(a: number, b: number, m: number, z: number): number {
  const prefactor = logGammaRatio([a + b + m], [a + m, b + m]);
  if (m === 0 || prefactor.sign === 0) return 0;
  const logW = Math.log(1 - z);
  let pochhammerLog = 0; // log |(a)_k (b)_k|
  let pochhammerSign = 1;
  let sum = 0;
  for (let k = 0; k < m; k++) {
    if (k > 0) {
      const factor = (a + k - 1) * (b + k - 1);
      pochhammerLog += Math.log(Math.abs(factor));
      pochhammerSign *= Math.sign(factor);
    }
    // (z − 1)^k = (−1)^k w^k.
    const sign = prefactor.sign * pochhammerSign * (k % 2 === 0 ? 1 : -1);
    const logMagnitude =
      prefactor.logMagnitude + pochhammerLog + logAbsGamma(m - k) - logAbsGamma(k + 1) + k * logW;
    sum += sign * Math.exp(logMagnitude);
  }
  return sum;
}

/**
 * 2F1(a, b; a + b + m; z) for an integer m ≥ 0 and 1/2 ≤ z < 1: the logarithmic case of the 1 − z connection
 * formula, where the general formula has two cancelling poles (DLMF 15.8.10; Abramowitz & Stegun 15.3.10–11).
 * Neither a nor b may be a non-positive integer (those are polynomials, summed directly).
 */
export function hypergeometricLogarithmicCase(a: number, b: number, m: number, z: number): number {
  const w = 1 - z;
  const finitePart = logarithmicCaseFinitePart(a, b, m, z);

  // Infinite part: (z − 1)^m Γ(c) / (Γ(a) Γ(b) m!) Σ_k (a+m)_k (b+m)_k m! / (k! (k+m)!) w^k
  //   × [ln w − ψ(k+1) − ψ(k+m+1) + ψ(a+k+m) + ψ(b+k+m)].
  const logW = Math.log(w);
  let psiK1 = digamma(1);
  let psiKM1 = digamma(m + 1);
  let psiAKM = digamma(a + m);
  let psiBKM = digamma(b + m);
  let coefficient = 1;
  let sum = 0;
  const signChangesEnd = lastSignChangeIndex(a + m, b + m);
  for (let k = 0; k < MAX_TERMS; k++) {
    if (k > 0) {
      coefficient *= ((a + m + k - 1) * (b + m + k - 1) * w) / (k * (k + m));
      psiK1 += 1 / k;
      psiKM1 += 1 / (k + m);
      psiAKM += 1 / (a + m + k - 1);
      psiBKM += 1 / (b + m + k - 1);
    }
    const term = coefficient * (logW - psiK1 - psiKM1 + psiAKM + psiBKM);
    sum += term;
    const converged = k > signChangesEnd && Math.abs(term) <= RELATIVE_TOLERANCE * Math.abs(sum);
    if (converged || coefficient === 0) {
      const scale = logGammaRatio([a + b + m], [a, b, m + 1]);
      const sign = scale.sign * (m % 2 === 0 ? 1 : -1);
      return finitePart - sign * Math.exp(scale.logMagnitude + m * logW) * sum;
    }
  }
  throw new RangeError(`2F1(${a}, ${b}; ${a + b + m}; ${z}): logarithmic series did not converge`);
}
