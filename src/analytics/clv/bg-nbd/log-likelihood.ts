/**
 * The BG/NBD log-likelihood (Fader, Hardie & Lee 2005, eq. 6) and its gradient, summed over packed histories.
 *
 * For a customer with x repeat purchases, recency t_x and age T:
 *   L = B(a, b+x)/B(a, b) · Γ(r+x) α^r / Γ(r) · [ (α+T)^−(r+x) + 𝟙(x>0) · a/(b+x−1) · (α+t_x)^−(r+x) ]
 * The bracket is evaluated as a log-sum-exp of its two terms, so that neither underflows for large x or T.
 * Because x is a whole number, log Γ(r+x) − log Γ(r) = Σ_{k<x} log(r+k) and its derivative Σ 1/(r+k) (and the
 * same for the Beta ratio) are tabulated once per evaluation for x = 0…max x: the per-customer work is then two
 * logarithms and one exponential.
 */
import type { BgNbdParameters } from '../schemas.ts';
import type { PackedHistories } from './pack-histories.ts';

/** Parameters in the fixed order [r, α, a, b] used by the optimiser and the gradient. */
export type BgNbdVector = readonly [number, number, number, number];

export function toBgNbdVector(parameters: BgNbdParameters): BgNbdVector {
  return [parameters.r, parameters.alpha, parameters.a, parameters.b];
}

export function fromBgNbdVector(vector: readonly number[]): BgNbdParameters {
  const [r = Number.NaN, alpha = Number.NaN, a = Number.NaN, b = Number.NaN] = vector;
  return { r, alpha, a, b };
}

interface FrequencyTables {
  /** log Γ(r+x) − log Γ(r) */
  logGammaRatio: Float64Array;
  /** log B(a, b+x) − log B(a, b) */
  logBetaRatio: Float64Array;
  /** d/dr of logGammaRatio */
  dR: Float64Array;
  /** d/da of logBetaRatio */
  dA: Float64Array;
  /** d/db of logBetaRatio */
  dB: Float64Array;
  /** log(a / (b + x − 1)), the weight of the dropout term (x ≥ 1) */
  logDropoutWeight: Float64Array;
}

function tabulateByFrequency([r, , a, b]: BgNbdVector, maxFrequency: number): FrequencyTables {
  const size = maxFrequency + 1;
  const tables: FrequencyTables = {
    logGammaRatio: new Float64Array(size),
    logBetaRatio: new Float64Array(size),
    dR: new Float64Array(size),
    dA: new Float64Array(size),
    dB: new Float64Array(size),
    logDropoutWeight: new Float64Array(size),
  };
  for (let x = 1; x < size; x++) {
    const k = x - 1;
    tables.logGammaRatio[x] = tables.logGammaRatio[k]! + Math.log(r + k);
    tables.logBetaRatio[x] = tables.logBetaRatio[k]! + Math.log((b + k) / (a + b + k));
    tables.dR[x] = tables.dR[k]! + 1 / (r + k);
    tables.dA[x] = tables.dA[k]! - 1 / (a + b + k);
    tables.dB[x] = tables.dB[k]! + 1 / (b + k) - 1 / (a + b + k);
    tables.logDropoutWeight[x] = Math.log(a / (b + k));
  }
  return tables;
}

/**
 * Σ weight · log L over the packed histories. When `gradient` is given, it receives ∂/∂[r, α, a, b] of the sum.
 * Returns −Infinity for parameters outside (0, ∞)⁴.
 */
export function bgNbdLogLikelihood(
  vector: BgNbdVector,
  histories: PackedHistories,
  gradient?: Float64Array,
): number {
  const [r, alpha, a, b] = vector;
  if (!(r > 0 && alpha > 0 && a > 0 && b > 0) || !vector.every(Number.isFinite))
    return Number.NEGATIVE_INFINITY;
  const tables = tabulateByFrequency(vector, histories.maxFrequency);
  const logAlpha = Math.log(alpha);
  const { frequency, recency, age, weight } = histories;
  let total = 0;
  let gR = 0;
  let gAlpha = 0;
  let gA = 0;
  let gB = 0;
  for (let row = 0; row < weight.length; row++) {
    const x = frequency[row]!;
    const w = weight[row]!;
    const s = r + x;
    const logAgeTerm = Math.log(alpha + age[row]!);
    const first = -s * logAgeTerm;
    let bracket = first;
    // Share of the bracket that comes from the "dropped out after the last purchase" term.
    let dropoutShare = 0;
    let logRecencyTerm = 0;
    if (x > 0) {
      logRecencyTerm = Math.log(alpha + recency[row]!);
      const second = tables.logDropoutWeight[x]! - s * logRecencyTerm;
      // log(eᶠ + eˢ) = max + log1p(e^−|f−s|), without overflow.
      const smallerOverLarger = Math.exp(-Math.abs(second - first));
      bracket = Math.max(first, second) + Math.log1p(smallerOverLarger);
      dropoutShare =
        second > first ? 1 / (1 + smallerOverLarger) : smallerOverLarger / (1 + smallerOverLarger);
    }
    total += w * (tables.logGammaRatio[x]! + r * logAlpha + tables.logBetaRatio[x]! + bracket);
    if (gradient === undefined) continue;
    const aliveShare = 1 - dropoutShare;
    gR += w * (tables.dR[x]! + logAlpha - aliveShare * logAgeTerm - dropoutShare * logRecencyTerm);
    gAlpha +=
      w *
      (r / alpha -
        s * (aliveShare / (alpha + age[row]!) + (x > 0 ? dropoutShare / (alpha + recency[row]!) : 0)));
    gA += w * (tables.dA[x]! + dropoutShare / a);
    gB += w * (tables.dB[x]! - (x > 0 ? dropoutShare / (b + x - 1) : 0));
  }
  if (gradient !== undefined) {
    gradient[0] = gR;
    gradient[1] = gAlpha;
    gradient[2] = gA;
    gradient[3] = gB;
  }
  return total;
}
