/**
 * P(p_B > p_A) for rates with Beta(1 + conversions, 1 + failures) posteriors (uniform priors), by the exact sum
 * (Evan Miller, "Formulas for Bayesian A/B testing"): Σ_{i<α_B} B(α_A+i, β_A+β_B) / ((β_B+i) B(1+i, β_B) B(α_A, β_A)),
 * summed in log space. The sum has α_B terms; beyond 200,000 conversions the normal approximation of the two
 * posteriors is used (its error there is far below the sum's rounding).
 */
import { logGamma } from '../clv/math/gamma-functions.ts';
import { normalCdf } from './normal-distribution.ts';

function logBeta(a: number, b: number): number {
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}

const EXACT_TERMS_LIMIT = 200_000;

export function probabilityToBeat(
  control: { conversions: number; trials: number },
  variant: { conversions: number; trials: number },
): number {
  const alphaA = 1 + control.conversions;
  const betaA = 1 + control.trials - control.conversions;
  const alphaB = 1 + variant.conversions;
  const betaB = 1 + variant.trials - variant.conversions;
  if (alphaB > EXACT_TERMS_LIMIT) {
    const mean = (alpha: number, beta: number) => alpha / (alpha + beta);
    const variance = (alpha: number, beta: number) =>
      (alpha * beta) / ((alpha + beta) ** 2 * (alpha + beta + 1));
    const difference = mean(alphaB, betaB) - mean(alphaA, betaA);
    return normalCdf(difference / Math.sqrt(variance(alphaA, betaA) + variance(alphaB, betaB)));
  }
  const constant = logBeta(alphaA, betaA);
  let total = 0;
  for (let i = 0; i < alphaB; i++) {
    total += Math.exp(
      logBeta(alphaA + i, betaA + betaB) - Math.log(betaB + i) - logBeta(1 + i, betaB) - constant,
    );
  }
  return Math.min(1, Math.max(0, total));
}
