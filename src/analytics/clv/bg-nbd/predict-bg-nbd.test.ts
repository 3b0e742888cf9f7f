import { describe, expect, it } from 'vitest';
import { logBeta, logGamma } from '../math/gamma-functions.ts';
import type { BgNbdParameters } from '../schemas.ts';
import { integrate } from '../test-support/integrate.ts';
import {
  conditionalExpectedPurchases,
  probabilityAliveOf,
  unconditionalExpectedPurchases,
} from './predict-bg-nbd.ts';

const PUBLISHED: BgNbdParameters = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const SMOOTH: BgNbdParameters = { r: 2, alpha: 3, a: 2, b: 3 };

/**
 * E over λ ~ Gamma(r, α), p ~ Beta(a, b) of f(λ, p), by nested integration rules: accurate to about 1e-7 for the
 * smooth densities used here (r, a ≥ 2, α = 3, so λ > 15 carries no weight).
 */
function expectationOverPopulation(
  { r, alpha, a, b }: BgNbdParameters,
  f: (lambda: number, p: number) => number,
) {
  const gammaDensity = (l: number): number =>
    Math.exp(r * Math.log(alpha) + (r - 1) * Math.log(l) - alpha * l - logGamma(r));
  const betaDensity = (p: number): number =>
    Math.exp((a - 1) * Math.log(p) + (b - 1) * Math.log1p(-p) - logBeta(a, b));
  return integrate(
    (p) => betaDensity(p) * integrate((l) => f(l, p) * gammaDensity(l), 0, 15, 600),
    0,
    1,
    200,
  );
}

/** Expected purchases of an alive customer with rate λ and dropout p over t: (1 − e^(−λpt)) / p (FHL eq. 8). */
function expectedIfAlive(lambda: number, p: number, t: number): number {
  return p === 0 ? lambda * t : -Math.expm1(-lambda * p * t) / p;
}

describe('probabilityAliveOf', () => {
  it('is 1 for a customer without repeat purchases', () => {
    expect(probabilityAliveOf(PUBLISHED, { frequency: 0, recency: 0, T: 40 })).toBe(1);
  });

  it('equals a hand computation: odds of dropout 1/2 · (4/2)³ = 4 give 1/5', () => {
    const parameters = { r: 1, alpha: 1, a: 1, b: 1 };
    expect(probabilityAliveOf(parameters, { frequency: 2, recency: 1, T: 3 })).toBeCloseTo(0.2, 15);
  });

  it('falls the longer a frequent buyer has been silent, without overflowing for large x', () => {
    const recent = probabilityAliveOf(PUBLISHED, { frequency: 400, recency: 99, T: 100 });
    const silent = probabilityAliveOf(PUBLISHED, { frequency: 400, recency: 50, T: 100 });
    expect(recent).toBeGreaterThan(0.9);
    expect(silent).toBeGreaterThanOrEqual(0);
    expect(silent).toBeLessThan(1e-100);
  });
});

describe('conditionalExpectedPurchases', () => {
  it('matches the expectation integrated numerically over the posterior of λ and p', () => {
    for (const [frequency, recency, T, t] of [
      [0, 0, 5, 4],
      [3, 4, 6, 10],
      [1, 0.5, 8, 30],
    ] as const) {
      const aliveWeight = (l: number, p: number): number =>
        Math.pow(1 - p, frequency) * Math.pow(l, frequency) * Math.exp(-l * T);
      const likelihood = (l: number, p: number): number =>
        aliveWeight(l, p) +
        (frequency > 0
          ? p * Math.pow(1 - p, frequency - 1) * Math.pow(l, frequency) * Math.exp(-l * recency)
          : 0);
      const expected =
        expectationOverPopulation(SMOOTH, (l, p) => aliveWeight(l, p) * expectedIfAlive(l, p, t)) /
        expectationOverPopulation(SMOOTH, likelihood);
      expect(conditionalExpectedPurchases(SMOOTH, { frequency, recency, T }, t)).toBeCloseTo(expected, 6);
    }
  });

  // mpmath (30 digits) with the published CDNOW estimates, 52 weeks ahead.
  it.each([
    [2, 30.428571, 38.857143, 1.55882895268586],
    [1, 1.714286, 38.857143, 0.260032769062234],
    [0, 0, 38.857143, 0.252087656140328],
  ])('matches mpmath for CDNOW customer x = %d, t_x = %d, T = %d', (frequency, recency, T, expected) => {
    expect(conditionalExpectedPurchases(PUBLISHED, { frequency, recency, T }, 52)).toBeCloseTo(expected, 12);
  });

  it('is zero for a zero horizon and grows with the horizon', () => {
    const customer = { frequency: 3, recency: 20, T: 30 };
    expect(conditionalExpectedPurchases(PUBLISHED, customer, 0)).toBe(0);
    const horizons = [1, 10, 52, 520, 5200];
    const predictions = horizons.map((t) => conditionalExpectedPurchases(PUBLISHED, customer, t));
    predictions.slice(1).forEach((value, index) => expect(value).toBeGreaterThan(predictions[index]!));
  });

  it('stays finite for very frequent buyers and long horizons', () => {
    const value = conditionalExpectedPurchases(PUBLISHED, { frequency: 500, recency: 360, T: 365 }, 3650);
    expect(Number.isFinite(value)).toBe(true);
    expect(value).toBeGreaterThan(100);
  });

  it('is continuous through a = 1, where the closed form is 0/0', () => {
    const customer = { frequency: 2, recency: 10, T: 20 };
    const at = (a: number): number => conditionalExpectedPurchases({ ...PUBLISHED, a }, customer, 30);
    expect(Number.isFinite(at(1))).toBe(true);
    expect(at(1)).toBeCloseTo((at(1 - 1e-4) + at(1 + 1e-4)) / 2, 7);
  });
});

describe('unconditionalExpectedPurchases', () => {
  it('matches E[X(t)] integrated over the population', () => {
    const expected = expectationOverPopulation(SMOOTH, (l, p) => expectedIfAlive(l, p, 7));
    expect(unconditionalExpectedPurchases(SMOOTH, 7)).toBeCloseTo(expected, 7);
  });

  it('matches mpmath for the CDNOW estimates over 52 weeks', () => {
    expect(unconditionalExpectedPurchases(PUBLISHED, 52)).toBeCloseTo(1.4460505953964, 12);
  });
});
