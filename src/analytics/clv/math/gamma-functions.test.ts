import { describe, expect, it } from 'vitest';
import { digamma, gammaSign, logAbsGamma, logBeta, logGamma, reciprocalGamma } from './gamma-functions.ts';

// Reference values from mpmath at 30 digits.
const REFERENCE: readonly [x: number, logAbsGamma: number, digamma: number][] = [
  [0.5, 0.5723649429247001, -1.9635100260214235],
  [1, 0, -0.5772156649015329],
  [2.5, 0.2846828704729192, 0.7031566406452432],
  [10, 12.801827480081469, 2.251752589066721],
  [100.5, 361.4355404677776, 4.605174352581845],
  [1e4, 82099.71749644238, 9.210290371142849],
  [-0.5, 1.2655121234846454, 0.03648997397857652],
  [-2.5, -0.056243716497674054, 1.103156640645243],
  [1e-8, 18.42068073818021, -100000000.57721564],
];

describe('log-gamma and digamma', () => {
  it.each(REFERENCE)('match reference values at x = %d', (x, expectedLogGamma, expectedDigamma) => {
    expect(logAbsGamma(x)).toBeCloseTo(expectedLogGamma, 12);
    expect(Math.abs(logAbsGamma(x) - expectedLogGamma)).toBeLessThan(
      1e-14 * Math.max(1, Math.abs(expectedLogGamma)),
    );
    expect(Math.abs(digamma(x) - expectedDigamma)).toBeLessThan(
      1e-13 * Math.max(1, Math.abs(expectedDigamma)),
    );
  });

  it('gives factorials at the integers', () => {
    expect(Math.exp(logGamma(5))).toBeCloseTo(24, 12);
    expect(Math.exp(logGamma(11))).toBeCloseTo(3_628_800, 6);
  });

  it('knows the sign of Γ below zero: Γ(−0.5) = −2√π, Γ(−1.5) = 4√π/3', () => {
    expect(gammaSign(-0.5)).toBe(-1);
    expect(gammaSign(-1.5)).toBe(1);
    expect(reciprocalGamma(-0.5)).toBeCloseTo(-1 / (2 * Math.sqrt(Math.PI)), 14);
    expect(reciprocalGamma(-1.5)).toBeCloseTo(3 / (4 * Math.sqrt(Math.PI)), 14);
  });

  it('treats the poles of Γ: 1/Γ is zero there, log |Γ| infinite, ψ undefined', () => {
    expect(reciprocalGamma(0)).toBe(0);
    expect(reciprocalGamma(-3)).toBe(0);
    expect(logAbsGamma(-2)).toBe(Number.POSITIVE_INFINITY);
    expect(digamma(-1)).toBeNaN();
  });

  it('satisfies ψ(x + 1) = ψ(x) + 1/x across the switch to the asymptotic series', () => {
    for (const x of [0.3, 3.7, 9.5, 9.99, 42]) expect(digamma(x + 1)).toBeCloseTo(digamma(x) + 1 / x, 13);
  });

  it('computes log B(a, b): B(2, 3) = 1/12', () => {
    expect(logBeta(2, 3)).toBeCloseTo(Math.log(1 / 12), 14);
  });

  it('refuses log Γ of a non-positive argument where only positive ones make sense', () => {
    expect(() => logGamma(0)).toThrow(RangeError);
  });
});
