/**
 * The Gamma-Gamma log-likelihood of a customer's mean repeat-purchase value m̄ over x purchases (Fader, Hardie &
 * Lee 2005 "RFM and CLV"; Fader & Hardie 2013 note): with spend per purchase ~ Gamma(p, ν) and ν ~ Gamma(q, γ),
 *   f(m̄ | x) = Γ(px+q) / (Γ(px) Γ(q)) · γ^q · m̄^(px−1) · x^(px) / (γ + x m̄)^(px+q)
 * and its gradient in (p, q, γ).
 */
import { digamma, logGamma } from '../math/gamma-functions.ts';

export interface RepeatBuyers {
  frequency: Float64Array;
  monetaryValue: Float64Array;
}

/** Σ log f over the repeat buyers; writes ∂/∂[p, q, γ] into `gradient` when given. */
export function gammaGammaLogLikelihood(
  parameters: ArrayLike<number>,
  buyers: RepeatBuyers,
  gradient?: Float64Array,
): number {
  const p = parameters[0] ?? Number.NaN;
  const q = parameters[1] ?? Number.NaN;
  const gamma = parameters[2] ?? Number.NaN;
  if (!(p > 0 && q > 0 && gamma > 0) || ![p, q, gamma].every(Number.isFinite))
    return Number.NEGATIVE_INFINITY;
  const logGammaQ = logGamma(q);
  const digammaQ = digamma(q);
  const logScale = Math.log(gamma);
  let total = 0;
  let gP = 0;
  let gQ = 0;
  let gGamma = 0;
  for (let index = 0; index < buyers.frequency.length; index++) {
    const x = buyers.frequency[index]!;
    const spend = buyers.monetaryValue[index]!;
    const shape = p * x;
    const logSpend = Math.log(spend);
    const logTotal = Math.log(gamma + x * spend);
    total +=
      logGamma(shape + q) -
      logGamma(shape) -
      logGammaQ +
      q * logScale +
      (shape - 1) * logSpend +
      shape * Math.log(x) -
      (shape + q) * logTotal;
    if (gradient === undefined) continue;
    const digammaSum = digamma(shape + q);
    gP += x * (digammaSum - digamma(shape) + logSpend + Math.log(x) - logTotal);
    gQ += digammaSum - digammaQ + logScale - logTotal;
    gGamma += q / gamma - (shape + q) / (gamma + x * spend);
  }
  if (gradient !== undefined) {
    gradient[0] = gP;
    gradient[1] = gQ;
    gradient[2] = gGamma;
  }
  return total;
}
