import { describe, expect, it } from 'vitest';
import { logGamma } from './gamma-functions.ts';
import { hypergeometric2F1 } from './hypergeometric-2f1.ts';

function expectRelativelyClose(actual: number, expected: number, tolerance: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tolerance * Math.abs(expected));
}

// [a, b, c, z, 2F1(a, b; c; z)] from mpmath.hyp2f1 at 40 digits.
const MPMATH_VALUES: readonly [string, number, number, number, number, number][] = [
  ['series', 2.5, -0.7, 3.2, 0.45, 0.7369850494154981],
  ['series at BG/NBD parameters', 0.243, 2.426, 2.219, 0.5, 1.2070970070440423],
  ['z near 1', 0.243, 2.426, 2.219, 0.9, 1.947631169818602],
  ['z near 1, negative b', 1.976, -0.207, 12.219, 0.95, 0.9649443083258028],
  ['z = 0.999', 0.3, 0.7, 1.4, 0.999, 1.5405749200999717],
  ['c − a − b < 0', 2.5, 3.5, 1.2, 0.8, 7093.869792776191],
  ['all parameters negative', -0.5, -1.7, -2.3, 0.75, 0.7354375287616995],
  ['large parameters near 1', 10.243, 12.426, 12.219, 0.99, 7.65169220737264e20],
  ['very large parameters', 50.243, 52.426, 52.219, 0.9, 2.7981010719674782e50],
  // BG/NBD's 2F1(a+b−1−r, a−1; a+b+x−1; z) with b ≈ 73, where the 1 − z connection formula cancels.
  [
    'BG/NBD with large b, x = 0',
    75.69073600425604,
    3.622950210853298,
    76.38224772287339,
    0.55,
    17.36453693234875,
  ],
  [
    'BG/NBD with large b, x = 10',
    75.69073600425604,
    3.622950210853298,
    86.38224772287339,
    0.7,
    32.31674474537194,
  ],
  // a → 0, b → 10⁶ (nobody drops out, Online Retail): the connection formula's series would not converge.
  [
    'BG/NBD with a → 0',
    1145353.9959272195,
    -0.9999999979046208,
    1145354.740353283,
    0.6059781777780999,
    0.39402221684781674,
  ],
  ['z = 1 − 10⁻⁶, large c', 1.976, -0.207, 202.219, 0.999999, 0.997965400230562],
  ['c − a − b = 0 (logarithmic case)', 0.3, 0.2, 0.5, 0.95, 1.3739448155973972],
  ['c − a − b = 1', 0.3, 0.2, 1.5, 0.95, 1.0644141170004762],
  ['c − a − b = 3', 0.3, 0.2, 3.5, 0.7, 1.0139072605069857],
  ['c − a − b = −2', 1.5, 2.5, 2.0, 0.6, 5.73690684258977],
  ['c − a − b = −1', 0.25, 0.5, -0.25, 0.9, -5.23526844026469],
  ['c − a − b = 1 + 3·10⁻⁷', 0.3, 0.2, 1.5000003, 0.95, 1.0644140976719925],
  ['c − a − b = 1 − 2·10⁻⁶', 0.3, 0.2, 1.499998, 0.8, 1.046421172433281],
  ['negative z', 0.243, 2.426, 2.219, -0.4, 0.9152341311177515],
  ['z = −50', 1.976, -0.207, 2.219, -50, 2.194211594786484],
  ['z = −10⁴', 3.3, 1.1, 2.2, -1e4, 1.8930905038447058e-5],
  ['polynomial', -3, 2.5, 1.7, 0.9, -0.028418124006359295],
  ['polynomial with negative c after its last term', -4, 1.5, -6, -2.5, 2.76025390625],
];

describe('hypergeometric2F1', () => {
  it.each(MPMATH_VALUES)('matches mpmath: %s', (_, a, b, c, z, expected) => {
    expectRelativelyClose(hypergeometric2F1(a, b, c, z), expected, 1e-11);
  });

  it('matches closed forms: −ln(1−z)/z, (1−z)^−a, arcsin, arctan', () => {
    for (const z of [0.1, 0.5, 0.75, 0.99, 0.999999]) {
      expectRelativelyClose(hypergeometric2F1(1, 1, 2, z), -Math.log1p(-z) / z, 1e-13);
      expectRelativelyClose(hypergeometric2F1(2.7, 0.4, 0.4, z), Math.pow(1 - z, -2.7), 1e-12);
      expectRelativelyClose(
        hypergeometric2F1(0.5, 0.5, 1.5, z),
        Math.asin(Math.sqrt(z)) / Math.sqrt(z),
        1e-13,
      );
    }
    for (const x of [0.3, 1, 2, 30]) {
      expectRelativelyClose(hypergeometric2F1(0.5, 1, 1.5, -x * x), Math.atan(x) / x, 1e-13);
      expectRelativelyClose(hypergeometric2F1(1, 1, 2, -x), Math.log1p(x) / x, 1e-13);
    }
  });

  it('matches 2F1(1, 1; 3; z) = 2((1−z) ln(1−z) + z)/z² where c − a − b = 1', () => {
    for (const z of [0.2, 0.6, 0.95]) {
      expectRelativelyClose(
        hypergeometric2F1(1, 1, 3, z),
        (2 * ((1 - z) * Math.log1p(-z) + z)) / (z * z),
        1e-12,
      );
    }
  });

  it("uses Gauss's theorem at z = 1", () => {
    const expected = Math.exp(logGamma(2.1) + logGamma(1.4) - logGamma(1.8) - logGamma(1.7));
    expectRelativelyClose(hypergeometric2F1(0.3, 0.4, 2.1, 1), expected, 1e-13);
  });

  it('is continuous where c − a − b crosses an integer', () => {
    const exact = hypergeometric2F1(0.3, 0.2, 1.5, 0.8);
    for (const offset of [1e-9, -1e-9, 1e-6, -1e-6, 2e-5, -2e-5]) {
      expect(hypergeometric2F1(0.3, 0.2, 1.5 + offset, 0.8)).toBeCloseTo(exact, 4);
      expect(Math.abs(hypergeometric2F1(0.3, 0.2, 1.5 + offset, 0.8) - exact)).toBeLessThan(
        Math.abs(offset) + 1e-12,
      );
    }
  });

  it('refuses arguments where the value is not a finite real number', () => {
    expect(() => hypergeometric2F1(1, 1, 2, 1.5)).toThrow(/complex/);
    expect(() => hypergeometric2F1(1, 1, -2, 0.5)).toThrow(/pole/);
    expect(() => hypergeometric2F1(1, 2, 3, 1)).toThrow(/diverges/);
    expect(() => hypergeometric2F1(Number.NaN, 2, 3, 0.5)).toThrow(/finite/);
  });

  it('returns 1 at z = 0', () => {
    expect(hypergeometric2F1(3.3, -1.2, 0.7, 0)).toBe(1);
  });
});
